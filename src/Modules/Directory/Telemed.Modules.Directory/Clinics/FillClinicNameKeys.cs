using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Telemed.BuildingBlocks.Modules;
using Telemed.Modules.Directory.Infrastructure;

namespace Telemed.Modules.Directory.Clinics;

/// <summary>
/// Once at start-up (idempotent): gives every clinic stored before names were compared in any letter case its
/// <see cref="Clinic.NameKey"/>. Names equal but for case ("City Clinic" and "city clinic") may have been stored then; the start-up must
/// not stop over them, and renaming a clinic behind its administrator's back would confuse patients and staff. So the oldest-keyed
/// clinic (the first by name, then id, that holds the key) keeps it, and each duplicate keeps its name without a key: it is logged as
/// a warning with both clinics' ids (clinic names are not PHI but ids suffice) and stays listed and bookable; creating or renaming
/// another clinic to that name is still refused (409 <c>directory.clinic_name_taken</c>), and once an administrator renames the
/// duplicate it gets its key. A clinic whose key is already right is not touched, so a second run writes nothing.
/// </summary>
internal sealed class FillClinicNameKeys(DirectoryDbContext db, ILogger<FillClinicNameKeys> logger) : IStartupTask
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var clinics = await db.Clinics.ToListAsync(cancellationToken);
        var holders = clinics.Where(c => c.NameKey is not null).GroupBy(c => c.NameKey!).ToDictionary(g => g.Key, g => g.First().Id);
        var keyed = 0;
        foreach (var clinic in clinics.Where(c => c.NameKey is null).OrderBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.Id))
        {
            var key = ClinicNameKey.Of(clinic.Name);
            if (holders.TryGetValue(key, out var holder))
            {
                logger.LogWarning("Clinic {ClinicId} has the name of clinic {HolderId} in another letter case; it is kept unkeyed until an administrator renames it.",
                    clinic.Id, holder);
                continue;
            }

            clinic.KeyName();
            holders[key] = clinic.Id;
            keyed++;
        }

        if (keyed > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
