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
using Telemed.Modules.Identity.Registration;
using Telemed.Modules.Identity.Sessions;
using Telemed.Modules.Identity.SignIn;

namespace Telemed.Modules.Identity.Accounts.ChangePassword;

/// <summary>A signed-in user's new password, with the current one as proof.</summary>
public sealed record ChangePasswordRequest(string CurrentPassword, string NewPassword);

internal sealed class ChangePasswordRequestValidator : AbstractValidator<ChangePasswordRequest>
{
    public ChangePasswordRequestValidator()
    {
        RuleFor(r => r.CurrentPassword).NotEmpty().WithMessage("Enter your current password.").MaximumLength(256);
        RuleFor(r => r.NewPassword).NotEmpty().MinimumLength(10).WithMessage("Use at least 10 characters.").MaximumLength(256);
    }
}

internal static class ChangePasswordEndpoint
{
    /// <summary>The current password was wrong (a field error on <c>currentPassword</c>, 400 <c>validation.failed</c>).</summary>
    public static readonly Error WrongCurrentPassword = Error.ValidationFailed(new Dictionary<string, string[]>
    {
        ["currentPassword"] = ["The current password is not correct."],
    });

    /// <summary>
    /// POST /auth/password/change: 204; 400 <c>validation.failed</c> (wrong current password, weak new one); 423 <c>auth.locked_out</c>
    /// once wrong current passwords reach the lock-out count (they count with wrong sign-ins) and while the lock lasts. Ends the
    /// user's other sessions.
    /// </summary>
    public static void MapChangePassword(this RouteGroupBuilder auth) =>
        auth.MapPost("/password/change", ChangeAsync).RequireAuthorization(Policies.SignedIn).RequireRateLimiting(IdentityModule.AuthRateLimit)
            .Validate<ChangePasswordRequest>().WithName("ChangePassword");

    private static async Task<Results<NoContent, ProblemHttpResult>> ChangeAsync(ChangePasswordRequest request, HttpContext http, UserManager<UserAccount> users,
        SessionService sessions, FailedAttempts failures, AuditScope audit, CancellationToken ct)
    {
        var state = http.Features.Get<SessionState>();
        var user = state is null ? null : await users.FindByIdAsync(state.Session.UserId.ToString());
        if (state is null || user is null)
        {
            return Problems.From(Error.NotFound());
        }

        // A wrong current password counts towards the account's lock-out as at sign-in: a session left open (a shared computer)
        // must not be a way to guess the password without limit. While locked, no guess is even checked.
        if (await failures.IsLockedOutAsync(user, ct))
        {
            audit.Record(AuditActions.PasswordReset, AuditOutcome.Denied, "UserAccount", user.Id.ToString(), "locked out", user.Id);
            return Problems.From(SignInErrors.LockedOut);
        }

        var result = await users.ChangePasswordAsync(user, request.CurrentPassword, request.NewPassword);
        if (!result.Succeeded)
        {
            var wrong = result.Errors.Any(e => e.Code == "PasswordMismatch");
            var locked = wrong && await failures.CountAsync(user, ct);
            audit.Record(AuditActions.PasswordReset, AuditOutcome.Failure, "UserAccount", user.Id.ToString(),
                locked ? "wrong password; now locked out" : wrong ? "wrong password" : "change: refused", user.Id);
            return Problems.From(locked ? SignInErrors.LockedOut : wrong ? WrongCurrentPassword : IdentityErrors.ToValidation(result));
        }

        await failures.ResetAsync(user, ct);

        // Whoever may know the old password loses their sessions; this one stays.
        await sessions.EndOthersAsync(user.Id, state.Session.Id, "password-change");
        audit.Record(AuditActions.PasswordReset, AuditOutcome.Success, "UserAccount", user.Id.ToString(), "change", user.Id);
        return TypedResults.NoContent();
    }
}
