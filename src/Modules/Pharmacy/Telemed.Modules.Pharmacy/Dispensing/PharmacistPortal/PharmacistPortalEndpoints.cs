using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Pharmacy.Infrastructure;

namespace Telemed.Modules.Pharmacy.Dispensing.PharmacistPortal;

internal sealed class DispenseRequestValidator : AbstractValidator<DispenseRequest>
{
    public DispenseRequestValidator()
    {
        RuleFor(r => r.Quantity).GreaterThanOrEqualTo(1).LessThanOrEqualTo(100_000);
        RuleFor(r => r.VerificationCode).MaximumLength(2048);
    }
}

internal sealed class DeclineRequestValidator : AbstractValidator<DeclineRequest>
{
    public DeclineRequestValidator()
    {
        RuleFor(r => r.Reason).NotEmpty().WithMessage(DispensingRules.ReasonRequired.Message).MaximumLength(DispensingRules.MaxDeclineReasonLength);
        RuleFor(r => r.VerificationCode).MaximumLength(2048);
    }
}

internal sealed class LookupRequestValidator : AbstractValidator<LookupRequest>
{
    public LookupRequestValidator() => RuleFor(r => r.Code).NotEmpty().MaximumLength(2048);
}

/// <summary>
/// The pharmacist portal. Every route is open to any signed-in account and decides inside, so that anyone who may not
/// see a prescription (another pharmacy's pharmacist, front desk, admin, any doctor) gets the same 404
/// <c>pharmacy.not_found</c> as for an unknown id, audited as refused.
/// </summary>
internal static class PharmacistPortalEndpoints
{
    public const int ListSize = 100;
    public static readonly Error NoMembership = new("pharmacy.no_membership", "Your account does not belong to a pharmacy yet. Ask the administrator.", ErrorKind.NotFound);

    /// <summary>200 with the caller's pharmacy; 404 <c>pharmacy.no_membership</c>.</summary>
    public static async Task<Results<Ok<MyPharmacyView>, ProblemHttpResult>> MyPharmacyAsync(PharmacistDesk desk, PharmacyDbContext db, CancellationToken ct)
    {
        if (await desk.MyPharmacyIdAsync(ct) is not { } pharmacyId || await db.Pharmacies.AsNoTracking().SingleOrDefaultAsync(p => p.Id == pharmacyId, ct) is not { } p)
        {
            return Problems.From(NoMembership);
        }

        return TypedResults.Ok(new MyPharmacyView(p.Id, p.Name, p.Address, p.City, p.Phone, p.OpeningHours));
    }

    /// <summary>200 with the prescriptions sent to the caller's pharmacy, most recently changed first (at most 100); 404 <c>pharmacy.no_membership</c>.</summary>
    public static async Task<Results<Ok<IReadOnlyList<PharmacistPrescriptionView>>, ProblemHttpResult>> ListAsync(PharmacistDesk desk, PharmacyDbContext db,
        CancellationToken ct)
    {
        if (await desk.MyPharmacyIdAsync(ct) is not { } pharmacyId)
        {
            return Problems.From(NoMembership);
        }

        var states = await db.Dispensings.AsNoTracking().Where(d => d.PharmacyId == pharmacyId).OrderByDescending(d => d.UpdatedAt).Take(ListSize).ToListAsync(ct);
        var views = new List<PharmacistPrescriptionView>();
        foreach (var state in states)
        {
            if (await desk.Prescriptions.FindAsync(state.PrescriptionId, ct) is { } prescription)
            {
                views.Add(PharmacistViews.From(new OpenedPrescription(prescription, state, pharmacyId, true)));
            }
        }

        return TypedResults.Ok<IReadOnlyList<PharmacistPrescriptionView>>(views);
    }

    /// <summary>200 with the prescription; 404 <c>pharmacy.not_found</c> unless it was sent to the caller's pharmacy.</summary>
    public static async Task<Results<Ok<PharmacistPrescriptionView>, ProblemHttpResult>> GetAsync(Guid id, PharmacistDesk desk, CancellationToken ct)
    {
        var opened = await desk.OpenAsync(id, null, false, ct);
        return opened.IsSuccess ? TypedResults.Ok(PharmacistViews.From(opened.Value)) : Problems.From(opened.Error!);
    }

    /// <summary>200 with the prescription whose QR code carries the code (or URL); 404 <c>pharmacy.not_found</c>.</summary>
    public static async Task<Results<Ok<PharmacistPrescriptionView>, ProblemHttpResult>> LookupAsync(LookupRequest request, PharmacistDesk desk, CancellationToken ct)
    {
        var opened = await desk.FindByCodeAsync(request.Code, ct);
        return opened.IsSuccess ? TypedResults.Ok(PharmacistViews.From(opened.Value)) : Problems.From(opened.Error!);
    }

