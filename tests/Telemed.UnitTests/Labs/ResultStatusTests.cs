using Hl7.Fhir.Model;
using Telemed.Modules.Labs.Contracts;
using Telemed.Modules.Labs.Gateway;
using Telemed.Modules.Labs.Results;
using Telemed.Modules.Labs.Results.AutoRelease;

namespace Telemed.UnitTests.Labs;

/// <summary>
/// What a partner lab's statuses and missing values mean for what is stored: only a final, amended, corrected or appended report is a
/// result (a preliminary one is held and fetched again, a withdrawn one refused); within it a cancelled or entered-in-error Observation,
/// or one with a dataAbsentReason, is "no result" with its reason, never a value, never normal; a preliminary Observation holds the report.
/// </summary>
public sealed class ResultStatusTests
{
    private static readonly DateTime Received = new(2026, 11, 30, 8, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(DiagnosticReport.DiagnosticReportStatus.Final)]
    [InlineData(DiagnosticReport.DiagnosticReportStatus.Amended)]
    [InlineData(DiagnosticReport.DiagnosticReportStatus.Corrected)]
    [InlineData(DiagnosticReport.DiagnosticReportStatus.Appended)]
    public void Given_a_report_final_amended_corrected_or_appended_Then_it_is_stored(DiagnosticReport.DiagnosticReportStatus status)
    {
        var found = FhirLabGateway.ReportsIn(Page(Report("r1", status, "o1"), Potassium("o1", 4.1m))).Single();

        found.Refusal.ShouldBeNull();
        found.Held.ShouldBeFalse();
        found.Values.Single().Value.ShouldBe(4.1m);
    }

    [Theory]
    [InlineData(DiagnosticReport.DiagnosticReportStatus.Registered, "is registered")]
    [InlineData(DiagnosticReport.DiagnosticReportStatus.Partial, "is partial")]
    [InlineData(DiagnosticReport.DiagnosticReportStatus.Preliminary, "is preliminary")]
    [InlineData(DiagnosticReport.DiagnosticReportStatus.Unknown, "is unknown")]
    [InlineData(null, "is without a status")]
    public void Given_a_report_not_final_yet_Then_it_is_held_with_no_values_and_fetched_again(DiagnosticReport.DiagnosticReportStatus? status, string said)
    {
        var found = FhirLabGateway.ReportsIn(Page(Report("r1", status, "o1"), Potassium("o1", 4.1m))).Single();

        found.Held.ShouldBeTrue();
        found.Refusal.ShouldNotBeNull().ShouldStartWith("labs.result_not_final: Report r1 " + said);
        found.Values.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(DiagnosticReport.DiagnosticReportStatus.Cancelled, "cancelled")]
    [InlineData(DiagnosticReport.DiagnosticReportStatus.EnteredInError, "entered-in-error")]
    public void Given_a_report_the_lab_withdrew_Then_it_is_refused_and_nothing_of_it_is_stored(DiagnosticReport.DiagnosticReportStatus status, string literal)
    {
        var page = Page(Report("r1", status, "o1"), Potassium("o1", 7.9m, "HH"));
        page.Entry.AddRange(Page(Report("r2", DiagnosticReport.DiagnosticReportStatus.Final, "o2"), Potassium("o2", 4.1m)).Entry);

        var found = FhirLabGateway.ReportsIn(page).ToList();

        var withdrawn = found.Single(r => r.ExternalId == "r1");
        withdrawn.Held.ShouldBeFalse();
        withdrawn.Withdrawn.ShouldBeTrue("a stored report with its id is marked withdrawn");
        withdrawn.Refusal.ShouldNotBeNull().ShouldStartWith($"labs.report_withdrawn: Report r1 is {literal} at the lab");
        withdrawn.Values.ShouldBeEmpty();
        found.Single(r => r.ExternalId == "r2").Values.Single().Value.ShouldBe(4.1m, "the lab's other report is stored");
    }

