using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.Modules.Clinical.Contracts;
using Telemed.Modules.Clinical.Infrastructure;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Pharmacy.Contracts;

namespace Telemed.Modules.Clinical.Prescriptions.MyPrescriptions;

/// <summary>
/// GET /me/prescriptions: the signed-in patient's signed prescriptions (active, expired, cancelled), newest first; drafts
/// never. A user without a patient record gets an empty list. Each read is audited.
/// </summary>
internal static class MyPrescriptions
{
    public static async Task<Ok<IReadOnlyList<PatientPrescriptionView>>> EndpointAsync(ICurrentUser user, IDirectoryModule directory, ClinicalDbContext db,
        IDispensingStatus dispensing, TimeProvider clock, CancellationToken ct)
    {
        var patientId = await directory.FindPatientIdAsync(user.RequireUserId(), ct);
        if (patientId is null)
        {
            return TypedResults.Ok<IReadOnlyList<PatientPrescriptionView>>([]);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var signed = await db.Prescriptions.AsNoTracking().Where(p => p.PatientId == patientId && p.Status != PrescriptionStatuses.Draft && p.SignedAt != null)
            .ToListAsync(ct);
        var progress = await dispensing.GetAsync([.. signed.Select(p => p.Id)], ct);
        return TypedResults.Ok<IReadOnlyList<PatientPrescriptionView>>([.. signed.OrderByDescending(p => p.SignedAt).Select(p =>
            progress.TryGetValue(p.Id, out var at)
                ? PrescriptionViewMapper.ForPatient(p, now) with { Dispensing = at.Status, PharmacyName = at.PharmacyName }
                : PrescriptionViewMapper.ForPatient(p, now))]);
    }
}
