using Telemed.Modules.Labs.Contracts;

namespace Telemed.Modules.Records.Timeline;

/// <summary>
/// Lab reports as <c>lab_result</c> timeline entries. The patient sees only reports released to them; a doctor with a care
/// relationship sees every report (received ones too), as the Labs module's own doctor reads do. No values or units reach the
/// timeline: the title names the tests, the detail only counts the flags.
/// </summary>
internal static class LabResultEntries
{
    /// <summary>
    /// The patient's reports as entries, placed on the lab's issue instant (UTC). <paramref name="forPatient"/> true keeps only
    /// released reports.
    /// </summary>
    public static async Task<IReadOnlyList<TimelineEntry>> OfAsync(Guid patientId, bool forPatient, ILabRecords labs, Func<string, string, string> nameOf,
        CancellationToken ct)
    {
        var reports = await labs.ReportsForPatientAsync(patientId, releasedOnly: forPatient, ct);
        if (reports.Count == 0)
        {
            return [];
        }

        var orders = (await labs.OrdersForPatientAsync(patientId, ct)).ToDictionary(o => o.OrderId);
        return [.. reports.Select(r => new TimelineEntry(TimelineKinds.LabResult, r.ReportId, r.IssuedAt,
            TitleOf(r, orders.GetValueOrDefault(r.OrderId), nameOf), FlagSummaryOf(r.Observations), r.Status))];
    }

    /// <summary>
    /// The ordered tests' names ("Basic metabolic panel, Hemoglobin A1c"), else the reported values' names, each as
    /// <paramref name="nameOf"/> (LOINC code, stored display) words it for the reader; the stored display when it is null.
    /// </summary>
    public static string TitleOf(LabReportRecord report, LabOrderRecord? order, Func<string, string, string>? nameOf = null)
    {
        nameOf ??= (_, display) => display;
        var names = order is { Tests.Count: > 0 } ? order.Tests.Select(t => nameOf(t.LoincCode, t.Display)) : report.Observations.Select(o => nameOf(o.LoincCode, o.Display));
        return string.Join(", ", names.Distinct(StringComparer.Ordinal));
    }

    /// <summary>The summary's code for values without a result (not a FHIR interpretation code: the lab gave none).</summary>
    public const string NoResult = "NR";

    /// <summary>
    /// How many values carry each flag, most severe first, as FHIR interpretation codes with counts: <c>"HH 1 · H 2 · N 5"</c>
    /// (<c>LL</c>, <c>HH</c>, <c>L</c>, <c>H</c>, <c>N</c>; other values with a result but no flag are not counted), then
    /// <c>NR</c> with the number of tests the lab gave no result for (neither value nor text: not performed, cancelled, entered in
    /// error…), so a report with missing values never reads as only "N 5". The web app renders it in the reader's language. Empty
    /// when no value has a flag and none is missing.
    /// </summary>
    public static string FlagSummaryOf(IEnumerable<LabObservationRecord> observations)
    {
        string[] severity = [LabFlags.CriticalLow, LabFlags.CriticalHigh, LabFlags.Low, LabFlags.High, LabFlags.Normal, NoResult];
        var counts = observations.Select(o => o.Value is null && string.IsNullOrWhiteSpace(o.ValueText) ? NoResult : o.Flag).OfType<string>()
            .GroupBy(f => f).ToDictionary(g => g.Key, g => g.Count());
        return string.Join(" · ", severity.Where(counts.ContainsKey).Select(flag => $"{flag} {counts[flag]}"));
    }
}