    [Theory]
    [InlineData(ObservationStatus.Registered)]
    [InlineData(ObservationStatus.Preliminary)]
    [InlineData(ObservationStatus.Unknown)]
    [InlineData(null)]
    public void Given_a_final_report_with_an_Observation_not_final_yet_Then_the_whole_report_is_held(ObservationStatus? status)
    {
        var pending = Potassium("o2", 4.4m);
        pending.Status = status;

        var found = FhirLabGateway.ReportsIn(Page(Report("r1", DiagnosticReport.DiagnosticReportStatus.Final, "o1", "o2"), Potassium("o1", 4.1m), pending)).Single();

        found.Held.ShouldBeTrue();
        found.Refusal.ShouldNotBeNull().ShouldStartWith("labs.result_not_final: Observation o2 of report r1 is ");
        found.Values.ShouldBeEmpty("a report is stored whole or not at all");
    }

    [Theory]
    [InlineData(ObservationStatus.Cancelled, "cancelled")]
    [InlineData(ObservationStatus.EnteredInError, "entered-in-error")]
    public void Given_an_Observation_the_lab_withdrew_Then_it_is_no_result_with_that_reason_never_its_value_or_the_labs_flag(ObservationStatus status, string reason)
    {
        var withdrawn = Potassium("o2", 7.9m, "N");
        withdrawn.Status = status;

        var found = FhirLabGateway.ReportsIn(Page(Report("r1", DiagnosticReport.DiagnosticReportStatus.Final, "o1", "o2"), Potassium("o1", 4.1m), withdrawn)).Single();

        found.Refusal.ShouldBeNull();
        var value = found.Values.Single(v => v.ExternalId == "o2");
        (value.Value, value.ValueText, value.Unit, value.Interpretation, value.AbsentReason).ShouldBe((null, null, null, null, reason));
        var stored = LabOrderDispatch.FlaggedValue(value);
        stored.Flag.ShouldBeNull("the lab's N on a withdrawn value is not taken");
        stored.AbsentReason.ShouldBe(reason);
    }

    [Fact]
    public void Given_an_Observation_with_a_dataAbsentReason_Then_it_is_no_result_with_the_labs_code_and_words_and_no_flag()
    {
        var absent = Potassium("o2", null, "N");
        absent.DataAbsentReason = new CodeableConcept { Coding = [new Coding("urn:lab:local", "HAEM"), new Coding(FhirLabGateway.DataAbsentReasonSystem, "not-performed", "Not Performed")], Text = "Haemolysed" };

        var found = FhirLabGateway.ReportsIn(Page(Report("r1", DiagnosticReport.DiagnosticReportStatus.Final, "o1", "o2"), Potassium("o1", 4.1m), absent)).Single();

        found.Refusal.ShouldBeNull();
        var value = LabOrderDispatch.FlaggedValue(found.Values.Single(v => v.ExternalId == "o2"));
        (value.Value, value.ValueText, value.Flag, value.AbsentReason, value.AbsentReasonText).ShouldBe((null, null, null, "not-performed", "Not Performed"));
    }

    [Fact]
    public void Given_a_dataAbsentReason_with_only_words_or_nothing_Then_it_is_still_no_result()
    {
        var words = Potassium("o1", null);
        words.DataAbsentReason = new CodeableConcept { Text = "  Sample lost  " };
        var bare = Potassium("o2", null);
        bare.DataAbsentReason = new CodeableConcept();

        FhirLabGateway.AbsentReasonOf(words).ShouldBe((null, "Sample lost"));
        FhirLabGateway.AbsentReasonOf(bare).ShouldBe((null, null));
        var found = FhirLabGateway.ReportsIn(Page(Report("r1", DiagnosticReport.DiagnosticReportStatus.Final, "o1", "o2"), words, bare)).Single();
        found.Values.Count.ShouldBe(2);
        found.Values.ShouldAllBe(v => v.Value == null && v.ValueText == null);
    }

