using Telemed.BuildingBlocks.Ids;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Directory.Infrastructure;
using Telemed.Modules.Identity.Contracts;

namespace Telemed.Modules.Directory.Patients;

public sealed record PatientDemographicsView(Guid Id, string GivenName, string FamilyName, DateOnly DateOfBirth, string Sex, string Phone, string Email);
public sealed record PatientClinicalView(Guid Id, IReadOnlyList<string> Allergies, IReadOnlyList<string> ChronicConditions, Insurance Insurance);
public sealed record PatientListItem(Guid Id, string DisplayName, DateOnly DateOfBirth);
public sealed record MyPatient(Guid Id, string DisplayName, string Relationship, DateTime? Until);
public sealed record BreakGlassRequest(string Reason);
public sealed record BreakGlassGranted(DateTime ExpiresAt);

internal sealed class BreakGlassRequestValidator : AbstractValidator<BreakGlassRequest>
{
    public BreakGlassRequestValidator() =>
        RuleFor(r => r.Reason).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Give the reason for emergency access.")
            .Must(r => r is not null && r.Trim().Length >= 10).WithMessage("Describe the emergency in at least 10 characters.").MaximumLength(500);
}

/// <summary>
/// Reading a patient: front desk sees demographics only; a doctor needs a care relationship or
/// break-glass. Without access the answer is 404, the same as for an unknown patient.
/// </summary>
internal static class PatientAccessEndpoints
{
    public static void MapPatientAccessEndpoints(this IEndpointRouteBuilder api)
    {
        var patients = api.MapGroup("/patients/{id:guid}").WithTags("Patients");
        patients.MapGet("/demographics", DemographicsAsync).RequireAuthorization(p => p.RequireRole(Roles.Doctor, Roles.FrontDesk).RequireClaim("telemed:stage", "full"))
            .WithName("GetPatientDemographics");
        patients.MapGet("/clinical", ClinicalAsync).RequireAuthorization(Policies.Doctor).WithName("GetPatientClinicalSummary");
        patients.MapPost("/break-glass", BreakGlassAsync).RequireAuthorization(Policies.Doctor).Validate<BreakGlassRequest>().WithName("BreakGlass");
        api.MapGet("/doctor/patients", MyPatientsAsync).RequireAuthorization(Policies.Doctor).WithTags("Patients").WithName("ListMyPatients");
        api.MapPatientSearchEndpoints();
    }

    private static async Task<bool> DoctorMayReadAsync(Guid patientId, ICurrentUser user, ICareAccess care, CancellationToken ct) =>
        (await care.CheckAsync(new UserId(user.RequireUserId()), new PatientId(patientId), ct)).Allowed;

    private static async Task<Results<Ok<PatientDemographicsView>, ProblemHttpResult>> DemographicsAsync(Guid id, DirectoryDbContext db, ICurrentUser user,
        ICareAccess care, CancellationToken ct)
    {
        if (!user.IsInRole(Roles.FrontDesk) && !await DoctorMayReadAsync(id, user, care, ct))
        {
            return Problems.From(Error.NotFound());
        }

        var p = await db.Patients.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (p is null)
        {
            return Problems.From(Error.NotFound());
        }

        // A child is reached through the guardian: their phone and e-mail are the contact.
        var guardian = await Dependents.GuardianContact.OfAsync(db, p.Id, ct);
        return TypedResults.Ok(new PatientDemographicsView(p.Id, p.GivenName, p.FamilyName, p.DateOfBirth, p.Sex, guardian?.Phone ?? p.Phone,
            guardian?.Email ?? p.Email));
    }

    private static async Task<Results<Ok<PatientClinicalView>, ProblemHttpResult>> ClinicalAsync(Guid id, DirectoryDbContext db, ICurrentUser user,
        ICareAccess care, CancellationToken ct)
    {
        if (!await DoctorMayReadAsync(id, user, care, ct))
        {
            return Problems.From(Error.NotFound());
        }

        var p = await db.Patients.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        var c = await db.ClinicalSummaries.AsNoTracking().SingleOrDefaultAsync(x => x.PatientId == id, ct);
        return p is null || c is null ? Problems.From(Error.NotFound())
            : TypedResults.Ok(new PatientClinicalView(p.Id, c.Allergies, c.ChronicConditions, new Insurance(p.InsuranceProvider, p.InsurancePolicyNumber)));
    }

    private static async Task<Results<Ok<BreakGlassGranted>, ProblemHttpResult>> BreakGlassAsync(Guid id, BreakGlassRequest request, DirectoryDbContext db,
        ICurrentUser user, ICareAccess care, CancellationToken ct)
    {
        if (!await db.Patients.AnyAsync(p => p.Id == id, ct))
        {
            return Problems.From(Error.NotFound());
        }

        var expiresAt = await care.BreakGlassAsync(new UserId(user.RequireUserId()), new PatientId(id), request.Reason, ct);
        return TypedResults.Ok(new BreakGlassGranted(expiresAt));
    }

    private static async Task<Ok<List<MyPatient>>> MyPatientsAsync(DirectoryDbContext db, ICurrentUser user, ICareAccess care, CancellationToken ct)
    {
        var relationships = await care.PatientsOfAsync(new UserId(user.RequireUserId()), ct);
        var ids = relationships.Select(r => r.PatientId).ToList();
        var patients = await db.Patients.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        return TypedResults.Ok(relationships.Where(r => patients.ContainsKey(r.PatientId))
            .Select(r => new MyPatient(r.PatientId, patients[r.PatientId].DisplayName, r.Relationship, r.Until))
            .OrderBy(p => p.DisplayName, StringComparer.CurrentCulture).ToList());
    }
}
