using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.Modules.Clinical.Contracts;
using Telemed.Modules.Clinical.Infrastructure;
using Telemed.Modules.Directory.Contracts;

namespace Telemed.Modules.Clinical.Prescriptions.MyPrescriptions;

/// <summary>
/// GET /me/prescriptions: the signed-in patient's signed prescriptions (active, expired, cancelled), newest first; drafts
/// never. A user without a patient record gets an empty list. Each read is audited.
/// </summary>
internal static class MyPrescriptions
{
    public static async Task<Ok<IReadOnlyList<PatientPrescriptionView>>> EndpointAsync(ICurrentUser user, IDirectoryModule directory, ClinicalDbContext db,
        TimeProvider clock, CancellationToken ct)
    {
        var patientId = await directory.FindPatientIdAsync(user.RequireUserId(), ct);
        if (patientId is null)
        {
            return TypedResults.Ok<IReadOnlyList<PatientPrescriptionView>>([]);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var signed = await db.Prescriptions.AsNoTracking().Where(p => p.PatientId == patientId && p.Status != PrescriptionStatuses.Draft && p.SignedAt != null)
            .ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<PatientPrescriptionView>>([.. signed.OrderByDescending(p => p.SignedAt).Select(p => PrescriptionViewMapper.ForPatient(p, now))]);
    }
}
