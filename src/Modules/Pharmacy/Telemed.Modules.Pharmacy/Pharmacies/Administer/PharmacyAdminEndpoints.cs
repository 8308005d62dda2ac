using System.Text.Json.Serialization;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Identity.Contracts;
using Telemed.Modules.Pharmacy.Dispensing;
using Telemed.Modules.Pharmacy.Geography;
using Telemed.Modules.Pharmacy.Infrastructure;

namespace Telemed.Modules.Pharmacy.Pharmacies.Administer;

/// <summary>
/// A pharmacy as the admin writes it: name and address required; latitude −90..90, longitude −180..180 (decimal degrees);
/// phone optional; opening hours short free text; <c>active</c> false hides it from patients.
/// <para>
/// The edit replaces the whole pharmacy, so every member must be sent: <c>city</c> left out or null is 400 <c>validation.failed</c>
/// (<c>""</c> says "no city"); <c>phone</c> and <c>openingHours</c> may be null ("none") but left out are 400 <c>request.invalid</c>
/// naming them, as is <c>active</c> (it used to default to true, so an edit without it put a closed pharmacy back in front of
/// patients). Never read as "none".
/// </para>
/// </summary>
public sealed record PharmacyRequest(string Name, string Address, string City, double Latitude, double Longitude, [property: JsonRequired] string? Phone,
    [property: JsonRequired] string? OpeningHours, bool Active);

/// <summary>A pharmacy with its pharmacists' user ids (admin view). <c>updatedAt</c> UTC.</summary>
public sealed record PharmacyView(Guid Id, string Name, string Address, string City, double Latitude, double Longitude, string Phone, string OpeningHours,
    bool Active, IReadOnlyList<Guid> PharmacistUserIds, DateTime UpdatedAt);

/// <summary>Which pharmacy a pharmacist account belongs to.</summary>
public sealed record AttachPharmacistRequest(Guid PharmacyId);

internal sealed class PharmacyRequestValidator : AbstractValidator<PharmacyRequest>
{
    public PharmacyRequestValidator()
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(PharmacyStore.MaxNameLength);
        RuleFor(r => r.Address).NotEmpty().MaximumLength(PharmacyStore.MaxAddressLength);
        RuleFor(r => r.City).NotNull().MaximumLength(100);
        RuleFor(r => r.Latitude).Must(l => double.IsFinite(l) && l is >= -90 and <= 90).WithMessage("Latitude must be between -90 and 90.");
        RuleFor(r => r.Longitude).Must(l => double.IsFinite(l) && l is >= -180 and <= 180).WithMessage("Longitude must be between -180 and 180.");
        RuleFor(r => r.Phone).MaximumLength(32).PhoneNumber();
        RuleFor(r => r.OpeningHours).MaximumLength(PharmacyStore.MaxHoursLength);
    }
}

internal sealed class AttachPharmacistRequestValidator : AbstractValidator<AttachPharmacistRequest>
{
    public AttachPharmacistRequestValidator() => RuleFor(r => r.PharmacyId).NotEmpty();
}

/// <summary>
/// Admin: pharmacies (list, create, edit) and which pharmacy a Pharmacist account belongs to. Pharmacist accounts are
/// invited with the Pharmacist role through Identity's invitations; membership is kept here.
/// </summary>
internal static class PharmacyAdminEndpoints
{
    public static readonly Error NotAPharmacist = Error.Validation("pharmacy.not_a_pharmacist", "That account does not have the Pharmacist role.");

    public static async Task<Ok<IReadOnlyList<PharmacyView>>> ListAsync(PharmacyDbContext db, CancellationToken ct)
    {
        var pharmacies = await db.Pharmacies.AsNoTracking().OrderBy(p => p.Name).Take(1000).ToListAsync(ct);
        var members = await db.Memberships.AsNoTracking().ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<PharmacyView>>(pharmacies.Select(p => View(p, members.Where(m => m.PharmacyId == p.Id).Select(m => m.UserId).ToList())).ToList());
    }

    /// <summary>The operation's name in <c>create_request_keys</c>.</summary>
    public const string CreateOperation = "pharmacy.create_pharmacy";

