using Microsoft.EntityFrameworkCore;
using Telemed.Modules.Labs.Contracts;
using Telemed.Modules.Labs.Gateway;
using Telemed.Modules.Labs.Infrastructure;

namespace Telemed.Modules.Labs.Results.External;

/// <summary>
/// Imported results (see <see cref="IExternalLabResults"/>): one released report per external observation, keyed by its external id,
/// flagged like a partner lab's value (catalogue range when the source gives none, catalogue critical limits).
/// </summary>
internal sealed class ExternalLabResults(LabsDbContext db, TimeProvider clock) : IExternalLabResults
{
    public async Task<ExternalObservationRecorded> RecordExternalObservationAsync(Guid patientId, string externalId, ExternalObservation observation,
        CancellationToken cancellationToken = default)
    {
        var o = observation;
        // Flagged as a partner lab's value is (LabOrderDispatch.FlaggedValue): the source's range, else the catalogue's, and the
        // catalogue's critical limits, so an imported haemoglobin of 99999999999999999999 or -5 g/dL is critical, not "N".
        var value = LabOrderDispatch.FlaggedValue(new ReportedValue(o.LoincCode, o.Display, o.Value, o.ValueText, o.Unit, o.RangeLow, o.RangeHigh,
            o.Flag, null, DateTime.SpecifyKind(o.EffectiveAt, DateTimeKind.Utc)));
        var existing = await db.Reports.SingleOrDefaultAsync(r => r.OrderId == Guid.Empty && r.ExternalId == externalId && r.PatientId == patientId,
            cancellationToken);
        if (existing is not null)
        {
            var changed = existing.ReplaceImportedValue(value);
            if (changed)
            {
                await db.SaveChangesAsync(cancellationToken);
            }

            return new ExternalObservationRecorded(existing.Id, false, changed);
        }

        var report = db.Reports.Add(LabReport.Imported(patientId, externalId, value, clock.GetUtcNow().UtcDateTime)).Entity;
        await db.SaveChangesAsync(cancellationToken);
        return new ExternalObservationRecorded(report.Id, true, true);
    }
}
