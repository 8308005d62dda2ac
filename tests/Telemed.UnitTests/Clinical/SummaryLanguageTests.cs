using Telemed.Modules.Clinical.Icd10;
using Telemed.Modules.Clinical.Protocols;
using Telemed.Modules.Clinical.Protocols.VisitSummaries;

namespace Telemed.UnitTests.Clinical;

/// <summary>The patient reads diagnosis titles in their own language.</summary>
public sealed class SummaryLanguageTests
{
    private static readonly Dictionary<string, Icd10Match> Catalogue = new()
    {
        ["G44.2"] = new("G44.2", "Tension-type headache", "Головная боль напряженного типа"),
        ["Z00.0"] = new("Z00.0", "General medical examination", ""),
    };

    [Fact]
    public void A_Russian_reader_gets_the_Russian_title_and_falls_back_to_English_when_the_catalogue_has_none()
    {
        var headache = new ProtocolDiagnosis("G44.2", "stored", DiagnosisRole.Primary, DiagnosisCertainty.Preliminary);
        SummaryLanguage.TitleFor(headache, Catalogue, russian: true).ShouldBe("Головная боль напряженного типа");
        SummaryLanguage.TitleFor(headache, Catalogue, russian: false).ShouldBe("Tension-type headache");
        var exam = headache with { Code = "Z00.0" };
        SummaryLanguage.TitleFor(exam, Catalogue, russian: true).ShouldBe("General medical examination");
    }

    [Fact]
    public void A_code_no_longer_in_the_catalogue_keeps_the_title_stored_with_the_protocol()
    {
        var gone = new ProtocolDiagnosis("X99.9", "Stored title", DiagnosisRole.Secondary, DiagnosisCertainty.Preliminary);
        SummaryLanguage.TitleFor(gone, Catalogue, russian: true).ShouldBe("Stored title");
    }
}
