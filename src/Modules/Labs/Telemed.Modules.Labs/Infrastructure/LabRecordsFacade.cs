using Microsoft.EntityFrameworkCore;
using Telemed.Modules.Labs.Contracts;
using Telemed.Modules.Labs.Orders;
using Telemed.Modules.Labs.Results;

namespace Telemed.Modules.Labs.Infrastructure;

/// <summary>The <see cref="ILabRecords"/> read facade over the labs schema (decrypts; does not check access or audit — the caller does).</summary>
internal sealed class LabRecordsFacade(LabsDbContext db) : ILabRecords
{
    public async Task<IReadOnlyList<LabOrderRecord>> OrdersForPatientAsync(Guid patientId, CancellationToken cancellationToken = default)
    {
        var orders = await db.Orders.AsNoTracking().Where(o => o.PatientId == patientId).OrderByDescending(o => o.OrderedAt).ToListAsync(cancellationToken);
        var labs = await LabNamesAsync(cancellationToken);
        return [.. orders.Select(o => Map(o, labs))];
    }

    public async Task<IReadOnlyList<LabReportRecord>> ReportsForPatientAsync(Guid patientId, bool releasedOnly, CancellationToken cancellationToken = default)
    {
        var query = db.Reports.AsNoTracking().Where(r => r.PatientId == patientId);
        if (releasedOnly)
        {
            query = query.Where(r => r.Status == LabResultStatuses.Released);
        }

        return [.. (await query.OrderByDescending(r => r.IssuedAt).ToListAsync(cancellationToken)).Select(Map)];
    }

    public async Task<LabOrderRecord?> FindOrderAsync(Guid orderId, CancellationToken cancellationToken = default) =>
        await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken) is { } order
            ? Map(order, await LabNamesAsync(cancellationToken)) : null;

    public async Task<LabReportRecord?> FindReportAsync(Guid reportId, CancellationToken cancellationToken = default) =>
        await db.Reports.AsNoTracking().SingleOrDefaultAsync(r => r.Id == reportId, cancellationToken) is { } report ? Map(report) : null;

    private Task<Dictionary<Guid, string>> LabNamesAsync(CancellationToken ct) => db.PartnerLabs.AsNoTracking().ToDictionaryAsync(l => l.Id, l => l.Name, ct);

    private static LabOrderRecord Map(LabOrder o, Dictionary<Guid, string> labs) => new(o.Id, o.PatientId, o.DoctorUserId, o.ConsultationId,
        [.. o.Tests.Select(t => new LabOrderedTest(t.LoincCode, t.Display))], o.PartnerLabId, o.PartnerLabId is { } id ? labs.GetValueOrDefault(id) : null,
        o.Status, o.OrderedAt, o.SentAt, o.UpdatedAt);

    private static LabReportRecord Map(LabReport r) => new(r.Id, r.OrderId, r.PatientId, r.DoctorUserId, r.Status, r.PanelCode, r.ExternalId, r.DoctorNote,
        r.IssuedAt, r.ReceivedAt, r.ReleasedAt,
        [.. r.Values.Select(v => new LabObservationRecord(v.Id, v.LoincCode, v.Display, v.Value, v.ValueText, v.Unit, v.RangeLow, v.RangeHigh, v.Flag, v.EffectiveAt,
            v.AbsentReason, v.AbsentReasonText))]);
}
