using System.Text.RegularExpressions;

namespace Telemed.UnitTests.Text;

/// <summary>
/// Every error code the server can answer with has words in the web app (a feature's <c>errors</c> section or the app-wide
/// <c>errorCodes</c>; the i18n test then requires its Russian), so no reader is shown the server's English <c>detail</c>.
/// The codes are found in the source where an <c>Error</c> is made.
/// </summary>
public sealed partial class ErrorCodeTextsTests
{
    [Fact]
    public void Every_error_code_the_server_makes_has_words_in_the_web_app()
    {
        var codes = RepositoryFiles.ServerSources()
            .SelectMany(f => ErrorMade().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .ToHashSet();
        var web = string.Concat(System.IO.Directory.EnumerateFiles(RepositoryFiles.Path("web", "src", "shared", "i18n"), "*.ts")
            .Where(f => !f.EndsWith(".ru.ts", StringComparison.Ordinal) && !f.EndsWith("ru.ts", StringComparison.Ordinal) && !f.EndsWith(".test.ts", StringComparison.Ordinal))
            .Select(File.ReadAllText));

        codes.Count.ShouldBeGreaterThan(150, "the scan should find the codes it guards");
        codes.Where(code => !HasWords(web, code)).Order().ShouldBeEmpty();
    }

    // Keyed flat ("records.file_missing": …) or nested under the code's prefix (records: { file_missing: … }).
    private static bool HasWords(string web, string code)
    {
        if (web.Contains($"\"{code}\":", StringComparison.Ordinal)) return true;
        var dot = code.IndexOf('.');
        return Regex.IsMatch(web, $@"\b{Regex.Escape(code[..dot])}: \{{[^}}]*\b{Regex.Escape(code[(dot + 1)..])}:");
    }

    // Error.Validation("code", …), new Error("code", …), and a field "Error Name = new("code", …)".
    [GeneratedRegex(@"(?:\bError\.\w+|\bnew Error|\bError\s+\w+\s*=\s*new|\bError\s+\w+\s*=>\s*new)\(\s*""([a-z_]+\.[a-z0-9_.]+)""")]
    private static partial Regex ErrorMade();
}
