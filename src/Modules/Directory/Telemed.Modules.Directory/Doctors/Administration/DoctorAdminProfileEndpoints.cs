using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Directory.Infrastructure;
using Telemed.Modules.Identity.Contracts;

namespace Telemed.Modules.Directory.Doctors.Administration;

/// <summary>The licence record: <c>ExpiresOn</c> the last valid calendar day; <c>VerifiedAt</c> a UTC instant, null while unverified.</summary>
public sealed record DoctorLicenceView(string Number, string Issuer, DateOnly? ExpiresOn, DateTime? VerifiedAt, string? VerifiedBy);

/// <summary>
/// What the admin edits of a doctor: specialties (codes), clinics (ids), the hourly rate (minor units), the licence, and
/// <c>Missing</c>: what still stops activation (see <c>directory.profile_incomplete</c>), empty when complete.
/// </summary>
public sealed record DoctorAdminDetail(Guid Id, Guid UserId, string DisplayName, string Email, string Status, IReadOnlyList<string> Specialties,
    IReadOnlyList<Guid> ClinicIds, Money HourlyRate, DoctorLicenceView Licence, IReadOnlyList<string> Missing);

/// <summary>Specialty codes (GET /specialties), clinic ids (GET /clinics), rate in minor units per hour.</summary>
public sealed record UpdateDoctorPracticeRequest(IReadOnlyList<string> Specialties, IReadOnlyList<Guid> ClinicIds, Money HourlyRate);

/// <summary>
/// The licence record: <c>ExpiresOn</c> the last valid calendar day. Changing any field clears the verification unless <c>Verify</c>
/// is true: the admin saving it has checked the record, and it is saved as verified by them in the same act (audited as a change and
/// a verification). An active doctor's changed record must be saved with <c>Verify</c> (else 422 <c>directory.licence_verification_required</c>).
/// </summary>
public sealed record UpdateDoctorLicenceRequest(string Number, string Issuer, DateOnly ExpiresOn, bool Verify = false);

internal sealed class UpdateDoctorPracticeRequestValidator : AbstractValidator<UpdateDoctorPracticeRequest>
{
    public UpdateDoctorPracticeRequestValidator()
    {
        RuleFor(r => r.Specialties).Cascade(CascadeMode.Stop).NotNull().Must(s => s.Count <= 10).WithMessage("At most 10 specialties.");
        RuleForEach(r => r.Specialties).Must(s => s is not null && Doctors.Specialties.IsKnown(s)).WithMessage("Unknown specialty.");
        RuleFor(r => r.ClinicIds).Cascade(CascadeMode.Stop).NotNull().Must(c => c.Count <= 50).WithMessage("At most 50 clinics.");
        RuleFor(r => r.HourlyRate).NotNull();
        RuleFor(r => r.HourlyRate.AmountMinor).InclusiveBetween(0, 100_000_000).When(r => r.HourlyRate is not null).WithName("hourlyRate");
        RuleFor(r => r.HourlyRate.Currency).Cascade(CascadeMode.Stop).NotNull().Matches("^[A-Z]{3}$").When(r => r.HourlyRate is not null).WithMessage("Use an ISO 4217 code such as RUB.");
    }
}

internal sealed class UpdateDoctorLicenceRequestValidator : AbstractValidator<UpdateDoctorLicenceRequest>
{
    public UpdateDoctorLicenceRequestValidator()
    {
        RuleFor(r => r.Number).Cascade(CascadeMode.Stop).NotEmpty().Must(n => n.Trim().Length is > 0 and <= 64).WithMessage("Up to 64 characters.");
        RuleFor(r => r.Issuer).Cascade(CascadeMode.Stop).NotEmpty().Must(n => n.Trim().Length is > 0 and <= 200).WithMessage("Up to 200 characters.");
        RuleFor(r => r.ExpiresOn).Must(d => d.Year is >= 2000 and <= 2100).WithMessage("Give the last valid day.");
    }
}

/// <summary>Admin pages of one doctor's profile: read, practice (specialties, clinics, rate), licence record and its verification. Every write is audited.</summary>
internal static class DoctorAdminProfileEndpoints
{
    public static void MapDoctorAdminProfileEndpoints(this IEndpointRouteBuilder api)
    {
        var admin = api.MapGroup("/admin/doctors/{id:guid}").RequireAuthorization(Policies.Admin).WithTags("Administration");
        admin.MapGet("/", GetAsync).WithName("GetDoctorForAdmin");
        admin.MapPut("/practice", UpdatePracticeAsync).Validate<UpdateDoctorPracticeRequest>().WithName("UpdateDoctorPractice");
        admin.MapPut("/licence", UpdateLicenceAsync).Validate<UpdateDoctorLicenceRequest>().WithName("UpdateDoctorLicence");
        admin.MapPost("/licence/verify", VerifyLicenceAsync).WithName("VerifyDoctorLicence");
    }

    private static Task<DoctorProfile?> LoadAsync(DirectoryDbContext db, Guid id, CancellationToken ct) =>
        db.Doctors.Include(d => d.Specialties).Include(d => d.Clinics).AsSplitQuery().SingleOrDefaultAsync(d => d.Id == id, ct);

