using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.Modules.Clinical.Contracts;
using Telemed.Modules.Clinical.Infrastructure;
using Telemed.Modules.Directory.Contracts;

namespace Telemed.Modules.Clinical.Prescriptions.Refills.ListRefillRequests;

/// <summary>The refill request lists: the doctor's task queue and the patient's own requests. Each loaded request is audited as a read.</summary>
internal static class ListRefillRequests
{
    /// <summary>GET /clinical/refill-requests: the requests assigned to the signed-in doctor, open ones first (oldest first), then decided ones (newest first, at most 50).</summary>
    public static async Task<Ok<IReadOnlyList<RefillRequestView>>> AssignedToMeAsync(ICurrentUser user, IDirectoryModule directory, ClinicalDbContext db,
        CancellationToken ct)
    {
        var me = user.RequireUserId();
        var open = await db.RefillRequests.AsNoTracking().Where(r => r.AssignedDoctorUserId == me && r.Status == RefillRequestStatuses.Requested)
            .OrderBy(r => r.RequestedAt).ToListAsync(ct);
        var decided = await db.RefillRequests.AsNoTracking().Where(r => r.AssignedDoctorUserId == me && r.Status != RefillRequestStatuses.Requested)
            .OrderByDescending(r => r.DecidedAt).Take(50).ToListAsync(ct);
        return TypedResults.Ok(await ViewsAsync([.. open, .. decided], directory, db, ct));
    }

    /// <summary>
    /// GET /me/refill-requests: the requests for the signed-in patient and for every dependant it is a guardian of
    /// (<see cref="IPatientRepresentation.RepresentedAsync"/>), whoever asked (the other guardian too), and those it asked itself; newest
    /// first (with decline reasons).
    /// </summary>
    public static async Task<Ok<IReadOnlyList<RefillRequestView>>> MineAsync(ICurrentUser user, IDirectoryModule directory, IPatientRepresentation representation,
        ClinicalDbContext db, CancellationToken ct)
    {
        var me = user.RequireUserId();
        var patients = (await representation.RepresentedAsync(me, ct)).Select(p => p.PatientId).ToList();
        var mine = await db.RefillRequests.AsNoTracking().Where(r => r.RequestedByUserId == me || patients.Contains(r.PatientId))
            .OrderByDescending(r => r.RequestedAt).Take(100).ToListAsync(ct);
        return TypedResults.Ok(await ViewsAsync(mine, directory, db, ct));
    }

    private static async Task<IReadOnlyList<RefillRequestView>> ViewsAsync(IReadOnlyList<RefillRequest> requests, IDirectoryModule directory,
        ClinicalDbContext db, CancellationToken ct)
    {
        var ids = requests.Select(r => r.PrescriptionId).Distinct().ToList();
        var originals = await db.Prescriptions.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var names = new Dictionary<Guid, string>();
        foreach (var patientId in requests.Select(r => r.PatientId).Distinct())
        {
            names[patientId] = (await directory.GetPatientContactAsync(patientId, ct))?.DisplayName ?? "";
        }

        return [.. requests.Where(r => originals.ContainsKey(r.PrescriptionId)).Select(r => RefillViewMapper.Map(r, originals[r.PrescriptionId], names[r.PatientId]))];
    }
}
