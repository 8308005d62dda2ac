using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Http;
using Telemed.Modules.Clinical.Infrastructure;

namespace Telemed.Modules.Clinical.Prescriptions.CancelPrescription;

/// <summary>Why the prescription is withdrawn (3–500 characters; stored encrypted).</summary>
public sealed record CancelPrescriptionRequest(string Reason);

internal sealed class CancelPrescriptionRequestValidator : AbstractValidator<CancelPrescriptionRequest>
{
    public CancelPrescriptionRequestValidator() =>
        RuleFor(r => r.Reason).NotEmpty().Must(r => r is not null && r.Trim().Length is >= 3 and <= 500).WithMessage("3 to 500 characters.");
}

/// <summary>
/// POST /consultations/{id}/prescriptions/{prescriptionId}/cancel: the consultation's doctor withdraws a draft or an active
/// prescription; a pharmacy then sees status <c>cancelled</c> and must not dispense. Errors: 404 <c>clinical.not_found</c>;
/// 409 <c>clinical.prescription_not_cancellable</c>; 409 <c>clinical.prescription_changed</c> when it was signed, edited or
/// cancelled between the read and the save (the cancel is not saved; read it again and decide). The prescription's open refill
/// requests are declined in the same save with the doctor's reason (the patient is told), and a draft started to approve one is
/// cancelled: a withdrawn therapy must not come back through a refill.
/// </summary>
internal static class CancelPrescription
{
    public static async Task<Results<Ok<PrescriptionView>, ProblemHttpResult>> EndpointAsync(Guid id, Guid prescriptionId, CancelPrescriptionRequest request,
        PrescriptionSubjects subjects, ClinicalDbContext db, TimeProvider clock, CancellationToken ct)
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

        var now = clock.GetUtcNow().UtcDateTime;
        var cancelled = prescription.Value.Cancel(request.Reason, now);
        if (!cancelled.IsSuccess)
        {
            return Problems.From(cancelled.Error!);
        }

        await Refills.CloseRefillsOfCancelled.DeclineOpenRequestsAsync(db, prescription.Value, request.Reason, now, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Signed, edited or cancelled by a request that saved first: a cancel read before a signature must not be lost
            // silently, nor overwrite it.
            return Problems.From(PrescriptionErrors.Changed);
        }

        return TypedResults.Ok(PrescriptionViewMapper.Map(prescription.Value, [], now));
    }
}