    [Fact]
    public void Given_an_Observation_with_both_a_value_and_a_dataAbsentReason_Then_the_report_is_refused_as_unreadable()
    {
        var both = Potassium("o1", 4.1m);
        both.DataAbsentReason = new CodeableConcept(FhirLabGateway.DataAbsentReasonSystem, "error");

        FhirLabGateway.ReportsIn(Page(Report("r1", DiagnosticReport.DiagnosticReportStatus.Final, "o1"), both)).Single().Refusal
            .ShouldBe("labs.result_unreadable: Observation o1 of report r1 has both a value and a dataAbsentReason; nothing of the report is stored.");
    }

    [Fact]
    public void Given_a_missing_values_reason_over_its_bound_Then_the_report_is_refused_naming_the_field()
    {
        var absent = Potassium("o1", null);
        absent.DataAbsentReason = new CodeableConcept { Text = new string('h', LabValueTexts.MaxAbsentReasonTextLength + 1) };

        var refusal = FhirLabGateway.ReportsIn(Page(Report("r1", DiagnosticReport.DiagnosticReportStatus.Final, "o1"), absent)).Single().Refusal;

        refusal.ShouldNotBeNull().ShouldStartWith("labs.result_too_long: Observation o1 of report r1: its absentReasonText");
        refusal.ShouldNotContain("hhh");
        LabValueTexts.OverBound("Potassium", null, null, new string('c', 65), null).ShouldBe(("absentReason", LabValueTexts.MaxAbsentReasonLength));
        LabValueTexts.OverBound("Potassium", null, null, "not-performed", new string('w', 200)).ShouldBeNull();
    }

    [Fact]
    public void Given_a_report_with_any_value_without_a_result_Then_it_is_not_all_normal_and_never_releases_itself()
    {
        var normal = new LabValue(Guid.NewGuid(), "2823-3", "Potassium", 4m, null, "mmol/L", 3.5m, 5.1m, LabFlags.Normal, null, Received);
        var absent = normal with { Id = Guid.NewGuid(), LoincCode = "2951-2", Value = null, AbsentReason = "not-performed" };
        // Even flagged N by mistake (a row written before flags were cleared for missing values), a missing value is not normal.
        var absentFlaggedNormal = absent with { Flag = LabFlags.Normal };
        var blankText = normal with { Value = null, ValueText = "  " };

        ValueFlags.AllNormal([normal, normal with { Id = Guid.NewGuid() }]).ShouldBeTrue();
        ValueFlags.AllNormal([normal, absent]).ShouldBeFalse();
        ValueFlags.AllNormal([normal, absentFlaggedNormal]).ShouldBeFalse();
        ValueFlags.AllNormal([blankText]).ShouldBeFalse();
        ValueFlags.AllNormal([]).ShouldBeFalse();

        var report = LabReport.Receive(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "r1", null, [normal, absentFlaggedNormal], Received, Received);
        report.AllNormal.ShouldBeFalse();
        report.CriticalCount.ShouldBe(0);
        AutoReleaseRule.ReleasesItself(report, new AutoReleaseOptions(), Received.AddDays(30)).ShouldBeFalse();
    }

    [Fact]
    public void Given_the_search_Then_it_asks_for_reports_that_are_results_and_for_withdrawn_ones_so_a_stored_report_withdrawn_later_is_seen() =>
        ResultStatus.SearchedReportStatuses.ShouldBe("final,amended,corrected,appended,cancelled,entered-in-error");

    [Fact]
    public void Given_a_report_refused_for_another_reason_Then_it_is_not_taken_for_a_withdrawal()
    {
        ReportFromLab.Refused("r1", "labs.result_unreadable: x").Withdrawn.ShouldBeFalse();
        ReportFromLab.NotYetFinal("r1", "labs.result_not_final: x").Withdrawn.ShouldBeFalse();
    }

