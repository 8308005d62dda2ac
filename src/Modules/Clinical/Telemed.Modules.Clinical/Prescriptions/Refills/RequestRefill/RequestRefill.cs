using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Http;
using Telemed.Modules.Clinical.Infrastructure;
using Telemed.Modules.Directory.Contracts;

namespace Telemed.Modules.Clinical.Prescriptions.Refills.RequestRefill;

/// <summary>An optional note for the doctor (at most 500 characters; stored encrypted).</summary>
public sealed record RequestRefillRequest(string? Note);

internal sealed class RequestRefillRequestValidator : AbstractValidator<RequestRefillRequest>
{
    public RequestRefillRequestValidator() => RuleFor(r => r.Note).MaximumLength(500);
}

/// <summary>
/// POST /me/prescriptions/{id}/refill-requests: the patient the prescription was written for (or their guardian) asks for a
/// refill; the request lands in the prescriber's queue. Returns 201 with the <see cref="RefillRequestView"/>. Errors: 404
/// <c>clinical.not_found</c> for anyone else, an unknown id or a draft (refusal audited); 409
/// <c>clinical.prescription_not_refillable</c> (cancelled or expired), <c>clinical.refill_already_requested</c> (one open
/// request per prescription).
/// </summary>
internal static class RequestRefill
{
    public static async Task<Results<Created<RefillRequestView>, ProblemHttpResult>> EndpointAsync(Guid id, RequestRefillRequest request, ICurrentUser user,
        IDirectoryModule directory, IPatientRepresentation representation, ClinicalDbContext db, AuditScope audit, TimeProvider clock, CancellationToken ct)
    {
        var prescription = await db.Prescriptions.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id && p.SignedAt != null, ct);
        if (prescription is null)
        {
            return Problems.From(PrescriptionSubjects.NotFound);
        }

        var userId = user.RequireUserId();
        if (!await representation.ActsForAsync(userId, prescription.PatientId, ct))
        {
            audit.RecordDenied("Prescription", id, "not the patient or a guardian");
            return Problems.From(PrescriptionSubjects.NotFound);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (!RefillRules.PrescriptionIsRefillable(prescription, now))
        {
            return Problems.From(RefillErrors.NotRefillable);
        }

        var earlier = await db.RefillRequests.Where(r => r.PrescriptionId == id).ToListAsync(ct);
        if (RefillRules.AnotherRequestIsOpen(earlier))
        {
            return Problems.From(RefillErrors.AlreadyRequested);
        }

        var refill = RefillRequest.For(prescription, userId, request.Note, now);
        db.RefillRequests.Add(refill);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // The same request sent twice at once: the other one is the open request now (the unique index on open requests).
            return Problems.From(RefillErrors.AlreadyRequested);
        }

        var name = (await directory.GetPatientContactAsync(prescription.PatientId, ct))?.DisplayName ?? "";
        return TypedResults.Created($"/api/v1/me/refill-requests/{refill.Id}", RefillViewMapper.Map(refill, prescription, name));
    }
}
