using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Identity.Accounts;
using Telemed.Modules.Identity.Infrastructure;
using Telemed.Modules.Identity.Registration;
using Telemed.Modules.Identity.Sessions;
using Telemed.Modules.Notifications.Contracts;

namespace Telemed.Modules.Identity.Administration;

/// <summary>
/// An admin helps a locked-out user: sends them a password-reset link (the admin never sets or sees a password), or resets
/// their MFA (authenticator key and recovery codes dropped, sessions ended: the next sign-in enrols again). Both audited.
/// </summary>
internal static class CredentialResetEndpoints
{
    public const string PasswordResetSent = "user.password_reset_sent";
    public const string MfaReset = "user.mfa_reset";
    public static readonly Error NoPassword = Error.Conflict("identity.no_password", "This invited account has no password yet: resend its invitation instead.");
    private static readonly Error CannotResetSelf = Error.Conflict("identity.cannot_change_own_account", "Use your own account settings to change your password or MFA.");

    public static void MapCredentialResetEndpoints(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin/users/{id:guid}").RequireAuthorization(Policies.Admin).WithTags("Administration");
        admin.MapPost("/password-reset", SendPasswordResetAsync).WithName("SendPasswordReset");
        admin.MapPost("/mfa-reset", ResetMfaAsync).WithName("ResetMfa");
    }

    /// <summary>
    /// 204: a reset link, or for an account that never had a password and was not invited (a walk-in patient) a fresh
    /// set-password link (the welcome e-mail again). Errors: <c>not_found</c>, <c>identity.no_password</c> (409, an invited
    /// staff member who has not accepted: resend the invitation), <c>identity.cannot_change_own_account</c> (409).
    /// </summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> SendPasswordResetAsync(Guid id, UserManager<UserAccount> users, IdentityDbContext db,
        ICurrentUser currentUser, INotificationSender notifications, EmailLinks links, AuditScope audit, CancellationToken ct)
    {
        if (id == currentUser.UserId)
        {
            return Problems.From(CannotResetSelf);
        }

        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return Problems.From(Error.NotFound());
        }

        var wasInvited = user.PasswordHash is null && await db.Invitations.AnyAsync(i => i.UserId == user.Id, ct);
        var help = PasswordHelp.For(user.PasswordHash is not null, wasInvited);
        if (help == PasswordHelpKind.ResendInvitation)
        {
            return Problems.From(NoPassword);
        }

        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = links.Link("/reset-password", user.Id, token);
        var (subject, body) = help == PasswordHelpKind.SetPasswordLink
            ? AccountEmails.Welcome(user.PreferredLanguage, link)
            : AccountEmails.ResetPassword(user.PreferredLanguage, link);
        await notifications.SendEmailAsync(user.Email, subject, body, ct);
        audit.Record(PasswordResetSent, AuditOutcome.Success, "UserAccount", user.Id.ToString());
        return TypedResults.NoContent();
    }

    /// <summary>204; errors: <c>not_found</c>, <c>identity.cannot_change_own_account</c> (409).</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> ResetMfaAsync(Guid id, IdentityDbContext db, SessionService sessions, ICurrentUser currentUser,
        CancellationToken ct)
    {
        if (id == currentUser.UserId)
        {
            return Problems.From(CannotResetSelf);
        }

        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, ct);
        if (user is null)
        {
            return Problems.From(Error.NotFound());
        }

        user.AuthenticatorKey = null;
        user.TwoFactorEnabled = false;
        user.RecoveryCodes = null;
        user.TotpLastStep = null;
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        user.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        db.AuditWithNextSave(MfaReset, "UserAccount", user.Id.ToString());
        await db.SaveChangesAsync(ct);
        await sessions.EndAllAsync(user.Id, "mfa-reset");
        return TypedResults.NoContent();
    }
}
