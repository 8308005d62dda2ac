using Telemed.Modules.Fhir.Access;
using Telemed.Modules.Labs.Contracts;

namespace Telemed.Modules.Fhir.Resources.Labs;

/// <summary>
/// The lab orders and reports of a patient as the current viewer may see them, the rule of the Labs REST API (docs/labs.md): a
/// patient (or a guardian) sees only reports released to them, a doctor with care access (the ordering doctor among them) sees every
/// report; orders are seen by both. Whose record may be seen at all is <see cref="FhirPatientAccess"/>'s decision, made by the caller.
/// Every order and report row loaded is an audited PHI read (the Labs DbContext records it).
/// </summary>
internal sealed class VisibleLabRecords(ILabRecords labs, CurrentFhirViewer viewer)
{
    /// <summary>
    /// True when the viewer sees only released reports of the record: its patient (or guardian), or anyone who is not a doctor. A doctor
    /// looking at someone else's record (access already checked) sees every report.
    /// </summary>
    public async Task<bool> SeesReleasedOnlyAsync(Guid patientId, CancellationToken ct) =>
        await viewer.GetAsync() is not { IsDoctor: true } || await viewer.IsPatientOfRecordAsync(patientId, ct);

    public async Task<IReadOnlyList<LabReportRecord>> ReportsOfAsync(Guid patientId, CancellationToken ct) =>
        await labs.ReportsForPatientAsync(patientId, await SeesReleasedOnlyAsync(patientId, ct), ct);

    public Task<IReadOnlyList<LabOrderRecord>> OrdersOfAsync(Guid patientId, CancellationToken ct) => labs.OrdersForPatientAsync(patientId, ct);

    /// <summary>One report, or null when there is none or the viewer sees only released reports and it is not released.</summary>
    public async Task<LabReportRecord?> ReportAsync(Guid reportId, CancellationToken ct) =>
        await labs.FindReportAsync(reportId, ct) is { } report && (report.Status == LabResultStatuses.Released || !await SeesReleasedOnlyAsync(report.PatientId, ct))
            ? report : null;

    public Task<LabOrderRecord?> OrderAsync(Guid orderId, CancellationToken ct) => labs.FindOrderAsync(orderId, ct);

    /// <summary>The orders of the reports, by id (a report's order is always the same patient's).</summary>
    public async Task<Dictionary<Guid, LabOrderRecord>> OrdersByIdAsync(Guid patientId, CancellationToken ct) =>
        (await OrdersOfAsync(patientId, ct)).ToDictionary(o => o.OrderId);
}
