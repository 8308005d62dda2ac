using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Clinical.Contracts;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Pharmacy.Contracts;
using Telemed.Modules.Pharmacy.Dispensing.PharmacistPortal;
using Telemed.Modules.Pharmacy.Infrastructure;

namespace Telemed.Modules.Pharmacy.Dispensing.SendToPharmacy;

/// <summary>The pharmacy to send the prescription to (an active one, e.g. from <c>GET /pharmacies</c>).</summary>
public sealed record SendToPharmacyRequest(Guid PharmacyId);

internal sealed class SendToPharmacyRequestValidator : AbstractValidator<SendToPharmacyRequest>
{
    public SendToPharmacyRequestValidator() => RuleFor(r => r.PharmacyId).NotEmpty();
}

/// <summary>
/// The patient's side: send one of their active prescriptions (or a dependent's) to a pharmacy, choose another while
/// nothing is dispensed, and read where it stands. A prescription that is not the caller's is 404 <c>pharmacy.not_found</c>
/// (audited as refused).
/// </summary>
internal static class SendToPharmacy
{
    public static readonly Error PharmacyNotFound = new("pharmacy.pharmacy_not_found", "Choose an open pharmacy from the list.", ErrorKind.Unprocessable);

    /// <summary>
    /// 200 with the dispensing status; 404 <c>pharmacy.not_found</c>; 422 <c>pharmacy.pharmacy_not_found</c>,
    /// <c>pharmacy.prescription_not_active</c>; 409 <c>pharmacy.already_dispensing</c>, <c>pharmacy.dispensing_conflict</c>.
    /// </summary>
    public static async Task<Results<Ok<DispensingStatusView>, ProblemHttpResult>> SendAsync(Guid id, SendToPharmacyRequest request, PharmacyDbContext db,
        PrescriptionSource prescriptions, IPatientRepresentation representation, ICurrentUser user, AuditScope audit, TimeProvider clock, CancellationToken ct)
    {
        if (await MineAsync(id, prescriptions, representation, user, audit, ct) is not { } prescription)
        {
            return Problems.From(DispensingRules.NotFound);
        }

        if (await db.Pharmacies.AsNoTracking().SingleOrDefaultAsync(p => p.Id == request.PharmacyId && p.Active, ct) is not { } pharmacy)
        {
            return Problems.From(PharmacyNotFound);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var state = await db.Dispensings.SingleOrDefaultAsync(d => d.PrescriptionId == id, ct)
            ?? db.Dispensings.Add(PrescriptionDispensing.Track(prescription, now)).Entity;
        var sent = state.SendTo(pharmacy.Id, prescription, now);
        if (!sent.IsSuccess)
        {
            return Problems.From(sent.Error!);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is DbUpdateConcurrencyException || e.IsUniqueViolation())
        {
            return Problems.From(DispensingRules.DispensingConflict);
        }

        return TypedResults.Ok(DispensingStatusFacade.View(state, pharmacy.Name));
    }

    /// <summary>200 with where the caller's prescription stands at the pharmacy; 404 <c>pharmacy.not_found</c> (also when never sent).</summary>
    public static async Task<Results<Ok<DispensingStatusView>, ProblemHttpResult>> StatusAsync(Guid id, PharmacyDbContext db, PrescriptionSource prescriptions,
        IPatientRepresentation representation, ICurrentUser user, AuditScope audit, CancellationToken ct)
    {
        if (await MineAsync(id, prescriptions, representation, user, audit, ct) is null
            || await db.Dispensings.AsNoTracking().SingleOrDefaultAsync(d => d.PrescriptionId == id, ct) is not { } state)
        {
            return Problems.From(DispensingRules.NotFound);
        }

        var pharmacyId = state.LastPharmacyId ?? state.PharmacyId;
        var name = pharmacyId is null ? null : await db.Pharmacies.AsNoTracking().Where(p => p.Id == pharmacyId).Select(p => p.Name).SingleOrDefaultAsync(ct);
        return TypedResults.Ok(DispensingStatusFacade.View(state, name));
    }

    /// <summary>The prescription when the caller is its patient or the patient's guardian; otherwise null, audited as refused.</summary>
    private static async Task<PrescriptionForDispensing?> MineAsync(Guid id, PrescriptionSource prescriptions, IPatientRepresentation representation, ICurrentUser user,
        AuditScope audit, CancellationToken ct)
    {
        var me = user.RequireUserId();
        var prescription = user.IsInRole(Roles.Patient) ? await prescriptions.FindAsync(id, ct) : null;
        if (prescription is not null && await representation.ActsForAsync(me, prescription.PatientId, ct))
        {
            return prescription;
        }

        audit.RecordDenied(PharmacistDesk.AuditRecordType, id, "not the patient's prescription");
        return null;
    }
}
