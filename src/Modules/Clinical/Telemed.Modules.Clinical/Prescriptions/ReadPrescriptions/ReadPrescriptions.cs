using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Http;
using Telemed.Modules.Clinical.Infrastructure;

namespace Telemed.Modules.Clinical.Prescriptions.ReadPrescriptions;

/// <summary>
/// GET /consultations/{id}/prescriptions (oldest first) and GET /consultations/{id}/prescriptions/{prescriptionId}: the
/// consultation's doctor reads the prescriptions with their current findings. Everyone else: 404 <c>clinical.not_found</c>
/// (audited as denied). Each prescription read is audited.
/// </summary>
internal static class ReadPrescriptions
{
    public static async Task<Results<Ok<IReadOnlyList<PrescriptionView>>, ProblemHttpResult>> ListAsync(Guid id, PrescriptionSubjects subjects,
        ClinicalDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var found = await subjects.FindForItsDoctorAsync(id, ct);
        if (!found.IsSuccess)
        {
            return Problems.From(found.Error!);
        }

        var prescriptions = await db.Prescriptions.AsNoTracking().Where(p => p.ConsultationId == id).OrderBy(p => p.CreatedAt).ToListAsync(ct);
        var patient = await subjects.PatientAsync(found.Value.Consultation.PatientId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var views = new List<PrescriptionView>();
        foreach (var p in prescriptions)
        {
            var findings = patient is null ? [] : await subjects.FindingsAsync(found.Value, patient, p.Content, p.Id, ct);
            views.Add(PrescriptionViewMapper.Map(p, findings, now));
        }

        return TypedResults.Ok<IReadOnlyList<PrescriptionView>>(views);
    }

    public static async Task<Results<Ok<PrescriptionView>, ProblemHttpResult>> OneAsync(Guid id, Guid prescriptionId, PrescriptionSubjects subjects,
        TimeProvider clock, CancellationToken ct)
    {
        var found = await subjects.FindForItsDoctorAsync(id, ct);
        if (!found.IsSuccess)
        {
            return Problems.From(found.Error!);
        }

        var prescription = await subjects.PrescriptionAsync(id, prescriptionId, ct);
        if (!prescription.IsSuccess)
        {
            return Problems.From(prescription.Error!);
        }

        var p = prescription.Value;
        var patient = await subjects.PatientAsync(found.Value.Consultation.PatientId, ct);
        var findings = patient is null ? [] : await subjects.FindingsAsync(found.Value, patient, p.Content, p.Id, ct);
        return TypedResults.Ok(PrescriptionViewMapper.Map(p, findings, clock.GetUtcNow().UtcDateTime));
    }
}
