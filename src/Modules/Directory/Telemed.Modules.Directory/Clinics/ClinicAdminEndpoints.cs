using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Http;
using Telemed.Modules.Directory.Contracts;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Directory.Infrastructure;

namespace Telemed.Modules.Directory.Clinics;

/// <summary>
/// A clinic as the admin edits it. <c>TimeZone</c> is an IANA id (e.g. "Europe/Moscow"; any letter case, stored and answered as the tz
/// database spells it); coordinates in degrees;
/// phone, e-mail and opening hours are public free text (empty when not given).
/// </summary>
public sealed record ClinicDetails(string Name, string Address, string City, double Latitude, double Longitude, string TimeZone, string Phone, string Email,
    string OpeningHours);

/// <summary>A clinic with its id, as the admin reads it.</summary>
public sealed record ClinicAdminView(Guid Id, string Name, string Address, string City, double Latitude, double Longitude, string TimeZone, string Phone,
    string Email, string OpeningHours);

internal sealed class ClinicDetailsValidator : AbstractValidator<ClinicDetails>
{
    public ClinicDetailsValidator()
    {
        RuleFor(c => c.Name).Cascade(CascadeMode.Stop).NotEmpty().Must(v => v.Trim().Length <= 200).WithMessage("Up to 200 characters.");
        RuleFor(c => c.Address).Cascade(CascadeMode.Stop).NotEmpty().Must(v => v.Trim().Length <= 300).WithMessage("Up to 300 characters.");
        RuleFor(c => c.City).Cascade(CascadeMode.Stop).NotEmpty().Must(v => v.Trim().Length <= 100).WithMessage("Up to 100 characters.");
        RuleFor(c => c.Latitude).InclusiveBetween(-90, 90);
        RuleFor(c => c.Longitude).InclusiveBetween(-180, 180);
        RuleFor(c => c.TimeZone).Cascade(CascadeMode.Stop).NotEmpty().Must(z => Clinic.IsValidTimeZone(z.Trim()))
            .WithMessage("Use an IANA time zone such as Europe/Moscow.");
        RuleFor(c => c.Phone).Cascade(CascadeMode.Stop).NotNull().MaximumLength(32).PhoneNumber();
        RuleFor(c => c.Email).Cascade(CascadeMode.Stop).NotNull().MaximumLength(200);
        RuleFor(c => c.Email).DeliverableEmail();
        RuleFor(c => c.OpeningHours).NotNull().MaximumLength(500);
    }
}

/// <summary>Admin management of clinics: create, read, update; every write audited (record type <c>Clinic</c>).</summary>
internal static class ClinicAdminEndpoints
{
    public const string Created = "clinic.created";
    public const string Updated = "clinic.updated";
    public static readonly Error NameTaken = Error.Conflict("directory.clinic_name_taken", "Another clinic has this name.");

    public static void MapClinicAdminEndpoints(this IEndpointRouteBuilder api)
    {
        var admin = api.MapGroup("/admin/clinics").RequireAuthorization(Policies.Admin).WithTags("Administration");
        admin.MapGet("/", async (DirectoryDbContext db, CancellationToken ct) =>
                TypedResults.Ok((await db.Clinics.AsNoTracking().OrderBy(c => c.Name).ToListAsync(ct)).Select(View).ToList()))
            .WithName("ListClinicsForAdmin");
        admin.MapGet("/{id:guid}", GetAsync).WithName("GetClinicForAdmin");
        admin.MapPost("/", CreateAsync).Validate<ClinicDetails>().WithName("CreateClinic");
        admin.MapPut("/{id:guid}", UpdateAsync).Validate<ClinicDetails>().WithName("UpdateClinic");
    }

    private static ClinicAdminView View(Clinic c) => new(c.Id, c.Name, c.Address, c.City, c.Latitude, c.Longitude, c.TimeZone, c.Phone, c.Email, c.OpeningHours);

