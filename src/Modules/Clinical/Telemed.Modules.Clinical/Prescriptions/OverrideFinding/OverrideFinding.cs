using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Http;
using Telemed.Modules.Clinical.Infrastructure;
using Telemed.Modules.Clinical.Protocols;

namespace Telemed.Modules.Clinical.Prescriptions.OverrideFinding;

/// <summary>The warning's finding code, the prescriber's reason (3–500 characters, stored encrypted) and the version read.</summary>
public sealed record OverrideRequest(string Code, string Reason, int Version);

internal sealed class OverrideRequestValidator : AbstractValidator<OverrideRequest>
{
    public OverrideRequestValidator()
    {
        RuleFor(r => r.Code).NotEmpty().MaximumLength(64);
        RuleFor(r => r.Reason).NotEmpty().Must(r => r is not null && r.Trim().Length is >= 3 and <= 500).WithMessage("3 to 500 characters.");
        RuleFor(r => r.Version).GreaterThanOrEqualTo(0);
    }
}

/// <summary>
/// POST /consultations/{id}/prescriptions/{prescriptionId}/overrides: the consultation's doctor goes ahead despite a
/// warning, giving a reason; audited as <c>prescription.override</c> with the finding code (the reason itself is PHI and
/// stays encrypted in the prescription). Errors: 404 <c>clinical.not_found</c>; 409 <c>clinical.consultation_not_started</c>
/// (failed or cancelled), <c>clinical.prescription_changed</c>,
/// <c>clinical.prescription_not_draft</c>; 422 <c>clinical.finding_not_overridable</c> (no such open warning, or a hard stop).
/// </summary>
internal static class OverrideFinding
{
    public static async Task<Results<Ok<PrescriptionView>, ProblemHttpResult>> EndpointAsync(Guid id, Guid prescriptionId, OverrideRequest request,
        PrescriptionSubjects subjects, ClinicalDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var found = await subjects.FindForItsDoctorAsync(id, ct);
        if (!found.IsSuccess)
        {
            return Problems.From(found.Error!);
        }

        // A draft written while the visit ran is not signed (nor its warnings overridden) once the consultation failed.
        if (ProtocolRules.TheConsultationHasStarted(found.Value.Consultation.Status) is { } notStarted)
        {
            return Problems.From(notStarted);
        }

        var prescription = await subjects.PrescriptionAsync(id, prescriptionId, ct);
        if (!prescription.IsSuccess)
        {
            return Problems.From(prescription.Error!);
        }

        var p = prescription.Value;
        var patient = await subjects.PatientAsync(found.Value.Consultation.PatientId, ct);
        var findings = patient is null ? [] : await subjects.FindingsAsync(found.Value, patient, p.Content, p.Id, ct);
        if (!findings.Any(f => f.Code == request.Code && !f.IsHardStop))
        {
            return Problems.From(p.IsDraft ? PrescriptionErrors.NotAWarning : PrescriptionErrors.NotDraft);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var overridden = p.Override(request.Code, request.Reason, request.Version, now);
        if (!overridden.IsSuccess)
        {
            return Problems.From(overridden.Error!);
        }

        // With the save, in its transaction: an override that loses to a concurrent change (409) leaves no success in the trail.
        db.AuditWithNextSave("prescription.override", "Prescription", p.Id.ToString(), reason: $"finding {request.Code}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.From(PrescriptionErrors.Changed);
        }

        return TypedResults.Ok(PrescriptionViewMapper.Map(p, findings, now));
    }
}
