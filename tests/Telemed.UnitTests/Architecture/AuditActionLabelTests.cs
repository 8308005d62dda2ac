using System.Text.RegularExpressions;

namespace Telemed.UnitTests.Architecture;

/// <summary>
/// The audit viewer shows actions and record types in words, in English and Russian (issue 11, item 8). A code the server
/// writes without a label shows up raw; this finds every action and record type written in the source and asks both
/// languages of the viewer for it.
/// </summary>
public sealed partial class AuditActionLabelTests
{
    [GeneratedRegex("\"(?<code>[a-z_0-9]+\\.[a-z_0-9]+)\",\\s*AuditOutcome")]
    private static partial Regex RecordedAction();

    [GeneratedRegex("const string \\w+ = \"(?<code>[a-z_0-9]+\\.[a-z_0-9]+)\"")]
    private static partial Regex ActionConstant();

    [GeneratedRegex("\\? \"(?<code>[a-z_0-9]+\\.[a-z_0-9]+)\" : \"(?<other>[a-z_0-9]+\\.[a-z_0-9]+)\", AuditOutcome")]
    private static partial Regex EitherAction();

    [GeneratedRegex("RunAsync\\(id, \"(?<name>[a-z_]+)\"")]
    private static partial Regex AppointmentTransition();

    [GeneratedRegex("(AuditRecordType => |AuditOutcome\\.\\w+, |RecordDenied\\()\"(?<code>[A-Z][A-Za-z0-9]+)\"")]
    private static partial Regex RecordType();

    [Theory]
    [InlineData("administration.en.ts")]
    [InlineData("administration.ru.ts")]
    public void Every_audit_action_and_record_type_the_server_writes_has_a_label_in_the_viewer(string labels)
    {
        var root = RepositoryFiles.Root();
        var text = string.Join("\n", RepositoryFiles.ServerSources().Select(File.ReadAllText));
        var actions = RecordedAction().Matches(text).Select(m => m.Groups["code"].Value)
            .Concat(EitherAction().Matches(text).SelectMany(m => new[] { m.Groups["code"].Value, m.Groups["other"].Value }))
            .Concat(AppointmentTransition().Matches(text).Select(m => $"appointment.{m.Groups["name"].Value}"))
            .Concat(new[] { "phi.read", "phi.create", "phi.update", "phi.delete", "access.denied", "access.break_glass" })
            .Distinct().ToList();
        var constants = ActionConstant().Matches(File.ReadAllText(Path.Combine(root, "src/BuildingBlocks/Telemed.BuildingBlocks/Auditing/AuditRecord.cs")))
            .Select(m => m.Groups["code"].Value);
        var types = RecordType().Matches(text).Select(m => m.Groups["code"].Value).Distinct().ToList();
        var i18n = File.ReadAllText(Path.Combine(root, "web/src/shared/i18n", labels));
        var actionBlock = i18n[i18n.IndexOf("actions: {", StringComparison.Ordinal)..i18n.IndexOf("outcomes: {", StringComparison.Ordinal)];
        var typeBlock = i18n[i18n.IndexOf("recordTypes: {", StringComparison.Ordinal)..i18n.IndexOf("roles: {", StringComparison.Ordinal)];

        actions.Count.ShouldBeGreaterThan(30);
        var missing = actions.Concat(constants).Distinct().Where(code => !HasLabel(actionBlock, code))
            .Concat(types.Where(type => !Regex.IsMatch(typeBlock, $"\\b{type}:"))).ToList();
        missing.ShouldBeEmpty($"{labels} has no label for: {string.Join(", ", missing)}");
    }

    /// <summary>An action <c>group.name</c> is labelled when the group block holds a <c>name:</c> key.</summary>
    private static bool HasLabel(string actionBlock, string code)
    {
        var (group, name) = (code[..code.IndexOf('.')], code[(code.IndexOf('.') + 1)..]);
        var start = Regex.Match(actionBlock, $"\\b{group}: \\{{");
        if (!start.Success)
        {
            return false;
        }

        var end = actionBlock.IndexOf('}', start.Index);
        return Regex.IsMatch(actionBlock[start.Index..end], $"\\b{name}:");
    }
}
