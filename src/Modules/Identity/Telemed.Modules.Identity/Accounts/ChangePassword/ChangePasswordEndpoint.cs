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

    /// <summary>POST /auth/password/change: 204; 400 <c>validation.failed</c> (wrong current password, weak new one). Ends the user's other sessions.</summary>
    public static void MapChangePassword(this RouteGroupBuilder auth) =>
        auth.MapPost("/password/change", ChangeAsync).RequireAuthorization(Policies.SignedIn).RequireRateLimiting(IdentityModule.AuthRateLimit)
            .Validate<ChangePasswordRequest>().WithName("ChangePassword");

    private static async Task<Results<NoContent, ProblemHttpResult>> ChangeAsync(ChangePasswordRequest request, HttpContext http, UserManager<UserAccount> users,
        SessionService sessions, AuditScope audit, CancellationToken ct)
    {
        var state = http.Features.Get<SessionState>();
        var user = state is null ? null : await users.FindByIdAsync(state.Session.UserId.ToString());
        if (state is null || user is null)
        {
            return Problems.From(Error.NotFound());
        }

        var result = await users.ChangePasswordAsync(user, request.CurrentPassword, request.NewPassword);
        if (!result.Succeeded)
        {
            audit.Record(AuditActions.PasswordReset, AuditOutcome.Failure, "UserAccount", user.Id.ToString(), "change: refused", user.Id);
            return Problems.From(result.Errors.Any(e => e.Code == "PasswordMismatch") ? WrongCurrentPassword : IdentityErrors.ToValidation(result));
        }

        // Whoever may know the old password loses their sessions; this one stays.
        await sessions.EndOthersAsync(user.Id, state.Session.Id, "password-change");
        audit.Record(AuditActions.PasswordReset, AuditOutcome.Success, "UserAccount", user.Id.ToString(), "change", user.Id);
        return TypedResults.NoContent();
    }
}
