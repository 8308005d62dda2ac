using Microsoft.EntityFrameworkCore;
using Telemed.Modules.Directory.Infrastructure;

namespace Telemed.Modules.Directory.Patients.Dependents;

/// <summary>
/// How a child is reached: through their first guardian (the child's own profile holds no e-mail or phone, so searches
/// by a parent's phone or e-mail find the parent, not every child). Reading the guardian's profile is an audited PHI read.
/// </summary>
internal static class GuardianContact
{
    /// <summary>The first guardian's patient profile of <paramref name="patientId"/>, or null when the patient is nobody's dependent.</summary>
    public static async Task<PatientProfile?> OfAsync(DirectoryDbContext db, Guid patientId, CancellationToken ct)
    {
        var guardianUserId = await db.Guardians.AsNoTracking().Where(g => g.PatientId == patientId).OrderBy(g => g.CreatedAt)
            .Select(g => (Guid?)g.GuardianUserId).FirstOrDefaultAsync(ct);
        return guardianUserId is { } userId ? await db.Patients.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == userId, ct) : null;
    }

    /// <summary><see cref="OfAsync(DirectoryDbContext, Guid, CancellationToken)"/> for several patients: only the dependents among them are keys.</summary>
    public static async Task<Dictionary<Guid, PatientProfile>> OfAsync(DirectoryDbContext db, IReadOnlyCollection<Guid> patientIds, CancellationToken ct)
    {
        var links = (await db.Guardians.AsNoTracking().Where(g => patientIds.Contains(g.PatientId)).Select(g => new { g.PatientId, g.GuardianUserId, g.CreatedAt })
            .ToListAsync(ct)).GroupBy(g => g.PatientId).ToDictionary(g => g.Key, g => g.OrderBy(l => l.CreatedAt).First().GuardianUserId);
        if (links.Count == 0)
        {
            return [];
        }

        var userIds = links.Values.Distinct().ToList();
        var profiles = await db.Patients.AsNoTracking().Where(p => userIds.Contains(p.UserId)).ToDictionaryAsync(p => p.UserId, ct);
        return links.Where(l => profiles.ContainsKey(l.Value)).ToDictionary(l => l.Key, l => profiles[l.Value]);
    }
}