    [Fact]
    public void Given_a_stored_report_When_the_lab_withdraws_it_Then_it_is_withdrawn_once_never_releasable_and_never_releases_itself()
    {
        var normal = new LabValue(Guid.NewGuid(), "2823-3", "Potassium", 4m, null, "mmol/L", 3.5m, 5.1m, LabFlags.Normal, null, Received);
        var report = LabReport.Receive(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "r1", null, [normal], Received, Received);
        report.ClearDomainEvents();

        report.Withdraw(Received.AddDays(1)).ShouldBeTrue();
        report.Status.ShouldBe(LabResultStatuses.Withdrawn);
        report.DomainEvents.OfType<LabResultWithdrawn>().Single().WasReleased.ShouldBeFalse();
        report.Withdraw(Received.AddDays(2)).ShouldBeFalse("polled again: nothing changes");
        report.DomainEvents.OfType<LabResultWithdrawn>().Count().ShouldBe(1, "the doctor is told once");
        report.Release(automatically: false, Received.AddDays(2)).Error!.Code.ShouldBe("labs.report_withdrawn");
        report.Status.ShouldBe(LabResultStatuses.Withdrawn);
        AutoReleaseRule.ReleasesItself(report, new AutoReleaseOptions(), Received.AddDays(30)).ShouldBeFalse();

        var released = LabReport.Receive(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "r2", null, [normal], Received, Received);
        released.Release(automatically: false, Received.AddHours(1));
        released.Withdraw(Received.AddDays(1)).ShouldBeTrue();
        released.DomainEvents.OfType<LabResultWithdrawn>().Single().WasReleased.ShouldBeTrue();
        released.IsReleased.ShouldBeFalse("a withdrawn report is not shown to the patient");
    }

    [Fact]
    public void Given_an_order_with_a_stored_report_Then_it_is_rechecked_slowly_within_the_window_only()
    {
        var recheck = new StoredReportRecheck(TimeSpan.FromDays(30), TimeSpan.FromMinutes(10));
        var now = Received.AddDays(10);

        recheck.IsDue(LabOrderStatuses.ResultReceived, Received, now.AddMinutes(-10), now).ShouldBeTrue();
        recheck.IsDue(LabOrderStatuses.ResultReceived, Received, null, now).ShouldBeTrue();
        recheck.IsDue(LabOrderStatuses.ResultReceived, Received, now.AddMinutes(-9), now).ShouldBeFalse("polled lately");
        recheck.IsDue(LabOrderStatuses.ResultReceived, Received, now.AddMinutes(-10), Received.AddDays(30).AddSeconds(1)).ShouldBeFalse("past the window");
        recheck.IsDue(LabOrderStatuses.Sent, Received, null, now).ShouldBeFalse("a sent order is polled as such");
        recheck.IsDue(LabOrderStatuses.Cancelled, Received, null, now).ShouldBeFalse();
        new StoredReportRecheck(TimeSpan.Zero, TimeSpan.FromMinutes(10)).IsDue(LabOrderStatuses.ResultReceived, now, null, now).ShouldBeFalse("0 days: off");
    }

    [Fact]
    public void Given_no_settings_Then_an_order_is_rechecked_every_ten_minutes_for_thirty_days()
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build();
        StoredReportRecheck.From(configuration).ShouldBe(new StoredReportRecheck(TimeSpan.FromDays(30), TimeSpan.FromSeconds(600)));
    }

    private static Observation Potassium(string id, decimal? value, string? flag = null) => new()
    {
        Id = id, Status = ObservationStatus.Final, Code = new CodeableConcept("http://loinc.org", "2823-3", "Potassium"),
        Value = value is { } v ? new Quantity(v, "mmol/L") : null,
        Interpretation = flag is null ? [] : [new CodeableConcept("http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", flag)],
    };

    private static DiagnosticReport Report(string id, DiagnosticReport.DiagnosticReportStatus? status, params string[] observations) => new()
    {
        Id = id, Status = status, Issued = DateTimeOffset.UtcNow, Result = [.. observations.Select(o => new ResourceReference("Observation/" + o))],
    };

    private static Bundle Page(DiagnosticReport report, params Observation[] observations) => new()
    {
        Type = Bundle.BundleType.Searchset,
        Entry =
        [
            new Bundle.EntryComponent { Resource = report, Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match } },
            .. observations.Select(o => new Bundle.EntryComponent { Resource = o, Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Include } }),
        ],
    };
}
