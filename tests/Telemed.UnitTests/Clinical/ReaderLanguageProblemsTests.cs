using System.Text.RegularExpressions;
using Telemed.Modules.Audit.Verification;
using Telemed.Modules.Clinical.Signing;

namespace Telemed.UnitTests.Clinical;

/// <summary>
/// Why a check failed, as the reader's screen shows it. The protocol's verification box and the administrator's audit-chain
/// check showed the server's English sentence to a Russian reader; they are now worded in the reader's language, and a
/// sentence a table does not know is shown as written rather than lost.
/// </summary>
public sealed partial class ReaderLanguageProblemsTests
{
    [Fact]
    public void Given_a_Russian_reader_Then_a_failed_signature_check_says_why_in_Russian()
    {
        SignatureProblemWording.In("The document was changed after it was signed.", "ru").ShouldBe("Документ изменён после подписания.");
        SignatureProblemWording.In("The signer's certificate is revoked.", "ru-RU").ShouldBe("Сертификат подписанта отозван.");
        SignatureProblemWording.In("The document was changed after it was signed.", "en").ShouldBe("The document was changed after it was signed.");
        SignatureProblemWording.In("Something new.", "ru").ShouldBe("Something new.");
        SignatureProblemWording.In((string?)null, "ru").ShouldBeNull();
    }

    [Fact]
    public void Every_reason_the_signature_checks_write_has_Russian_words()
    {
        var sources = new[]
        {
            RepositoryFiles.Path("src", "Modules", "Clinical", "Telemed.Modules.Clinical", "Signing", "CmsDocumentSignatures.cs"),
            RepositoryFiles.Path("src", "Modules", "Clinical", "Telemed.Modules.Clinical", "Protocols", "VerifyProtocol", "VerifyProtocol.cs"),
            RepositoryFiles.Path("src", "Modules", "Clinical", "Telemed.Modules.Clinical", "Prescriptions", "Dispensing", "PrescriptionsForDispensing.cs"),
        };
        var sentences = sources.SelectMany(f => Sentence().Matches(File.ReadAllText(f)).Select(m => m.Groups["text"].Value)).Distinct().ToList();
        sentences.ShouldNotBeEmpty();
        var statuses = new[] { "expired", "revoked", "untrusted" };
        var expanded = sentences.SelectMany(s => s.Contains("{status}", StringComparison.Ordinal) ? statuses.Select(x => s.Replace("{status}", x, StringComparison.Ordinal)) : [s]);

        expanded.Where(s => !SignatureProblemWording.Known.Contains(s)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("Entry 42 was altered after it was written.", "Запись 42 изменена после записи в журнал.")]
    [InlineData("Entry 7 is missing.", "Запись 7 отсутствует.")]
    [InlineData("Entry 7 does not link to the entry before it.", "Запись 7 не связана с предыдущей записью.")]
    [InlineData("Entry 9 is not the one the head records.", "Запись 9 — не та, которую фиксирует печать журнала.")]
    [InlineData("Entries after 10 are missing (the head records 12).", "Записи после 10 отсутствуют (печать заканчивается на 12).")]
    [InlineData("Entries after 12 were added outside the sealer (the head records 12).", "Записи после 12 добавлены в обход печати журнала (печать заканчивается на 12).")]
    public void Given_a_Russian_admin_Then_the_audit_chain_break_is_described_in_Russian_with_its_numbers(string english, string russian)
    {
        AuditProblemWording.In(english, "ru").ShouldBe(russian);
        AuditProblemWording.In(english, "en").ShouldBe(english);
    }

    [Fact]
    public void Every_break_the_audit_verifier_describes_has_a_Russian_pattern()
    {
        var source = File.ReadAllText(RepositoryFiles.Path("src", "Modules", "Audit", "Telemed.Modules.Audit", "Verification", "AuditChainVerifier.cs"));
        var sentences = Broken().Matches(source).Select(m => Regex.Replace(m.Groups["text"].Value, @"\{[^}]+\}", "3")).ToList();
        sentences.Count.ShouldBeGreaterThanOrEqualTo(6);

        sentences.Where(s => AuditProblemWording.In(s, "ru") == s).ShouldBeEmpty();
    }

    // A problem sentence: a string literal (plain or interpolated) that starts with a capital and ends with a full stop,
    // given to a SignatureCheck or as its problem.
    [GeneratedRegex("""(?:"untrusted",\s*|problem = !intact \? |: signedAt is null \? |: status != "valid" \? |^\s*)\$?"(?<text>[A-Z][^"]+\.)"[,;)\s]""", RegexOptions.Multiline)]
    private static partial Regex Sentence();

    [GeneratedRegex("""Broken\([^,]+,[^,]+,\s*\$?"(?<text>[^"]+)"\)""")]
    private static partial Regex Broken();
}
