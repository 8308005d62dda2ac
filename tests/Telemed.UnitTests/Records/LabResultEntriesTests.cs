using Telemed.Modules.Labs.Contracts;
using Telemed.Modules.Records.Timeline;

namespace Telemed.UnitTests.Records;

public sealed class LabResultEntriesTests
{
    private static LabObservationRecord Value(string code, string display, string? flag) =>
        new(Guid.NewGuid(), code, display, 4.2m, null, "mmol/L", 3.5m, 5.1m, flag, new DateTime(2026, 1, 5, 8, 0, 0, DateTimeKind.Utc));

    [Fact]
    public void The_flag_summary_counts_each_flag_most_severe_first_and_never_carries_a_value_or_unit()
    {
        var summary = LabResultEntries.FlagSummaryOf([Value("2823-3", "Potassium", "HH"), Value("2951-2", "Sodium", "N"), Value("2345-7", "Glucose", "H"),
            Value("2160-0", "Creatinine", "N"), Value("17861-6", "Calcium", null)]);

        summary.ShouldBe("HH 1 · H 1 · N 2");
        summary.ShouldNotContain("4.2");
        summary.ShouldNotContain("mmol");
    }

    [Fact]
    public void Given_values_the_lab_gave_no_result_for_Then_the_flag_summary_counts_them_so_the_report_never_reads_as_all_normal()
    {
        var missing = Value("2823-3", "Potassium", null) with { Value = null, AbsentReason = "not-performed" };
        var withdrawn = Value("2951-2", "Sodium", "N") with { Value = null, AbsentReason = "entered-in-error" };

        LabResultEntries.FlagSummaryOf([Value("2345-7", "Glucose", "N"), missing, withdrawn]).ShouldBe("N 1 · NR 2");
        LabResultEntries.FlagSummaryOf([missing]).ShouldBe("NR 1");
    }

    [Fact]
    public void The_flag_summary_is_empty_when_no_value_has_a_flag() =>
        LabResultEntries.FlagSummaryOf([Value("17861-6", "Calcium", null)]).ShouldBe("");

    [Fact]
    public void The_title_names_the_ordered_tests_and_falls_back_to_the_reported_values_without_an_order()
    {
        var report = new LabReportRecord(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), LabResultStatuses.Received, null, null, null,
            DateTime.UtcNow, DateTime.UtcNow, null, [Value("2823-3", "Potassium", "N"), Value("2951-2", "Sodium", "N")]);
        var order = new LabOrderRecord(report.OrderId, report.PatientId, report.OrderingDoctorUserId, null,
            [new("51990-0", "Basic metabolic panel"), new("4548-4", "Hemoglobin A1c")], null, null, LabOrderStatuses.ResultReceived, DateTime.UtcNow, null, DateTime.UtcNow);

        LabResultEntries.TitleOf(report, order).ShouldBe("Basic metabolic panel, Hemoglobin A1c");
        LabResultEntries.TitleOf(report, null).ShouldBe("Potassium, Sodium");
    }
}
