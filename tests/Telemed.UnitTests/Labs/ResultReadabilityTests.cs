using Hl7.Fhir.Model;
using Telemed.Modules.Labs.Gateway;

namespace Telemed.UnitTests.Labs;

/// <summary>
/// A partner lab's report with a result we cannot read (not included, no LOINC code, a value neither a quantity nor a text) was
/// stored without it; it is refused whole with labs.result_unreadable, as one with an over-long text, and the page's other
/// reports are kept.
/// </summary>
public sealed class ResultReadabilityTests
{
    [Theory]
    [InlineData("uncoded", "labs.result_unreadable: Observation o1 of report r1 has no LOINC code; nothing of the report is stored.")]
    [InlineData("codeable", "labs.result_unreadable: Observation o1 of report r1 has a value of type CodeableConcept, which is not read (only Quantity and string are)")]
    [InlineData("absent", "labs.result_unreadable: Observation o1 of report r1 has neither a value nor a dataAbsentReason")]
    [InlineData("numberless", "labs.result_unreadable: Observation o1 of report r1 has a quantity without a number")]
    [InlineData("not-included", "labs.result_unreadable: A result of report r1 is not an Observation the lab sent with it")]
    public void Given_a_report_with_an_unreadable_result_Then_it_is_refused_whole_and_the_other_report_is_kept(string kind, string reason)
    {
        var odd = new Observation
        {
            Id = "o1", Status = ObservationStatus.Final,
            Code = kind == "uncoded" ? new CodeableConcept { Text = "Potassium" } : new CodeableConcept("http://loinc.org", "2823-3", "Potassium"),
            Value = kind switch
            {
                "codeable" => new CodeableConcept("http://snomed.info/sct", "260385009", "Negative"),
                "absent" => null,
                "numberless" => new Quantity { Unit = "mmol/L" },
                _ => new Quantity(6.9m, "mmol/L"),
            },
        };
        var normal = new Observation { Id = "o2", Status = ObservationStatus.Final, Code = new CodeableConcept("http://loinc.org", "718-7", "Hemoglobin"), Value = new Quantity(14m, "g/dL") };
        var page = Page(
            (Report("r1", "o1", "o2"), kind == "not-included" ? [normal] : [odd, normal]),
            (Report("r2", "o3"), [new Observation { Id = "o3", Status = ObservationStatus.Final, Code = new CodeableConcept("http://loinc.org", "1988-5", "CRP"), Value = new FhirString("Negative") }]));

        var found = FhirLabGateway.ReportsIn(page).ToList();

        var refused = found.Single(r => r.ExternalId == "r1");
        refused.Refusal.ShouldNotBeNull().ShouldStartWith(reason);
        refused.Refusal.ShouldNotContain("Potassium");
        refused.Values.ShouldBeEmpty();
        found.Single(r => r.ExternalId == "r2").Values.Single().ValueText.ShouldBe("Negative");
    }

    [Fact]
    public void Given_a_report_whose_results_are_coded_quantities_and_texts_Then_nothing_is_refused() =>
        ResultReadability.RefusalOf("r1", [
            ("Observation/o1", new Observation { Id = "o1", Code = new CodeableConcept("http://loinc.org", "2823-3"), Value = new Quantity(4.1m, "mmol/L") }),
            ("Observation/o2", new Observation { Id = "o2", Code = new CodeableConcept("http://loinc.org", "1988-5"), Value = new FhirString("Negative") }),
        ]).ShouldBeNull();

    private static DiagnosticReport Report(string id, params string[] observations) => new()
    {
        Id = id, Status = DiagnosticReport.DiagnosticReportStatus.Final, Issued = DateTimeOffset.UtcNow,
        Result = [.. observations.Select(o => new ResourceReference("Observation/" + o))],
    };

    private static Bundle Page(params (DiagnosticReport Report, Observation[] Observations)[] reports) => new()
    {
        Type = Bundle.BundleType.Searchset,
        Entry =
        [
            .. reports.SelectMany(r => new[] { new Bundle.EntryComponent { Resource = r.Report, Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match } } }
                .Concat(r.Observations.Select(o => new Bundle.EntryComponent { Resource = o, Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Include } }))),
        ],
    };
}
