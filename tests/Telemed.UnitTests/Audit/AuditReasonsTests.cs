using System.Text.RegularExpressions;
using Telemed.BuildingBlocks.Auditing;

namespace Telemed.UnitTests.Audit;

/// <summary>
/// The administrator reads the trail in their own language: a reason the system wrote is read as a code
/// (<see cref="AuditReasons"/>) the web app words, and a reason a person typed stays as typed.
/// </summary>
public sealed partial class AuditReasonsTests
{
    [Theory]
    [InlineData("not a participant", "not_a_participant")]
    [InlineData("unknown account or no password", "unknown_account")]
    [InlineData("wrong password; now locked out", "wrong_password_now_locked_out")]
    [InlineData("idle", "session_idle")]
    public void Given_a_fixed_reason_When_read_Then_it_has_its_code_and_no_arguments(string reason, string code)
    {
        var read = AuditReasons.Read(reason).ShouldNotBeNull();
        read.Code.ShouldBe(code);
        read.Arguments.ShouldBeEmpty();
    }

    [Fact]
    public void Given_the_hosts_policy_refusal_When_read_Then_the_roles_and_the_endpoint_are_its_arguments()
    {
        var inRole = AuditReasons.Read("not in role: Admin or FrontDesk required (GET /api/admin/users/{id})").ShouldNotBeNull();
        inRole.Code.ShouldBe("not_in_role");
        inRole.Arguments["roles"].ShouldBe("Admin or FrontDesk");
        inRole.Arguments["endpoint"].ShouldBe("GET /api/admin/users/{id}");

        var signedOut = AuditReasons.Read("not signed in: Patient required").ShouldNotBeNull();
        signedOut.Code.ShouldBe("not_signed_in");
        signedOut.Arguments["roles"].ShouldBe("Patient");
        signedOut.Arguments.ContainsKey("endpoint").ShouldBeFalse();

        AuditReasons.Read("not allowed (POST /api/x)").ShouldNotBeNull().Code.ShouldBe("not_allowed");
    }

    [Fact]
    public void Given_a_reason_with_a_value_When_read_Then_the_value_is_an_argument()
    {
        var retention = AuditReasons.Read("retention: attached to nothing 24 h after upload").ShouldNotBeNull();
        retention.Code.ShouldBe("retention_unattached");
        retention.Arguments["hours"].ShouldBe("24");

        var draft = AuditReasons.Read("retention: not saved for 30 days").ShouldNotBeNull();
        draft.Code.ShouldBe("retention_draft_unsaved");
        draft.Arguments["days"].ShouldBe("30");

        var finding = AuditReasons.Read("finding duplicate_therapy").ShouldNotBeNull();
        finding.Code.ShouldBe("overridden_finding");
        finding.Arguments["code"].ShouldBe("duplicate_therapy");

        var shown = AuditReasons.Read("was hidden: spam, see ticket 42").ShouldNotBeNull();
        shown.Code.ShouldBe("was_hidden");
        shown.Arguments["text"].ShouldBe("spam, see ticket 42");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Patient asked at the front desk to be seen urgently")]
    [InlineData("Not a participant")]
    [InlineData("not a participant ")]
    [InlineData("Doctor")]
    [InlineData("Admin -> Admin, Doctor")]
    [InlineData("finding DROP TABLE")]
    public void Given_a_reason_a_person_typed_or_a_value_When_read_Then_it_has_no_code(string? reason) =>
        AuditReasons.Read(reason).ShouldBeNull();

    [Fact]
    public void Given_a_very_long_reason_When_read_Then_it_has_no_code_and_does_not_hang() =>
        AuditReasons.Read("not in role: " + new string('a', 100_000)).ShouldBeNull();

    [Fact]
    public void Every_code_is_snake_case()
    {
        foreach (var code in AuditReasons.Codes)
        {
            SnakeCase().IsMatch(code).ShouldBeTrue(code);
        }
    }

    /// <summary>
    /// Every fixed reason the source passes with a refusal (<c>AuditOutcome.Denied</c>, <c>RecordDenied</c>, a module's
    /// <c>Denied</c>/<c>Deny</c>) or a failed sign-in is in the catalogue, so none reaches a Russian-speaking administrator as an
    /// English sentence: a new refusal without a code fails here.
    /// </summary>
    [Fact]
    public void Every_refusal_reason_in_the_source_has_a_code()
    {
        var missing = new List<string>();
        var seen = 0;
        foreach (var file in RepositoryFiles.ServerSources())
        {
            var text = File.ReadAllText(file);
            foreach (Match marker in RefusalMarker().Matches(text))
            {
                var end = text.IndexOf(';', marker.Index);
                // Comments and comparisons ("== \"signed\"", "=> \"refused\"") hold no reason.
                var statement = Comment().Replace(text[marker.Index..(end < 0 ? text.Length : end)], "");
                foreach (Match literal in Phrase().Matches(statement))
                {
                    seen++;
                    if (!AuditReasons.Phrases.ContainsKey(literal.Groups[1].Value)) missing.Add($"{Path.GetFileName(file)}: \"{literal.Groups[1].Value}\"");
                }
            }
        }

        seen.ShouldBeGreaterThan(30, "the scan should find the refusals it guards");
        missing.ShouldBeEmpty();
    }

    /// <summary>The web app words every code the server can answer (administration.audit.reasons), and nothing else.</summary>
    [Fact]
    public void The_web_app_words_every_code()
    {
        var text = File.ReadAllText(RepositoryFiles.Path("web", "src", "shared", "i18n", "administration.en.ts"));
        var start = text.IndexOf("    reasons: {", StringComparison.Ordinal);
        start.ShouldBeGreaterThan(0);
        var block = text[(start + "    reasons: {".Length)..text.IndexOf("\n    },", start, StringComparison.Ordinal)];
        var keys = WebKey().Matches(block).Select(m => m.Groups[1].Value).ToHashSet();
        keys.Order().ShouldBe(AuditReasons.Codes.Order());
    }

    [GeneratedRegex(@"^\s+([a-z0-9_]+):", RegexOptions.Multiline)]
    private static partial Regex WebKey();

    [GeneratedRegex(@"//[^\n]*")]
    private static partial Regex Comment();

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex SnakeCase();

    [GeneratedRegex(@"RecordDenied\(|\.Denied\(|\bDeny\(|AuditOutcome\.Denied|AuditActions\.SignInFailed")]
    private static partial Regex RefusalMarker();

    // A plain (not interpolated, not compared) literal that reads as a phrase: lower-case words, no dots (actions are dotted codes).
    [GeneratedRegex(@"(?<![\$@]|[=!]= |=> )""([a-z][a-z ,'\-;:+]*)""")]
    private static partial Regex Phrase();
}
