using System.Text.Json.Serialization;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Directory.Infrastructure;

namespace Telemed.Modules.Directory.Patients;

public sealed record Insurance(string Provider, string PolicyNumber);

public sealed record PatientProfileView(Guid Id, string GivenName, string FamilyName, DateOnly DateOfBirth, string Sex, string Email, string Phone,
    string Address, string PreferredLanguage, Insurance Insurance, IReadOnlyList<string> Allergies, IReadOnlyList<string> ChronicConditions);

/// <summary>
/// PUT /me/patient-profile: the whole profile as the form holds it. <c>phone</c>, <c>address</c>, <c>insurance</c>, <c>allergies</c> and
/// <c>chronicConditions</c> must be sent: null (or <c>[]</c> for a list, <c>""</c> for a text) says "none", but a member left out is
/// 400 <c>request.invalid</c> naming it, never read as "none" (a client that did not know a member would silently erase the stored
/// allergies or insurance). Inside <c>insurance</c>, <c>provider</c> and <c>policyNumber</c> are required too (400
/// <c>validation.failed</c> on <c>insurance.provider</c> / <c>insurance.policyNumber</c>).
/// </summary>
public sealed record UpdatePatientProfileRequest(string GivenName, string FamilyName, DateOnly DateOfBirth, string Sex,
    [property: JsonRequired] string? Phone, [property: JsonRequired] string? Address, string PreferredLanguage, [property: JsonRequired] Insurance? Insurance,
    [property: JsonRequired] IReadOnlyList<string>? Allergies, [property: JsonRequired] IReadOnlyList<string>? ChronicConditions);

internal sealed class UpdatePatientProfileRequestValidator : AbstractValidator<UpdatePatientProfileRequest>
{
    public UpdatePatientProfileRequestValidator(TimeProvider clock)
    {
        RuleFor(r => r.GivenName).NotEmpty().WithMessage("Enter your given name.").MaximumLength(100);
        RuleFor(r => r.FamilyName).NotEmpty().WithMessage("Enter your family name.").MaximumLength(100);
        RuleFor(r => r.DateOfBirth).Must(d => d > new DateOnly(1900, 1, 1) && d <= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)).WithMessage("Enter a real date of birth.");
        RuleFor(r => r.Sex).Must(s => s is "female" or "male" or "other" or "unknown").WithMessage("Choose female, male, other or unknown.");
        RuleFor(r => r.Phone).MaximumLength(32).PhoneNumber();
        RuleFor(r => r.Address).MaximumLength(300);
        RuleFor(r => r.PreferredLanguage).Must(l => l is "en" or "ru").WithMessage("Choose English or Russian.");
        // Guarded: the filter runs the rules on whatever the client sent, and a null insurance means "none".
        RuleFor(r => r.Insurance!.Provider).NotNull().MaximumLength(200).When(r => r.Insurance is not null);
        RuleFor(r => r.Insurance!.PolicyNumber).NotNull().MaximumLength(64).When(r => r.Insurance is not null);
        // The same bounds an import keeps to (PatientProfileLimits), so an imported record never leaves a profile its owner cannot save.
        RuleFor(r => r.Allergies).Must(ProfileListFits).WithMessage(ProfileListMessage);
        RuleFor(r => r.ChronicConditions).Must(ProfileListFits).WithMessage(ProfileListMessage);
    }

    private static readonly string ProfileListMessage =
        $"Up to {PatientProfileLimits.MaxEntries} entries of at most {PatientProfileLimits.MaxEntryLength} characters.";

    private static bool ProfileListFits(IReadOnlyList<string>? entries) =>
        entries is null || (entries.Count <= PatientProfileLimits.MaxEntries && entries.All(x => x is { Length: > 0 } && x.Length <= PatientProfileLimits.MaxEntryLength));
}

internal static class MyPatientProfileEndpoints
{
    public static void MapMyPatientProfileEndpoints(this IEndpointRouteBuilder api)
    {
        var me = api.MapGroup("/me/patient-profile").RequireAuthorization(Policies.Patient).WithTags("Patients");
        me.MapGet("/", GetAsync).WithName("GetMyPatientProfile");
        me.MapPut("/", UpdateAsync).Validate<UpdatePatientProfileRequest>().WithName("UpdateMyPatientProfile");
    }

    internal static PatientProfileView View(PatientProfile p, PatientClinicalSummary? c) => new(p.Id, p.GivenName, p.FamilyName, p.DateOfBirth, p.Sex, p.Email,
        p.Phone, p.Address, p.PreferredLanguage, new Insurance(p.InsuranceProvider, p.InsurancePolicyNumber), c?.Allergies ?? [], c?.ChronicConditions ?? []);

    private static async Task<Results<Ok<PatientProfileView>, ProblemHttpResult>> GetAsync(DirectoryDbContext db, ICurrentUser user, CancellationToken ct)
    {
        var userId = user.RequireUserId();
        var profile = await db.Patients.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == userId, ct);
        if (profile is null)
        {
            return Problems.From(Error.NotFound());
        }

        var clinical = await db.ClinicalSummaries.AsNoTracking().SingleOrDefaultAsync(c => c.PatientId == profile.Id, ct);
        return TypedResults.Ok(View(profile, clinical));
    }

    private static async Task<Results<Ok<PatientProfileView>, ProblemHttpResult>> UpdateAsync(UpdatePatientProfileRequest request, DirectoryDbContext db,
        PatientRecords records, ICurrentUser user, CancellationToken ct)
    {
        var userId = user.RequireUserId();
        var profile = await db.Patients.SingleOrDefaultAsync(p => p.UserId == userId, ct);
        if (profile is null)
        {
            return Problems.From(Error.NotFound());
        }

        var clinical = await db.ClinicalSummaries.SingleAsync(c => c.PatientId == profile.Id, ct);
        if (profile.PreferredLanguage != request.PreferredLanguage)
        {
            // One language for every e-mail to the patient: Identity's account e-mails follow the profile.
            db.Publish(new Telemed.Modules.Identity.Contracts.PatientLanguageChanged(userId, request.PreferredLanguage));
        }

        records.Apply(profile, new NewPatientProfile(userId, request.GivenName, request.FamilyName, request.DateOfBirth, request.Sex, profile.Email,
            request.Phone ?? "", request.Address ?? "", request.PreferredLanguage, request.Insurance?.Provider ?? "", request.Insurance?.PolicyNumber ?? "", [], []));
        clinical.Allergies = request.Allergies?.Select(a => a.Trim()).ToList() ?? [];
        clinical.ChronicConditions = request.ChronicConditions?.Select(a => a.Trim()).ToList() ?? [];
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(View(profile, clinical));
    }
}
