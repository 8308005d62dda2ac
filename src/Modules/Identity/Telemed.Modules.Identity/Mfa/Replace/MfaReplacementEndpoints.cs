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

namespace Telemed.Modules.Identity.Mfa.Replace;

/// <summary>
/// Proof of the second factor the account has now, to replace it: the authenticator's current 6-digit <c>Code</c>, or one unused
/// <c>RecoveryCode</c> (for a lost phone). One of the two.
/// </summary>
public sealed record MfaReplacementRequest(string? Code, string? RecoveryCode);

internal sealed class MfaReplacementRequestValidator : AbstractValidator<MfaReplacementRequest>
{
    public MfaReplacementRequestValidator()
    {
        RuleFor(r => r.Code).MaximumLength(32);
        RuleFor(r => r.RecoveryCode).MaximumLength(64);
        RuleFor(r => r.Code).Must((r, code) => !string.IsNullOrWhiteSpace(code) || !string.IsNullOrWhiteSpace(r.RecoveryCode))
            .WithMessage("Enter the 6-digit code from your current authenticator app, or a recovery code.");
    }
}

/// <summary>
/// POST /auth/mfa/enrolment/replacement: an account that has a second factor replaces it only by proving it holds it now. A signed-in
/// session (past MFA) alone is not enough: a session left open on a shared computer must not let someone move the second factor to
/// their own phone. On success the old authenticator key stops working and the answer is a new <see cref="MfaEnrolment"/>, which the
/// user confirms with POST /auth/mfa/enrolment (recovery codes stay valid until then, so an abandoned replacement never locks anyone out).
/// Errors: 400 <c>validation.failed</c> on <c>code</c> for a wrong or reused code (counts towards lock-out); 409 <c>auth.mfa_not_enabled</c>
/// without a second factor (use GET /auth/mfa/enrolment); 403 <c>auth.mfa_already_enrolled</c> for a session that has not passed MFA.
/// Every attempt, allowed or refused, is audited.
/// </summary>
internal static class MfaReplacementEndpoints
{
    public const string ReplacementStarted = "auth.mfa_replacement_started";

    /// <summary>What GET /auth/mfa/enrolment answers an account that already has a second factor.</summary>
    public static readonly Error CurrentFactorRequired = Error.Forbidden("auth.mfa_current_code_required",
        "Two-factor authentication is already set up. Confirm the code from your current authenticator app, or a recovery code, to replace it.");

    public static readonly Error WrongCode = Error.ValidationFailed(new Dictionary<string, string[]>
    {
        ["code"] = ["The code is not valid. Check your current authenticator app or recovery code and try again."],
    });

    public static void MapMfaReplacementEndpoints(this RouteGroupBuilder auth) =>
        auth.MapPost("/mfa/enrolment/replacement", ReplaceAsync).RequireAuthorization(Policies.PasswordVerified).RequireRateLimiting(IdentityModule.AuthRateLimit)
            .Validate<MfaReplacementRequest>().WithName("BeginMfaReplacement");

    private static async Task<Results<Ok<MfaEnrolment>, ProblemHttpResult>> ReplaceAsync(MfaReplacementRequest request, HttpContext http,
        UserManager<UserAccount> users, PasswordVerification verification, AuditScope audit)
    {
        var state = http.Features.Get<SessionState>();
        var user = state is null ? null : await users.FindByIdAsync(state.Session.UserId.ToString());
        if (user is null || state is null)
        {
            return Problems.From(Error.NotFound());
        }

        if (!user.TwoFactorEnabled)
        {
            return Problems.From(Manage.MfaManagementEndpoints.NotEnabled);
        }

        if (!state.Session.MfaSatisfied)
        {
            return Problems.From(MfaEnrolmentEndpoints.AlreadyEnrolled);
        }

        var recoveryCode = string.IsNullOrWhiteSpace(request.RecoveryCode) ? null : request.RecoveryCode;
        if (!await verification.VerifySecondFactorAsync(user, recoveryCode is null ? request.Code : null, recoveryCode))
        {
            audit.Record(ReplacementStarted, AuditOutcome.Failure, "UserAccount", user.Id.ToString(), "wrong current second factor", user.Id);
            return Problems.From(WrongCode);
        }

        await users.ResetAuthenticatorKeyAsync(user);
        audit.Record(ReplacementStarted, AuditOutcome.Success, "UserAccount", user.Id.ToString(), recoveryCode is null ? "current code" : "recovery code", user.Id);
        return TypedResults.Ok(MfaEnrolmentEndpoints.EnrolmentFor(user, (await users.GetAuthenticatorKeyAsync(user))!));
    }
}