    /// <summary>
    /// 201 with the pharmacy; 400 for invalid fields. With an <c>Idempotency-Key</c> header one pharmacy per key: the same request sent
    /// again (a lost answer, a second click, or twice at once) is answered 201 with the pharmacy it created; the same key with another
    /// body is 422 <c>idempotency.key_reused</c>, a key over 100 characters 400 <c>idempotency.key_invalid</c> (docs/api-v1.md,
    /// "Retrying a create").
    /// </summary>
    public static async Task<Results<Created<PharmacyView>, ProblemHttpResult>> CreateAsync(PharmacyRequest request, HttpRequest http, PharmacyDbContext db,
        ICurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var claim = await db.ClaimAsync(http, user.RequireUserId(), CreateOperation, request, clock.GetUtcNow().UtcDateTime, ct);
        if (claim.Answer is { } answer)
        {
            return await AnswerOfAsync(answer, db, ct);
        }

        var opened = PharmacyStore.Open(request.Name, request.Address, request.City, request.Latitude, request.Longitude, request.Phone ?? "", request.OpeningHours ?? "",
            clock.GetUtcNow().UtcDateTime);
        if (!opened.IsSuccess)
        {
            return Problems.From(opened.Error!);
        }

        if (!request.Active)
        {
            opened.Value.Edit(request.Name, request.Address, request.City, request.Latitude, request.Longitude, request.Phone ?? "", request.OpeningHours ?? "", false,
                clock.GetUtcNow().UtcDateTime);
        }

        db.Pharmacies.Add(opened.Value);
        if (await db.SaveCreatedAsync(claim.Key, opened.Value.Id, ct) is { } raced)
        {
            return await AnswerOfAsync(raced, db, ct);
        }

        return TypedResults.Created($"/api/v1/admin/pharmacies/{opened.Value.Id}", View(opened.Value, []));
    }

    /// <summary>
    /// The answer to an earlier request with the same key: 201 with the pharmacy it created (as it is now, with its pharmacists), its
    /// key's error (422), or 404 <c>pharmacy.not_found</c> (pharmacies are not deleted today).
    /// </summary>
    private static Task<Results<Created<PharmacyView>, ProblemHttpResult>> AnswerOfAsync(Result<Guid> earlier, PharmacyDbContext db, CancellationToken ct) =>
        earlier.AnswerAsync(async id => await db.Pharmacies.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct) is { } pharmacy
            ? TypedResults.Created($"/api/v1/admin/pharmacies/{pharmacy.Id}",
                View(pharmacy, await db.Memberships.AsNoTracking().Where(m => m.PharmacyId == id).Select(m => m.UserId).ToListAsync(ct)))
            : null, DispensingRules.NotFound);

    /// <summary>200 with the pharmacy; 404 <c>pharmacy.not_found</c>; 400 for invalid fields.</summary>
    public static async Task<Results<Ok<PharmacyView>, ProblemHttpResult>> EditAsync(Guid id, PharmacyRequest request, PharmacyDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (await db.Pharmacies.SingleOrDefaultAsync(p => p.Id == id, ct) is not { } pharmacy)
        {
            return Problems.From(DispensingRules.NotFound);
        }

        var edited = pharmacy.Edit(request.Name, request.Address, request.City, request.Latitude, request.Longitude, request.Phone ?? "", request.OpeningHours ?? "",
            request.Active, clock.GetUtcNow().UtcDateTime);
        if (!edited.IsSuccess)
        {
            return Problems.From(edited.Error!);
        }

        await db.SaveChangesAsync(ct);
        var members = await db.Memberships.AsNoTracking().Where(m => m.PharmacyId == id).Select(m => m.UserId).ToListAsync(ct);
        return TypedResults.Ok(View(pharmacy, members));
    }

    /// <summary>
    /// 204: the account now belongs to the pharmacy (moved if it belonged to another); 404 <c>pharmacy.not_found</c> for an
    /// unknown pharmacy; 400 <c>pharmacy.not_a_pharmacist</c> when the account lacks the Pharmacist role.
    /// </summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> AttachAsync(Guid userId, AttachPharmacistRequest request, PharmacyDbContext db, IIdentityModule identity,
        TimeProvider clock, CancellationToken ct)
    {
        if (!await db.Pharmacies.AnyAsync(p => p.Id == request.PharmacyId, ct))
        {
            return Problems.From(DispensingRules.NotFound);
        }

        var roles = await identity.GetStaffRolesAsync(ct);
        if (!roles.TryGetValue(userId, out var mine) || !mine.Contains(Roles.Pharmacist))
        {
            return Problems.From(NotAPharmacist);
        }

        await MakeMemberAsync(db, userId, request.PharmacyId, clock.GetUtcNow().UtcDateTime, ct);
        return TypedResults.NoContent();
    }

    /// <summary>204: the account no longer belongs to any pharmacy (idempotent).</summary>
    public static async Task<NoContent> DetachAsync(Guid userId, PharmacyDbContext db, CancellationToken ct)
    {
        await db.Memberships.Where(m => m.UserId == userId).ExecuteDeleteAsync(ct);
        return TypedResults.NoContent();
    }

    internal static async Task MakeMemberAsync(PharmacyDbContext db, Guid userId, Guid pharmacyId, DateTime now, CancellationToken ct)
    {
        if (await db.Memberships.SingleOrDefaultAsync(m => m.UserId == userId, ct) is { } membership)
        {
            membership.MoveTo(pharmacyId, now);
        }
        else
        {
            db.Memberships.Add(PharmacistMembership.Of(userId, pharmacyId, now));
        }

        await db.SaveChangesAsync(ct);
    }

    internal static PharmacyView View(PharmacyStore p, IReadOnlyList<Guid> pharmacists) =>
        new(p.Id, p.Name, p.Address, p.City, p.Latitude, p.Longitude, p.Phone, p.OpeningHours, p.Active, pharmacists, p.UpdatedAt);
}
