using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Telemed.BuildingBlocks.Modules;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Directory.Infrastructure;

namespace Telemed.Modules.Directory.Clinics;

/// <summary>
/// Once at start-up (idempotent): rewrites every clinic's stored time zone as the tz database spells it. Until the directory stored the
/// canonical id, "europe/moscow" was accepted as typed and scheduling read it as UTC; such a row is corrected here and
/// <see cref="ClinicTimeZoneChanged"/> is published, so the days analytics summed in the wrong zone are recounted. A zone nobody knows
/// (a damaged row) cannot be corrected: it is logged as an error with the clinic's id, and reading it throws (never UTC).
/// </summary>
internal sealed class NormaliseClinicTimeZones(DirectoryDbContext db, ILogger<NormaliseClinicTimeZones> logger) : IStartupTask
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var corrected = 0;
        foreach (var clinic in await db.Clinics.ToListAsync(cancellationToken))
        {
            var canonical = ClinicTimeZone.CanonicalId(clinic.TimeZone);
            if (canonical is null)
            {
                logger.LogError("Clinic {ClinicId} has the unknown time zone {TimeZone}; set a valid IANA time zone in the clinic's administration.",
                    clinic.Id, clinic.TimeZone);
            }
            else if (!string.Equals(canonical, clinic.TimeZone, StringComparison.Ordinal))
            {
                logger.LogWarning("Clinic {ClinicId}'s time zone {TimeZone} is stored as {Canonical}.", clinic.Id, clinic.TimeZone, canonical);
                clinic.TimeZone = canonical;
                db.Publish(new ClinicTimeZoneChanged(clinic.Id, canonical));
                corrected++;
            }
        }

        if (corrected > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
