using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Identity.Accounts;

namespace Telemed.Modules.Identity.SignIn;

internal static class SignInErrors
{
    public static readonly Error InvalidCredentials = new("auth.invalid_credentials", "The e-mail or password is incorrect.", ErrorKind.Unauthorized);
    public static readonly Error LockedOut = new("auth.locked_out", "Too many failed attempts. The account is locked for a while; try again later or reset the password.", ErrorKind.Locked);
    public static readonly Error Suspended = new("auth.suspended", "This account is suspended. Contact the clinic.", ErrorKind.Forbidden);
    public static readonly Error EmailNotVerified = new("auth.email_not_verified", "Confirm your e-mail address first: use the link we sent you.", ErrorKind.Forbidden);
    public static readonly Error InvalidMfaCode = new("auth.invalid_mfa_code", "The code is not valid. Check your authenticator app and try again.", ErrorKind.Unauthorized);
    public static readonly Error MfaEnrolmentRequired = new("auth.mfa_enrolment_required", "Set up multi-factor authentication in the web app first.", ErrorKind.Forbidden);
    public static readonly Error InvalidToken = new("auth.invalid_token", "This link is invalid or has expired.", ErrorKind.Validation);
}

/// <summary>The password step shared by cookie sign-in and token issue: lockout, suspension, verification, audit.</summary>
internal sealed class PasswordVerification(UserManager<UserAccount> users, FailedAttempts failures, AuditScope audit, TimeProvider clock, Infrastructure.IdentityDbContext db)
{
    public async Task<Result<UserAccount>> VerifyAsync(string email, string password)
    {
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null || user.PasswordHash is null || user.Status == AccountStatus.Invited)
        {
            DecoyPasswordWork.Verify(users.PasswordHasher, password);
            audit.Record(AuditActions.SignInFailed, AuditOutcome.Failure, reason: "unknown account or no password");
            return SignInErrors.InvalidCredentials;
        }

        if (await users.IsLockedOutAsync(user))
        {
            audit.Record(AuditActions.SignInFailed, AuditOutcome.Denied, "UserAccount", user.Id.ToString(), "locked out", user.Id);
            return SignInErrors.LockedOut;
        }

        if (!await users.CheckPasswordAsync(user, password))
        {
            var locked = await failures.CountAsync(user);
            audit.Record(AuditActions.SignInFailed, AuditOutcome.Failure, "UserAccount", user.Id.ToString(), locked ? "wrong password; now locked out" : "wrong password", user.Id);
            return locked ? SignInErrors.LockedOut : SignInErrors.InvalidCredentials;
        }

        if (user.Status == AccountStatus.Suspended)
        {
            audit.Record(AuditActions.SignInFailed, AuditOutcome.Denied, "UserAccount", user.Id.ToString(), "suspended", user.Id);
            return SignInErrors.Suspended;
        }

        if (!user.EmailConfirmed)
        {
            audit.Record(AuditActions.SignInFailed, AuditOutcome.Denied, "UserAccount", user.Id.ToString(), "e-mail not verified", user.Id);
            return SignInErrors.EmailNotVerified;
        }

        await failures.ResetAsync(user);
        return user;
    }

    public async Task<bool> VerifySecondFactorAsync(UserAccount user, string? code, string? recoveryCode)
    {
        var ok = recoveryCode is { Length: > 0 }
            ? (await users.RedeemTwoFactorRecoveryCodeAsync(user, recoveryCode.Trim())).Succeeded
            : code is { Length: > 0 } && await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, code.Replace(" ", "", StringComparison.Ordinal));
        if (!ok)
        {
            await failures.CountAsync(user);
            audit.Record(AuditActions.SignInFailed, AuditOutcome.Failure, "UserAccount", user.Id.ToString(), "wrong or already used second factor", user.Id);
        }

        return ok;
    }

    /// <summary>
    /// Stamps the sign-in time without the account's concurrency check: a concurrent refused attempt with the same
    /// code (which counts a failure on the account) must not turn this success into a conflict.
    /// </summary>
    public async Task RecordSignedInAsync(UserAccount user, string method)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.LastSignInAt, now));
        audit.Record(AuditActions.SignIn, AuditOutcome.Success, "UserAccount", user.Id.ToString(), method, user.Id);
    }
}
