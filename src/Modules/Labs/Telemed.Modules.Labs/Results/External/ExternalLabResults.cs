using Microsoft.EntityFrameworkCore;
using Telemed.Modules.Labs.Contracts;
using Telemed.Modules.Labs.Infrastructure;

namespace Telemed.Modules.Labs.Results.External;

/// <summary>Imported results (see <see cref="IExternalLabResults"/>): one released report per external observation, keyed by its external id.</summary>
internal sealed class ExternalLabResults(LabsDbContext db, TimeProvider clock) : IExternalLabResults
{
    public async Task<ExternalObservationRecorded> RecordExternalObservationAsync(Guid patientId, string externalId, ExternalObservation observation,
        CancellationToken cancellationToken = default)
    {
        var o = observation;
        var flag = ValueFlags.FlagOf(o.Value, o.Flag, o.RangeLow, o.RangeHigh, null, null);
        var value = new LabValue(Guid.CreateVersion7(), o.LoincCode, o.Display, o.Value, o.ValueText, o.Unit, o.RangeLow, o.RangeHigh, flag, null,
            DateTime.SpecifyKind(o.EffectiveAt, DateTimeKind.Utc));
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
