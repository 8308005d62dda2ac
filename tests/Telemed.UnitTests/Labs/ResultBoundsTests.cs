using Hl7.Fhir.Model;
using Telemed.Modules.Labs.Contracts;
using Telemed.Modules.Labs.Gateway;
using Telemed.Modules.Labs.Results;

namespace Telemed.UnitTests.Labs;

/// <summary>
/// The bounds of a partner lab's report (<see cref="ResultBounds"/>), the same as a FHIR import's (<see cref="LabValueTexts"/>): a
/// report with a text over its bound is refused whole with labs.result_too_long and no values; at the bound it is kept whole.
/// </summary>
public sealed class ResultBoundsTests
{
    [Theory]
    [InlineData(200, 4000, 40, null)]
    [InlineData(201, 10, 5, "display")]
    [InlineData(10, 4001, 5, "valueText")]
    [InlineData(10, 10, 41, "unit")]
    public void A_lab_values_texts_fit_up_to_their_bounds_and_the_first_over_is_named(int display, int valueText, int unit, string? over) =>
        LabValueTexts.OverBound(new string('d', display), new string('t', valueText), new string('u', unit))?.Field.ShouldBe(over);

    [Fact]
    public void The_import_and_the_partner_lab_path_keep_the_same_bounds() =>
        (LabValueTexts.MaxDisplayLength, LabValueTexts.MaxValueTextLength, LabValueTexts.MaxUnitLength).ShouldBe((200, 4_000, 40));

    [Theory]
    [InlineData(4000, null, null, true)]
    [InlineData(4001, null, null, false)]
    [InlineData(null, 201, null, false)]
    [InlineData(null, null, 41, false)]
    public void Given_a_page_with_a_report_whose_text_is_over_its_bound_Then_that_report_is_refused_whole_and_the_other_is_kept(
        int? textLength, int? displayLength, int? unitLength, bool kept)
    {
        var odd = new Observation
        {
            Id = "o1", Status = ObservationStatus.Final,
            Code = new CodeableConcept("http://loinc.org", "1988-5", displayLength is { } d ? new string('C', d) : "C reactive protein"),
            Value = textLength is { } t ? new FhirString(new string('x', t)) : new Quantity(3m, unitLength is { } u ? new string('m', u) : "mg/L"),
        };
        var normal = new Observation
        {
            Id = "o2", Status = ObservationStatus.Final, Code = new CodeableConcept("http://loinc.org", "2823-3", "Potassium"), Value = new Quantity(4.3m, "mmol/L"),
        };
        var page = Page((Report("r1", "o1", "o2"), [odd, normal]), (Report("r2", "o3"), [new Observation
        {
            Id = "o3", Status = ObservationStatus.Final, Code = new CodeableConcept("http://loinc.org", "718-7", "Hemoglobin"), Value = new Quantity(14m, "g/dL"),
        }]));

        var found = FhirLabGateway.ReportsIn(page).ToList();

        var first = found.Single(r => r.ExternalId == "r1");
        if (kept)
        {
            first.Refusal.ShouldBeNull();
            first.Values.Select(v => v.LoincCode).ShouldBe(["1988-5", "2823-3"]);
            first.Values[0].ValueText!.Length.ShouldBe(4000, "kept whole, never cut");
        }
        else
        {
            first.Refusal.ShouldStartWith("labs.result_too_long: Observation o1 of report r1");
            first.Refusal.ShouldNotContain("xxx");
            first.Values.ShouldBeEmpty();
        }

        found.Single(r => r.ExternalId == "r2").Values.Single().LoincCode.ShouldBe("718-7");
    }

    [Fact]
    public void A_report_whose_id_or_code_is_longer_than_its_column_is_refused_and_the_reason_does_not_repeat_the_long_id()
    {
        ResultBounds.RefusalOf(new string('r', LabReport.MaxExternalIdLength + 1), null, []).ShouldBe(
            "labs.result_too_long: The report's id is longer than the 200 characters a lab result keeps; nothing of the report is stored (nothing is cut).");
        ResultBounds.RefusalOf("r1", new string('1', 17), [])!.ShouldContain("Report r1's LOINC code");
        ResultBounds.RefusalOf("r1", "58410-2", [(new string('o', 65), "718-7", "Hemoglobin", null, "g/dL", null, null)])!.ShouldContain("An Observation id of report r1");
        ResultBounds.RefusalOf("r1", "58410-2", [("o1", new string('7', 17), "Hemoglobin", null, "g/dL", null, null)])!.ShouldContain("Observation o1 of report r1: its LOINC code");
        ResultBounds.RefusalOf("r1", "58410-2", [("o1", "718-7", "Hemoglobin", null, "g/dL", null, null)]).ShouldBeNull();
    }

