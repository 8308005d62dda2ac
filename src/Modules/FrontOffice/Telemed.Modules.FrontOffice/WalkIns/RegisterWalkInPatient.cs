using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Identity.Contracts;

namespace Telemed.Modules.FrontOffice.WalkIns;

/// <summary>
/// A patient the front desk registers at the desk or over the phone. Sex: female, male, other or unknown; language: en or
/// ru (the language of the patient's e-mails); phone optional (digits, spaces, +, -, parentheses).
/// </summary>
public sealed record RegisterWalkInPatientRequest(string GivenName, string FamilyName, DateOnly DateOfBirth, string Sex, string Email, string? Phone, string PreferredLanguage);

/// <summary>The new patient's directory id (for the patient page and booking) and whether a set-password e-mail went out.</summary>
public sealed record WalkInPatientRegistered(Guid PatientId, bool WelcomeEmailSent);

internal sealed class RegisterWalkInPatientRequestValidator : AbstractValidator<RegisterWalkInPatientRequest>
{
    public RegisterWalkInPatientRequestValidator()
    {
        RuleFor(r => r.GivenName).NotEmpty().MaximumLength(100);
        RuleFor(r => r.FamilyName).NotEmpty().MaximumLength(100);
        RuleFor(r => r.Email).NotEmpty().MaximumLength(254).EmailAddress();
        RuleFor(r => r.Sex).Must(s => s is "female" or "male" or "other" or "unknown").WithMessage("Choose female, male, other or unknown.");
        RuleFor(r => r.PreferredLanguage).Must(l => l is "en" or "ru").WithMessage("Choose English or Russian.");
        RuleFor(r => r.Phone).MaximumLength(32).Matches(@"^\+?[0-9 ()\-]{5,32}$").When(r => !string.IsNullOrWhiteSpace(r.Phone))
            .WithMessage("Enter a phone number: digits, spaces, + and - only.");
    }
}

internal static class RegisterWalkInPatientEndpoint
{
    public static readonly Error EmailRegistered = Error.Conflict("front_office.email_registered",
        "This e-mail address already has an account. Search for the patient instead.");

    public static void MapRegisterWalkInPatient(this IEndpointRouteBuilder api) =>
        api.MapPost("/front-desk/patients", RegisterAsync).RequireAuthorization(Policies.FrontDesk).Validate<RegisterWalkInPatientRequest>()
            .WithTags("Front office").WithName("RegisterWalkInPatient");

    /// <summary>201 with the patient id; 409 <c>front_office.email_registered</c>; 400 for invalid fields or an implausible date of birth.</summary>
    private static async Task<Results<Created<WalkInPatientRegistered>, ProblemHttpResult>> RegisterAsync(RegisterWalkInPatientRequest request,
        IIdentityModule identity, IDirectoryModule directory, TimeProvider clock, CancellationToken ct)
    {
        if (FrontOfficeRules.APatientIsBornInThePlausiblePast(request.DateOfBirth, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)) is { } error)
        {
            return Problems.From(Error.ValidationFailed(new Dictionary<string, string[]> { ["dateOfBirth"] = [error.Message] }));
        }

        var given = request.GivenName.Trim();
        var family = request.FamilyName.Trim();
        var userId = await identity.CreatePatientAccountAsync(new NewPatientAccount(request.Email, $"{given} {family}", request.PreferredLanguage), ct);
        if (userId is null)
        {
            return Problems.From(EmailRegistered);
        }

        // The account is committed (and its welcome link sent): its profile follows whatever becomes of the front desk's request,
        // or the patient could sign in with no profile and a retry would be refused as already registered (ADR 0015).
        var patientId = await directory.EnsurePatientProfileAsync(new NewPatientProfile(userId.Value, given, family, request.DateOfBirth, request.Sex,
            request.Email.Trim(), request.Phone?.Trim() ?? "", "", request.PreferredLanguage, "", "", [], []), CancellationToken.None);
        return TypedResults.Created($"/api/v1/front-desk/patients/{patientId}", new WalkInPatientRegistered(patientId, true));
    }
}
