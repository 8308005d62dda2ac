using Telemed.Modules.Privacy.Export;

namespace Telemed.UnitTests.Privacy;

/// <summary>
/// The export's readable page names what the FHIR Bundle holds in the patient's words: a Russian-speaking patient read
/// "AllergyIntolerance", "fulfilled" and an empty "Что" for every access to their record.
/// </summary>
public sealed class ExportSummaryTests
{
    private const string Bundle = """
        {"resourceType":"Bundle","type":"searchset","entry":[
          {"resource":{"resourceType":"Appointment","status":"fulfilled","start":"2026-12-01T10:00:00Z","serviceType":[{"text":"Video visit"}]}},
          {"resource":{"resourceType":"AllergyIntolerance","code":{"text":"Penicillin"},"recordedDate":"2026-11-02"}},
          {"resource":{"resourceType":"AuditEvent","type":{"system":"http://dicom.nema.org/resources/ontology/DCM","code":"110110","display":"Patient Record"},
            "action":"R","recorded":"2026-12-02T09:30:00Z","outcome":"0","agent":[{"who":{"display":"Pyotr Pharmacist"},"requestor":true}],
            "entity":[{"description":"PatientClinicalSummary"}]}},
          {"resource":{"resourceType":"AuditEvent","action":"R","recorded":"2026-12-02T09:31:00Z","outcome":"4","agent":[{"who":{"display":"Anna Petrova"},"requestor":true}],
            "entity":[{"description":"PatientRecord"}]}},
          {"resource":{"resourceType":"Basic","status":"some-new-code"}}
        ]}
        """;

    private static string Page(string language) => ExportSummary.Html(Bundle, [], [], language, new DateTime(2026, 12, 7, 8, 0, 0, DateTimeKind.Utc));

    [Fact]
    public void Given_a_Russian_reader_Then_sections_statuses_and_accesses_are_in_Russian_words_with_the_FHIR_type_beside()
    {
        var page = Page("ru");
        page.ShouldContain("<h2>Записи на приём (1) <small>Appointment</small></h2>");
        page.ShouldContain("<h2>Аллергии (1) <small>AllergyIntolerance</small></h2>");
        page.ShouldContain("<td>приём состоялся</td>");
        page.ShouldContain("<h2>Кто открывал вашу карту (2) <small>AuditEvent</small></h2>");
        page.ShouldContain("<td>Pyotr Pharmacist — открыл(а) — PatientClinicalSummary</td><td>разрешено</td>");
        page.ShouldContain("<td>Anna Petrova — открыл(а) — PatientRecord</td><td>отказано</td>");
        page.ShouldNotContain(">fulfilled<");
    }

    [Fact]
    public void Given_an_English_reader_Then_the_same_page_reads_in_English_and_an_unknown_type_or_status_stays_as_written()
    {
        var page = Page("en");
        page.ShouldContain("<h2>Appointments (1) <small>Appointment</small></h2>");
        page.ShouldContain("<td>attended</td>");
        page.ShouldContain("<td>Pyotr Pharmacist — opened — PatientClinicalSummary</td><td>allowed</td>");
        page.ShouldContain("<h2>Basic (1)</h2>");
        page.ShouldContain("<td>some-new-code</td>");
    }
}
