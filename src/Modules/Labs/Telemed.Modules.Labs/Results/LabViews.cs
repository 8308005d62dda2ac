using Telemed.BuildingBlocks.Http;
using Telemed.Modules.Labs.Catalogue;
using Telemed.Modules.Labs.Orders;

namespace Telemed.Modules.Labs.Results;

/// <summary>One ordered test in a view: LOINC code and name in the asked language.</summary>
public sealed record LabOrderTestView(string LoincCode, string Name);

/// <summary>
/// A lab order as its doctor or patient sees it: status (<c>awaitingLab</c>, <c>sent</c>, <c>resultReceived</c>,
/// <c>cancelled</c>), tests, the chosen partner lab (null until chosen), UTC instants. Whose it is: <c>PatientId</c>, and in a guardian's
/// list (<c>/me/lab-orders</c>) <c>PatientName</c>, the dependant's display name ("for Masha"); null on the reader's own order.
/// </summary>
public sealed record LabOrderView(Guid Id, Guid PatientId, Guid ConsultationId, string Status, IReadOnlyList<LabOrderTestView> Tests, Guid? PartnerLabId,
    string? PartnerLabName, DateTime OrderedAt, DateTime? SentAt, string? PatientName = null);

/// <summary>
/// One value: LOINC code, name in the asked language, numeric value (or text) with UCUM unit, reference range (either bound
/// may be null), flag <c>N</c>/<c>L</c>/<c>H</c>/<c>LL</c>/<c>HH</c> (null when none), <paramref name="Critical"/> true for LL/HH,
/// specimen time (UTC). A test the lab gave no result for has neither value nor text and no flag: <paramref name="AbsentReason"/> says
/// why as a code (FHIR data-absent-reason: <c>not-performed</c>, <c>error</c>, <c>unknown</c>…; or <c>cancelled</c>,
/// <c>entered-in-error</c> for a result the lab withdrew), <paramref name="AbsentReasonText"/> in the lab's words; either may be null.
/// </summary>
public sealed record LabValueView(string LoincCode, string Name, decimal? Value, string? ValueText, string? Unit, decimal? RangeLow, decimal? RangeHigh,
    string? Flag, bool Critical, DateTime EffectiveAt, string? AbsentReason, string? AbsentReasonText);

/// <summary>
/// A lab report: status <c>received</c> (doctors only) or <c>released</c>; the doctor's plain-language note; the number of
/// critical values; whether it was released by the auto-release rule; UTC instants; values. <c>PatientName</c>: the patient's display
/// name for staff, and in a guardian's list (<c>/me/lab-results</c>) a dependant's ("for Masha"); null on the reader's own report.
/// </summary>
public sealed record LabReportView(Guid Id, Guid OrderId, Guid PatientId, string? PatientName, string Status, string? DoctorNote, int CriticalCount,
    bool ReleasedAutomatically, DateTime IssuedAt, DateTime ReceivedAt, DateTime? ReleasedAt, IReadOnlyList<LabValueView> Values);

/// <summary>One point of a trend: when (UTC), the value in <paramref name="Unit"/>, its flag and the range that applied.</summary>
public sealed record LabTrendPoint(DateTime At, decimal Value, string? Unit, string? Flag, decimal? RangeLow, decimal? RangeHigh);

/// <summary>The trend of one test (LOINC code, name) over the patient's released reports, oldest first.</summary>
public sealed record LabTrendView(string LoincCode, string Name, IReadOnlyList<LabTrendPoint> Points);

internal static class LabViewMapper
{
    // The ?lang= the web app sends wins; without it the request's Accept-Language decides, as for every other text the server words.
    private static string NameOf(string code, string display, string? lang) => BundledLabCatalogue.Find(code)?.NameIn(ReaderLanguage.Preferring(lang)) ?? display;

    public static LabOrderView Order(LabOrder o, string? labName, string? lang, string? patientName = null) => new(o.Id, o.PatientId, o.ConsultationId, o.Status,
        [.. o.Tests.Select(t => new LabOrderTestView(t.LoincCode, NameOf(t.LoincCode, t.Display, lang)))], o.PartnerLabId, labName, o.OrderedAt, o.SentAt, patientName);

    public static LabReportView Report(LabReport r, string? patientName, string? lang) => new(r.Id, r.OrderId, r.PatientId, patientName, r.Status, r.DoctorNote,
        r.CriticalCount, r.ReleasedAutomatically, r.IssuedAt, r.ReceivedAt, r.ReleasedAt,
        [.. r.Values.Select(v => new LabValueView(v.LoincCode, NameOf(v.LoincCode, v.Display, lang), v.Value, v.ValueText, v.Unit, v.RangeLow, v.RangeHigh, v.Flag,
            Contracts.LabFlags.IsCritical(v.Flag), v.EffectiveAt, v.AbsentReason, v.AbsentReasonText))]);

    /// <summary>The series of <paramref name="code"/>'s numeric values across <paramref name="reports"/>, oldest first.</summary>
    public static LabTrendView Trend(string code, IEnumerable<LabReport> reports, string? lang)
    {
        var points = reports.SelectMany(r => r.Values).Where(v => v.LoincCode == code && v.Value is not null)
            .OrderBy(v => v.EffectiveAt).Select(v => new LabTrendPoint(v.EffectiveAt, v.Value!.Value, v.Unit, v.Flag, v.RangeLow, v.RangeHigh)).ToList();
        return new LabTrendView(code, BundledLabCatalogue.Find(code)?.NameIn(ReaderLanguage.Preferring(lang)) ?? code, points);
    }
}
