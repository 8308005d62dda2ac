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
/// GET /me/prescriptions: the signed-in patient's signed prescriptions (active, expired, cancelled) and those of every dependant the
/// account is a guardian of (<see cref="IPatientRepresentation.RepresentedAsync"/>, the rule every action by id on them follows),
/// newest first; drafts never. A dependant's prescription names its patient (<c>patientName</c>). A user without a patient record or
/// dependants gets an empty list. Each prescription read is audited as a PHI read (the child's as the guardian's own).
/// </summary>
internal static class MyPrescriptions
{
    public static async Task<Ok<IReadOnlyList<PatientPrescriptionView>>> EndpointAsync(ICurrentUser user, IPatientRepresentation representation, ClinicalDbContext db,
        IDispensingStatus dispensing, TimeProvider clock, CancellationToken ct)
    {
        var patients = await representation.RepresentedAsync(user.RequireUserId(), ct);
        if (patients.Count == 0)
        {
            return TypedResults.Ok<IReadOnlyList<PatientPrescriptionView>>([]);
        }

        var ids = patients.Select(p => p.PatientId).ToList();
        var dependants = patients.Where(p => !p.IsOwn).ToDictionary(p => p.PatientId, p => p.DisplayName);
        var now = clock.GetUtcNow().UtcDateTime;
        var signed = await db.Prescriptions.AsNoTracking().Where(p => ids.Contains(p.PatientId) && p.Status != PrescriptionStatuses.Draft && p.SignedAt != null)
            .ToListAsync(ct);
        var progress = await dispensing.GetAsync([.. signed.Select(p => p.Id)], ct);
        return TypedResults.Ok<IReadOnlyList<PatientPrescriptionView>>([.. signed.OrderByDescending(p => p.SignedAt).Select(p =>
        {
            var view = PrescriptionViewMapper.ForPatient(p, now, dependants.GetValueOrDefault(p.PatientId));
            return progress.TryGetValue(p.Id, out var at) ? view with { Dispensing = at.Status, PharmacyName = at.PharmacyName } : view;
        })]);
    }
}
