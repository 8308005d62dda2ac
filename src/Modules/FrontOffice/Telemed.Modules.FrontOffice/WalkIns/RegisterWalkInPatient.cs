using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
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

/// <summary>
/// The new patient's directory id (for the patient page and booking) and whether a set-password e-mail went out. The profile with
/// this id exists when the answer is sent, or follows within seconds through the outbox when writing it failed.
/// </summary>
public sealed record WalkInPatientRegistered(Guid PatientId, bool WelcomeEmailSent);

internal sealed class RegisterWalkInPatientRequestValidator : AbstractValidator<RegisterWalkInPatientRequest>
{
    public RegisterWalkInPatientRequestValidator()
    {
        RuleFor(r => r.GivenName).NotEmpty().MaximumLength(100);
        RuleFor(r => r.FamilyName).NotEmpty().MaximumLength(100);
        RuleFor(r => r.Email).NotEmpty().MaximumLength(254).DeliverableEmail();
        RuleFor(r => r.Sex).Must(s => s is "female" or "male" or "other" or "unknown").WithMessage("Choose female, male, other or unknown.");
        RuleFor(r => r.PreferredLanguage).Must(l => l is "en" or "ru").WithMessage("Choose English or Russian.");
        RuleFor(r => r.Phone).MaximumLength(32).PhoneNumber();
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
        IIdentityModule identity, IDirectoryModule directory, ICurrentUser desk, TimeProvider clock, ILoggerFactory loggers, CancellationToken ct)
    {
        if (FrontOfficeRules.APatientIsBornInThePlausiblePast(request.DateOfBirth, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)) is { } error)
        {
            return Problems.From(Error.ValidationFailed(new Dictionary<string, string[]> { ["dateOfBirth"] = [error.Message] }));
        }

        var given = request.GivenName.Trim();
        var family = request.FamilyName.Trim();
        var email = request.Email.Trim();
        var phone = request.Phone?.Trim() ?? "";
        // Chosen before the account exists, so that the answer names the profile whichever write creates it: this request's below,
        // or the delivery of the PatientRegistered event that the account is committed with.
        var patientId = Guid.NewGuid();
        var userId = await identity.CreatePatientAccountAsync(
            new NewPatientAccount(email, given, family, request.DateOfBirth, request.Sex, phone, request.PreferredLanguage, patientId,
                desk.RequireUserId()), ct);
        if (userId is null)
        {
            return Problems.From(EmailRegistered);
        }

        // The account and its event are committed (and the welcome link sent), so the profile no longer depends on this write: it
        // is made here only so that the desk can open the patient's page at once. When it fails (a database error), the event's
        // delivery creates the same profile, retried by the outbox, and the answer is still 201: the patient is registered, and a
        // retry would be refused as already registered. CancellationToken.None: a desk that left does not stop it (ADR 0015).
        try
        {
            await directory.EnsurePatientProfileAsync(new NewPatientProfile(userId.Value, given, family, request.DateOfBirth, request.Sex,
                email, phone, "", request.PreferredLanguage, "", "", [], [], patientId), CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The patient id and the error's type only: the request and the exception's text may carry PHI.
            loggers.CreateLogger(typeof(RegisterWalkInPatientEndpoint)).LogWarning(
                "The walk-in's profile {PatientId} was not written with its account ({Error}); the outbox creates it", patientId, ex.GetType().Name);
        }

        return TypedResults.Created($"/api/v1/front-desk/patients/{patientId}", new WalkInPatientRegistered(patientId, true));
    }
}