    private static async Task<Results<Ok<ClinicAdminView>, ProblemHttpResult>> GetAsync(Guid id, DirectoryDbContext db, CancellationToken ct) =>
        await db.Clinics.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct) is { } clinic ? TypedResults.Ok(View(clinic)) : Problems.From(Error.NotFound());

    /// <summary>Errors: <c>validation.failed</c> (e.g. an unknown time zone), <c>directory.clinic_name_taken</c> (409: a clinic has this name in any letter case, <see cref="ClinicNameKey"/>).</summary>
    private static async Task<Results<Created<ClinicAdminView>, ProblemHttpResult>> CreateAsync(ClinicDetails request, DirectoryDbContext db, CancellationToken ct)
    {
        var name = request.Name.Trim();
        var key = ClinicNameKey.Of(name);
        if (await db.Clinics.AnyAsync(c => c.NameKey == key || c.Name == name, ct))
        {
            return Problems.From(NameTaken);
        }

        var clinic = new Clinic { Name = name, Address = "", City = "", TimeZone = "" };
        Apply(clinic, request);
        db.Clinics.Add(clinic);
        // With the save: a name another admin took meanwhile (409 below) leaves no clinic.created success.
        db.AuditWithNextSave(Created, "Clinic", clinic.Id.ToString());
        if (await SaveAsync(db, ct) is { } taken)
        {
            return Problems.From(taken);
        }

        return TypedResults.Created($"/api/v1/admin/clinics/{clinic.Id}", View(clinic));
    }

    /// <summary>Errors: <c>not_found</c>, <c>validation.failed</c>, <c>directory.clinic_name_taken</c> (409: another clinic's name in any letter case).</summary>
    private static async Task<Results<Ok<ClinicAdminView>, ProblemHttpResult>> UpdateAsync(Guid id, ClinicDetails request, DirectoryDbContext db, CancellationToken ct)
    {
        var clinic = await db.Clinics.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (clinic is null)
        {
            return Problems.From(Error.NotFound());
        }

        // Another clinic's name in any letter case is taken. An edit that keeps the name as stored is never refused: a duplicate stored
        // before names were compared so (FillClinicNameKeys) can have its address fixed, and gets its key once it is renamed.
        var name = request.Name.Trim();
        var key = ClinicNameKey.Of(name);
        if (name != clinic.Name && await db.Clinics.AnyAsync(c => c.NameKey == key && c.Id != id, ct))
        {
            return Problems.From(NameTaken);
        }

        var zoneBefore = clinic.TimeZone;
        Apply(clinic, request);
        if (clinic.TimeZone != zoneBefore)
        {
            db.Publish(new ClinicTimeZoneChanged(clinic.Id, clinic.TimeZone));
        }

        db.AuditWithNextSave(Updated, "Clinic", clinic.Id.ToString());
        if (await SaveAsync(db, ct) is { } taken)
        {
            return Problems.From(taken);
        }

        return TypedResults.Ok(View(clinic));
    }

    /// <summary>
    /// Saves; a name another save took meanwhile (two admins, or one request sent twice, past the check above at once) is
    /// <see cref="NameTaken"/> as for a name taken before, not the unique index's generic 409 <c>conflict</c>.
    /// </summary>
    private static async Task<Error?> SaveAsync(DirectoryDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return NameTaken;
        }
    }

    private static void Apply(Clinic clinic, ClinicDetails r)
    {
        if (clinic.Name != r.Name.Trim())
        {
            clinic.Name = r.Name.Trim();
        }

        clinic.Address = r.Address.Trim();
        clinic.City = r.City.Trim();
        clinic.Latitude = r.Latitude;
        clinic.Longitude = r.Longitude;
        // As the tz database spells it ("europe/moscow" is stored "Europe/Moscow"): scheduling's readers know no other spelling.
        clinic.TimeZone = ClinicTimeZone.CanonicalId(r.TimeZone) ?? r.TimeZone.Trim();
        clinic.Phone = r.Phone.Trim();
        clinic.Email = r.Email.Trim();
        clinic.OpeningHours = r.OpeningHours.Trim();
    }
}
