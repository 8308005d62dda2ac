using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Identity.Accounts;
using Telemed.Modules.Identity.Sessions;

using Telemed.Modules.Identity.SignIn;

namespace Telemed.Modules.Identity.Mfa.Manage;

/// <summary>
/// The signed-in user's second factor as the Account page shows it: whether it is on, how many unused recovery codes are left
/// (0–10), and whether the account must keep it (every staff role does; only a patient-only account may go without).
/// </summary>
public sealed record MfaStatus(bool Enabled, int RecoveryCodesLeft, bool Required);

/// <summary>A fresh set of recovery codes, asked for with the authenticator's current 6-digit <c>Code</c>.</summary>
public sealed record RegenerateRecoveryCodesRequest(string Code);

internal sealed class RegenerateRecoveryCodesRequestValidator : AbstractValidator<RegenerateRecoveryCodesRequest>
{
    public RegenerateRecoveryCodesRequestValidator() =>
        RuleFor(r => r.Code).NotEmpty().WithMessage("Enter the 6-digit code from your authenticator app.").MaximumLength(32);
}

/// <summary>
/// GET /auth/mfa (status) and POST /auth/mfa/recovery-codes (10 new codes, shown once; the old ones stop working). Both for
/// the signed-in user only, past MFA. A wrong code is 400 <c>validation.failed</c> on <c>code</c>; without MFA set up, 409
/// <c>auth.mfa_not_enabled</c>. Every regeneration, allowed or refused, is audited.
/// </summary>
internal static class MfaManagementEndpoints
{
    public const int RecoveryCodeCount = 10;
    public const string RecoveryCodesRegenerated = "auth.recovery_codes_regenerated";

    public static readonly Error NotEnabled = new("auth.mfa_not_enabled", "Two-factor authentication is not set up for this account.", ErrorKind.Conflict);

    public static readonly Error WrongCode = Error.ValidationFailed(new Dictionary<string, string[]>
    {
        ["code"] = ["The code is not valid. Check your authenticator app and try again."],
    });

    public static void MapMfaManagementEndpoints(this RouteGroupBuilder auth)
    {
        auth.MapGet("/mfa", StatusAsync).RequireAuthorization(Policies.SignedIn).WithName("GetMfaStatus");
        auth.MapPost("/mfa/recovery-codes", RegenerateAsync).RequireAuthorization(Policies.SignedIn).RequireRateLimiting(IdentityModule.AuthRateLimit)
            .Validate<RegenerateRecoveryCodesRequest>().WithName("RegenerateRecoveryCodes");
    }

    /// <summary>Staff must keep a second factor: any role besides Patient makes it required.</summary>
    public static bool MustKeepMfa(IEnumerable<string> roles) => roles.Any(r => !string.Equals(r, Roles.Patient, StringComparison.OrdinalIgnoreCase));

    private static async Task<UserAccount?> CurrentAsync(HttpContext http, UserManager<UserAccount> users) =>
        http.Features.Get<SessionState>() is { } state ? await users.FindByIdAsync(state.Session.UserId.ToString()) : null;

    private static async Task<Results<Ok<MfaStatus>, ProblemHttpResult>> StatusAsync(HttpContext http, UserManager<UserAccount> users)
    {
        if (await CurrentAsync(http, users) is not { } user)
        {
            return Problems.From(Error.NotFound());
        }

        return TypedResults.Ok(new MfaStatus(user.TwoFactorEnabled, user.TwoFactorEnabled ? await users.CountRecoveryCodesAsync(user) : 0,
            MustKeepMfa(await users.GetRolesAsync(user))));
    }

    private static async Task<Results<Ok<RecoveryCodesIssued>, ProblemHttpResult>> RegenerateAsync(RegenerateRecoveryCodesRequest request, HttpContext http,
        UserManager<UserAccount> users, PasswordVerification verification, AuditScope audit)
    {
        if (await CurrentAsync(http, users) is not { } user)
        {
            return Problems.From(Error.NotFound());
        }

        if (!user.TwoFactorEnabled)
        {
            return Problems.From(NotEnabled);
        }

        // Through the sign-in's second-factor check, so a wrong code counts towards the lock-out (a session left open is no way
        // to guess codes without limit).
        if (!await verification.VerifySecondFactorAsync(user, request.Code, null))
        {
            audit.Record(RecoveryCodesRegenerated, AuditOutcome.Failure, "UserAccount", user.Id.ToString(), "wrong authenticator code", user.Id);
            return Problems.From(WrongCode);
        }

        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!.ToList();
        audit.Record(RecoveryCodesRegenerated, AuditOutcome.Success, "UserAccount", user.Id.ToString(), actorId: user.Id);
        return TypedResults.Ok(new RecoveryCodesIssued(codes));
    }
}