    /// <summary>
    /// A lab's text that the host's text policy refuses (a NUL, which PostgreSQL cannot store; a line break in a one-line name; a bidi
    /// override) refuses the report whole with labs.result_unreadable naming the field and the code point, never the text; the page's
    /// other report is kept, and a narrative's line breaks are text like any other.
    /// </summary>
    [Theory]
    [InlineData("display", "Potassium\\nInjected", null, "display", "U+000A")]
    [InlineData("valueText", null, "Haemolysed\\u0000sample", "valueText", "U+0000")]
    [InlineData("valueText", null, "Line one\\nLine two", null, null)]
    [InlineData("display", "Potassium \\u202Eevil", null, "display", "U+202E")]
    public void Given_a_report_with_a_text_the_policy_refuses_Then_it_is_refused_naming_the_field_and_code_point_and_the_other_report_is_kept(
        string where, string? display, string? valueText, string? refusedField, string? codePoint)
    {
        display = display is null ? "Comment" : System.Text.RegularExpressions.Regex.Unescape(display);
        valueText = valueText is null ? null : System.Text.RegularExpressions.Regex.Unescape(valueText);
        var odd = new Observation
        {
            Id = "o1", Status = ObservationStatus.Final, Code = new CodeableConcept("http://loinc.org", "8251-1", display),
            Value = valueText is null ? new Quantity(4.3m, "mmol/L") : new FhirString(valueText),
        };
        var page = Page((Report("r1", "o1"), [odd]), (Report("r2", "o3"), [new Observation
        {
            Id = "o3", Status = ObservationStatus.Final, Code = new CodeableConcept("http://loinc.org", "718-7", "Hemoglobin"), Value = new Quantity(14m, "g/dL"),
        }]));

        var found = FhirLabGateway.ReportsIn(page).ToList();

        var first = found.Single(r => r.ExternalId == "r1");
        if (refusedField is null)
        {
            first.Refusal.ShouldBeNull(where);
            first.Values.Single().ValueText.ShouldBe(valueText);
        }
        else
        {
            first.Refusal.ShouldBe($"labs.result_unreadable: Observation o1 of report r1: its {refusedField} holds a character a lab result cannot keep " +
                $"({(codePoint == "U+202E" ? "BidiControl" : codePoint == "U+000A" ? "LineBreak" : "ControlCharacter")}, {codePoint}); nothing of the report is stored.");
            first.Values.ShouldBeEmpty();
        }

        found.Single(r => r.ExternalId == "r2").Values.Single().LoincCode.ShouldBe("718-7");
    }

    /// <summary>
    /// Every reason names the report's and its Observations' ids, and reasons are logged: an id with a line break would write a line of
    /// its own into the log. Such a report is refused first, by a reason that does not repeat the id.
    /// </summary>
    [Fact]
    public void Given_a_report_or_Observation_id_with_a_line_break_Then_the_report_is_refused_without_repeating_the_id()
    {
        var forged = "r1\r\n2026-12-08 info: Lab order released";
        var observation = new Observation
        {
            Id = "o1", Status = ObservationStatus.Preliminary, Code = new CodeableConcept("http://loinc.org", "2823-3", "Potassium"), Value = new Quantity(4.3m, "mmol/L"),
        };
        var badObservation = new Observation
        {
            Id = "o\u0000", Status = ObservationStatus.Final, Code = new CodeableConcept("http://loinc.org", "2823-3", "Potassium"),
            Value = new Quantity(4.3m, "mmol/L"),
        };

        var byReport = FhirLabGateway.ReportsIn(Page((Report(forged, "o1"), [observation]))).Single();
        var byObservation = FhirLabGateway.ReportsIn(Page((Report("r2", badObservation.Id), [badObservation]))).Single();

        byReport.Refusal.ShouldBe("labs.result_unreadable: The report's id holds a character a lab result cannot keep (LineBreak, U+000D); nothing of the report is stored.");
        byReport.Held.ShouldBeFalse("refused before its preliminary Observation could hold it under a reason naming the id");
        byObservation.Refusal.ShouldBe("labs.result_unreadable: An Observation id of the report holds a character a lab result cannot keep (ControlCharacter, U+0000); nothing of the report is stored.");
    }

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