    private static async Task<DoctorAdminDetail> DetailAsync(DoctorProfile d, DirectoryDbContext db, IIdentityModule identity, TimeProvider clock, CancellationToken ct)
    {
        var verifiedBy = d.LicenceVerifiedBy is { } by ? await identity.GetDisplayNameAsync(by, ct) : null;
        return new DoctorAdminDetail(d.Id, d.UserId, d.DisplayName, await identity.GetEmailAsync(d.UserId, ct) ?? "", DoctorViews.Camel(d.Status.ToString()),
            d.Specialties.Select(s => s.Code).Order(StringComparer.Ordinal).ToList(), d.Clinics.Select(c => c.ClinicId).ToList(), new Money(d.HourlyRateMinor, d.Currency),
            new DoctorLicenceView(d.LicenceNumber, d.LicenceIssuer, d.LicenceExpiresOn, d.LicenceVerifiedAt, verifiedBy),
            ActivationRequiresCompleteProfile.MissingFrom(d, await DoctorsToday.OfAsync(db, d, clock, ct)));
    }

    private static async Task<Results<Ok<DoctorAdminDetail>, ProblemHttpResult>> GetAsync(Guid id, DirectoryDbContext db, IIdentityModule identity, TimeProvider clock, CancellationToken ct)
    {
        var doctor = await LoadAsync(db, id, ct);
        return doctor is null ? Problems.From(Error.NotFound()) : TypedResults.Ok(await DetailAsync(doctor, db, identity, clock, ct));
    }

    /// <summary>Errors: <c>not_found</c>; <c>validation.failed</c> with <c>clinicIds</c> when a clinic does not exist.</summary>
    private static async Task<Results<Ok<DoctorAdminDetail>, ProblemHttpResult>> UpdatePracticeAsync(Guid id, UpdateDoctorPracticeRequest request, DirectoryDbContext db,
        IIdentityModule identity, TimeProvider clock, CancellationToken ct)
    {
        var doctor = await LoadAsync(db, id, ct);
        if (doctor is null)
        {
            return Problems.From(Error.NotFound());
        }

        var clinicIds = request.ClinicIds.Distinct().ToList();
        if (await db.Clinics.CountAsync(c => clinicIds.Contains(c.Id), ct) != clinicIds.Count)
        {
            return Problems.From(Error.ValidationFailed(new Dictionary<string, string[]> { ["clinicIds"] = ["Unknown clinic."] }));
        }

        doctor.SetSpecialties(request.Specialties);
        doctor.SetClinics(clinicIds);
        doctor.HourlyRateMinor = request.HourlyRate.AmountMinor;
        doctor.Currency = request.HourlyRate.Currency;
        db.AuditWithNextSave(DoctorAuditActions.PracticeUpdated, DoctorAuditActions.RecordType, doctor.Id.ToString());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await DetailAsync(doctor, db, identity, clock, ct));
    }

    /// <summary>
    /// Errors: <c>not_found</c>; <c>directory.licence_expired</c> (422) when the doctor is active and the last valid day is already
    /// past (<see cref="AnActiveDoctorCannotBeGivenAnExpiredLicence"/>): renew the licence or suspend the doctor first;
    /// <c>directory.licence_verification_required</c> (422) when the doctor is active, the record changes and <c>verify</c> is not
    /// true (<see cref="AnActiveDoctorHoldsOnlyAVerifiedLicence"/>): check it and save it as verified, or suspend the doctor first.
    /// </summary>
    private static async Task<Results<Ok<DoctorAdminDetail>, ProblemHttpResult>> UpdateLicenceAsync(Guid id, UpdateDoctorLicenceRequest request, DirectoryDbContext db,
        IIdentityModule identity, ICurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var doctor = await LoadAsync(db, id, ct);
        if (doctor is null)
        {
            return Problems.From(Error.NotFound());
        }

        if (AnActiveDoctorCannotBeGivenAnExpiredLicence.Check(doctor, request.ExpiresOn, await DoctorsToday.OfAsync(db, doctor, clock, ct)) is { } refused)
        {
            return Problems.From(refused);
        }

        if (AnActiveDoctorHoldsOnlyAVerifiedLicence.Check(doctor, request.Number, request.Issuer, request.ExpiresOn, request.Verify) is { } unverified)
        {
            return Problems.From(unverified);
        }

        doctor.RecordLicence(request.Number, request.Issuer, request.ExpiresOn, request.Verify ? (user.RequireUserId(), clock.GetUtcNow().UtcDateTime) : null);
        db.AuditWithNextSave(DoctorAuditActions.LicenceUpdated, DoctorAuditActions.RecordType, doctor.Id.ToString());
        if (request.Verify)
        {
            db.AuditWithNextSave(DoctorAuditActions.LicenceVerified, DoctorAuditActions.RecordType, doctor.Id.ToString());
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await DetailAsync(doctor, db, identity, clock, ct));
    }

    /// <summary>Errors: <c>not_found</c>; <c>directory.licence_missing</c> (422) before a licence is recorded.</summary>
    private static async Task<Results<Ok<DoctorAdminDetail>, ProblemHttpResult>> VerifyLicenceAsync(Guid id, DirectoryDbContext db, IIdentityModule identity,
        ICurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var doctor = await LoadAsync(db, id, ct);
        if (doctor is null)
        {
            return Problems.From(Error.NotFound());
        }

        var verified = doctor.VerifyLicence(user.RequireUserId(), clock.GetUtcNow().UtcDateTime);
        if (!verified.IsSuccess)
        {
            return Problems.From(verified.Error!);
        }

        db.AuditWithNextSave(DoctorAuditActions.LicenceVerified, DoctorAuditActions.RecordType, doctor.Id.ToString());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await DetailAsync(doctor, db, identity, clock, ct));
    }
}