    /// <summary>
    /// 200 with the updated prescription. 404 <c>pharmacy.not_found</c>; 422 <c>pharmacy.prescription_not_active</c>,
    /// <c>pharmacy.signature_invalid</c>, <c>pharmacy.quantity_exceeds_remaining</c>; 409 <c>pharmacy.already_dispensed</c>,
    /// <c>pharmacy.dispensing_conflict</c> (someone dispensed at the same moment: exactly one of two simultaneous requests wins).
    /// </summary>
    public static async Task<Results<Ok<PharmacistPrescriptionView>, ProblemHttpResult>> DispenseAsync(Guid id, DispenseRequest request, PharmacistDesk desk,
        PharmacyDbContext db, ICurrentUser user, HttpRequest http, TimeProvider clock, CancellationToken ct)
    {
        var opened = await desk.OpenAsync(id, request.VerificationCode, true, ct);
        if (!opened.IsSuccess)
        {
            return Problems.From(opened.Error!);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        // A retried hand-over (a lost answer, a second click) with the same Idempotency-Key answers as the first did, once it has
        // committed, and never hands the medicine over twice.
        var claim = await db.ClaimAsync(http, user.RequireUserId(), DispenseOperation, new { id, request.Quantity }, now, ct);
        if (claim.Answer is { } earlier)
        {
            return await RepeatedAsync(earlier, id, request.VerificationCode, desk, ct);
        }

        var state = opened.Value.State ?? db.Dispensings.Add(PrescriptionDispensing.Track(opened.Value.Prescription, now)).Entity;
        var declinedBefore = DispensingRules.ADeclineIsSupersededByALaterDispensing(state.Status);
        var dispensed = state.Dispense(opened.Value.PharmacyId, user.RequireUserId(), request.Quantity, opened.Value.Prescription, now);
        if (!dispensed.IsSuccess)
        {
            return Problems.From(dispensed.Error!);
        }

        db.Records.Add(dispensed.Value);
        // With the save, in its transaction: a dispensing that loses the race (409) leaves no dispensed entry.
        db.AuditWithNextSave(DispensingRules.DispensedAction, PharmacistDesk.AuditRecordType, id.ToString(),
            $"{request.Quantity} of {state.QuantityPrescribed}" + (declinedBefore ? ", after a decline" : ""), state.PatientId);
        if (claim.Key is { } key)
        {
            key.ResourceId = dispensed.Value.Id;
            db.Set<CreateRequestKey>().Add(key);
        }

        var saved = await SaveAsync(db, opened.Value with { State = state }, ct);
        if (claim.Key is { } sent && saved.Result is ProblemHttpResult && await db.EarlierAsync(sent, ct) is { } raced)
        {
            // The same request sent twice at once: the other one committed the key and the hand-over; answer as it did.
            return await RepeatedAsync(raced, id, request.VerificationCode, desk, ct);
        }

        return saved;
    }

    /// <summary>The <c>Idempotency-Key</c> operation of a hand-over (docs/api-v1.md, "Retrying a create").</summary>
    public const string DispenseOperation = "pharmacy.dispense";

    /// <summary>The answer to a hand-over an earlier request with the same key made: the prescription as it is now, or the key's error (422).</summary>
    private static async Task<Results<Ok<PharmacistPrescriptionView>, ProblemHttpResult>> RepeatedAsync(Result<Guid> earlier, Guid id, string? verificationCode,
        PharmacistDesk desk, CancellationToken ct)
    {
        if (!earlier.IsSuccess)
        {
            return Problems.From(earlier.Error!);
        }

        var opened = await desk.OpenAsync(id, verificationCode, false, ct);
        return opened.IsSuccess ? TypedResults.Ok(PharmacistViews.From(opened.Value)) : Problems.From(opened.Error!);
    }

    /// <summary>
    /// 200 with the updated prescription; 404 <c>pharmacy.not_found</c>; 400 <c>pharmacy.reason_required</c>; 422
    /// <c>pharmacy.prescription_not_active</c> (cancelled or expired); 409 <c>pharmacy.already_dispensed</c>,
    /// <c>pharmacy.dispensing_conflict</c>. After a partial dispensing the rest is released (see docs/pharmacy.md).
    /// </summary>
    public static async Task<Results<Ok<PharmacistPrescriptionView>, ProblemHttpResult>> DeclineAsync(Guid id, DeclineRequest request, PharmacistDesk desk,
        PharmacyDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var opened = await desk.OpenAsync(id, request.VerificationCode, true, ct);
        if (!opened.IsSuccess)
        {
            return Problems.From(opened.Error!);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var state = opened.Value.State ?? db.Dispensings.Add(PrescriptionDispensing.Track(opened.Value.Prescription, now)).Entity;
        var declined = state.Decline(opened.Value.PharmacyId, request.Reason, opened.Value.Prescription, now);
        if (!declined.IsSuccess)
        {
            return Problems.From(declined.Error!);
        }

        // The reason stays out of the trail (free text, encrypted in the row); the decline itself is kept there for good.
        // Recorded with the save, so a decline that loses the race leaves no declined entry.
        db.AuditWithNextSave(DispensingRules.DeclinedAction, PharmacistDesk.AuditRecordType, id.ToString(), subjectPatientId: state.PatientId);

        return await SaveAsync(db, opened.Value with { State = state }, ct);
    }

    private static async Task<Results<Ok<PharmacistPrescriptionView>, ProblemHttpResult>> SaveAsync(PharmacyDbContext db, OpenedPrescription opened, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Problems.From(DispensingRules.DispensingConflict);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            return Problems.From(DispensingRules.DispensingConflict);
        }

        return TypedResults.Ok(PharmacistViews.From(opened));
    }
}
