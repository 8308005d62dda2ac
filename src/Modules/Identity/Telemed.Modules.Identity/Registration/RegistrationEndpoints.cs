using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Identity.Accounts;
using Telemed.Modules.Identity.Contracts;
using Telemed.Modules.Identity.Infrastructure;
using Telemed.Modules.Identity.Sessions;
using Telemed.Modules.Identity.SignIn;
using Telemed.Modules.Notifications.Contracts;

namespace Telemed.Modules.Identity.Registration;

public sealed record RegisterRequest(string Email, string Password, string GivenName, string FamilyName, DateOnly DateOfBirth, string PreferredLanguage);
public sealed record TokenBody(string Token);
public sealed record ForgotPasswordRequest(string Email);

/// <summary>Asks for a new e-mail confirmation link (the first was lost or expired).</summary>
public sealed record ResendVerificationRequest(string Email);
public sealed record ResetPasswordRequest(string Token, string NewPassword);

internal sealed class RegisterRequestValidator : AbstractValidator<RegisterRequest>
{
    public RegisterRequestValidator(TimeProvider clock)
    {
        RuleFor(r => r.Email).NotEmpty().WithMessage("Enter your e-mail address.").DeliverableEmail().MaximumLength(254);
        RuleFor(r => r.Password).NotEmpty().MinimumLength(10).WithMessage("Use at least 10 characters.").MaximumLength(256);
        RuleFor(r => r.GivenName).NotEmpty().WithMessage("Enter your given name.").MaximumLength(100);
        RuleFor(r => r.FamilyName).NotEmpty().WithMessage("Enter your family name.").MaximumLength(100);
        RuleFor(r => r.DateOfBirth)
            .Must(d => d > new DateOnly(1900, 1, 1) && d <= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))
            .WithMessage("Enter a real date of birth.");
        RuleFor(r => r.PreferredLanguage).Must(l => l is "en" or "ru").WithMessage("Choose English or Russian.");
    }
}

internal sealed class TokenBodyValidator : AbstractValidator<TokenBody>
{
    /// <summary>Link tokens are 43 URL-safe characters today; anything far longer is not one of ours.</summary>
    public TokenBodyValidator() => RuleFor(r => r.Token).NotEmpty().WithMessage("The link is incomplete.").MaximumLength(512);
}

internal sealed class ForgotPasswordRequestValidator : AbstractValidator<ForgotPasswordRequest>
{
    /// <summary>An empty or missing address is a client error, not a silent 202 (that answer stays for unknown addresses).</summary>
    public ForgotPasswordRequestValidator() =>
        RuleFor(r => r.Email).NotEmpty().WithMessage("Enter your e-mail address.").MaximumLength(254).EmailAddress().WithMessage("Enter a valid e-mail address.");
}

internal sealed class ResendVerificationRequestValidator : AbstractValidator<ResendVerificationRequest>
{
    public ResendVerificationRequestValidator() =>
        RuleFor(r => r.Email).NotEmpty().WithMessage("Enter your e-mail address.").MaximumLength(254).EmailAddress().WithMessage("Enter a valid e-mail address.");
}

internal sealed class ResetPasswordRequestValidator : AbstractValidator<ResetPasswordRequest>
{
    public ResetPasswordRequestValidator()
    {
        RuleFor(r => r.Token).NotEmpty().MaximumLength(512);
        RuleFor(r => r.NewPassword).NotEmpty().MinimumLength(10).WithMessage("Use at least 10 characters.").MaximumLength(256);
    }
}

internal static class RegistrationEndpoints
{
    public static void MapRegistrationEndpoints(this RouteGroupBuilder auth)
    {
        auth.MapPost("/register", RegisterAsync).AllowAnonymous().RequireRateLimiting(IdentityModule.AuthRateLimit).Validate<RegisterRequest>().WithName("Register");
        auth.MapPost("/verify-email", VerifyEmailAsync).AllowAnonymous().RequireRateLimiting(IdentityModule.AuthRateLimit).Validate<TokenBody>().WithName("VerifyEmail");
        auth.MapPost("/verify-email/resend", ResendVerificationAsync).AllowAnonymous().RequireRateLimiting(IdentityModule.AuthRateLimit).Validate<ResendVerificationRequest>().WithName("ResendVerification");
        auth.MapPost("/password/forgot", ForgotAsync).AllowAnonymous().RequireRateLimiting(IdentityModule.AuthRateLimit).Validate<ForgotPasswordRequest>().WithName("ForgotPassword");
        auth.MapPost("/password/reset", ResetAsync).AllowAnonymous().RequireRateLimiting(IdentityModule.AuthRateLimit).Validate<ResetPasswordRequest>().WithName("ResetPassword");
    }

    private static async Task<Results<Accepted, ProblemHttpResult>> RegisterAsync(RegisterRequest request, UserManager<UserAccount> users, IdentityDbContext db,
        INotificationSender notifications, EmailLinks links, AuditScope audit, TimeProvider clock, CancellationToken ct)
    {
        var email = request.Email.Trim();
        var existing = await users.FindByEmailAsync(email);
        if (existing is not null)
        {
            // Same answer as a new sign-up, so the form cannot be used to find out who is a patient here, and about the same time:
            // a new account's password is hashed.
            DecoyPasswordWork.Hash(users.PasswordHasher, request.Password);
            var (subject, body) = AccountEmails.AlreadyRegistered(existing.PreferredLanguage, $"{links.BaseUrl}/forgot-password");
            await notifications.SendEmailAsync(email, subject, body, ct);
            return TypedResults.Accepted((string?)null);
        }

        var user = new UserAccount
        {
            Email = email,
            DisplayName = $"{request.GivenName.Trim()} {request.FamilyName.Trim()}",
            PreferredLanguage = request.PreferredLanguage,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            Roles = [],
        };
        user.Roles.Add(new UserRole { UserId = user.Id, Role = BuildingBlocks.Access.Roles.Patient });
        db.Publish(new PatientRegistered(user.Id, email, request.GivenName.Trim(), request.FamilyName.Trim(), request.DateOfBirth, request.PreferredLanguage));
        IdentityResult created;
        try
        {
            created = await users.CreateAsync(user, request.Password);
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            // A simultaneous sign-up with the same e-mail won the unique index: answer as for an existing account.
            db.ChangeTracker.Clear();
            return TypedResults.Accepted((string?)null);
        }

        if (!created.Succeeded)
        {
            db.ChangeTracker.Clear();
            // Never confirm that an e-mail address is registered: a duplicate answers like a new sign-up.
            return created.Errors.Any(e => e.Code is "DuplicateEmail" or "DuplicateUserName")
                ? TypedResults.Accepted((string?)null)
                : Problems.From(IdentityErrors.ToValidation(created));
        }

        audit.Record(AuditActions.UserRegistered, AuditOutcome.Success, "UserAccount", user.Id.ToString(), actorId: user.Id);
        var token = await users.GenerateEmailConfirmationTokenAsync(user);
        var (verifySubject, verifyBody) = AccountEmails.Verify(user.PreferredLanguage, links.Link("/verify-email", user.Id, token));
        await notifications.SendEmailAsync(email, verifySubject, verifyBody, ct);
        return TypedResults.Accepted((string?)null);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> VerifyEmailAsync(TokenBody request, UserManager<UserAccount> users)
    {
        var unpacked = EmailLinks.Unpack(request.Token);
        var user = unpacked is { } u ? await users.FindByIdAsync(u.UserId.ToString()) : null;
        if (user is null)
        {
            return Problems.From(SignInErrors.InvalidToken);
        }

        if (user.EmailConfirmed)
        {
            return TypedResults.NoContent();
        }

        var result = await users.ConfirmEmailAsync(user, unpacked!.Value.IdentityToken);
        return result.Succeeded ? TypedResults.NoContent() : Problems.From(SignInErrors.InvalidToken);
    }

    /// <summary>
    /// 202 whatever the address: a new confirmation link goes (in the account's language) only to a registered, active,
    /// not yet confirmed account, so the answer never tells who has an account here.
    /// </summary>
    private static async Task<Accepted> ResendVerificationAsync(ResendVerificationRequest request, UserManager<UserAccount> users, INotificationSender notifications,
        EmailLinks links, CancellationToken ct)
    {
        var user = await users.FindByEmailAsync(request.Email.Trim());
        if (user is { EmailConfirmed: false, Status: AccountStatus.Active })
        {
            var token = await users.GenerateEmailConfirmationTokenAsync(user);
            var (subject, body) = AccountEmails.Verify(user.PreferredLanguage, links.Link("/verify-email", user.Id, token));
            await notifications.SendEmailAsync(user.Email, subject, body, ct);
        }

        return TypedResults.Accepted((string?)null);
    }

    private static async Task<Accepted> ForgotAsync(ForgotPasswordRequest request, UserManager<UserAccount> users, INotificationSender notifications, EmailLinks links, CancellationToken ct)
    {
        var user = string.IsNullOrWhiteSpace(request.Email) ? null : await users.FindByEmailAsync(request.Email.Trim());
        // Also for an account without a password yet (a patient the front desk registered whose welcome link expired).
        if (user is { Status: AccountStatus.Active })
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var (subject, body) = AccountEmails.ResetPassword(user.PreferredLanguage, links.Link("/reset-password", user.Id, token));
            await notifications.SendEmailAsync(user.Email, subject, body, ct);
        }

        return TypedResults.Accepted((string?)null);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ResetAsync(ResetPasswordRequest request, UserManager<UserAccount> users, SessionService sessions,
        AuditScope audit, CancellationToken ct)
    {
        var unpacked = EmailLinks.Unpack(request.Token);
        var user = unpacked is { } u ? await users.FindByIdAsync(u.UserId.ToString()) : null;
        if (user is null)
        {
            return Problems.From(SignInErrors.InvalidToken);
        }

        var result = await users.ResetPasswordAsync(user, unpacked!.Value.IdentityToken, request.NewPassword);
        if (!result.Succeeded)
        {
            return Problems.From(result.Errors.Any(e => e.Code == "InvalidToken") ? SignInErrors.InvalidToken : IdentityErrors.ToValidation(result));
        }

        if (!user.EmailConfirmed)
        {
            // The link reached this address, which proves it, e.g. for a patient the front desk registered.
            user.EmailConfirmed = true;
            await users.UpdateAsync(user);
        }

        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await sessions.EndAllAsync(user.Id, "password-reset");
        audit.Record(AuditActions.PasswordReset, AuditOutcome.Success, "UserAccount", user.Id.ToString(), actorId: user.Id);
        return TypedResults.NoContent();
    }
}

internal static class IdentityErrors
{
    /// <summary>
    /// ASP.NET Identity's refusal (password policy, taken or invalid address) as a <c>validation.failed</c> field error, worded
    /// in the current request's reader's language (<see cref="ReaderLanguage"/>): Identity itself only speaks English.
    /// </summary>
    public static Error ToValidation(IdentityResult result) => ToValidation(result, ReaderLanguage.Current);

    /// <summary><see cref="ToValidation(IdentityResult)"/> for an explicit reader's language (<c>ru</c> or <c>en</c>).</summary>
    public static Error ToValidation(IdentityResult result, string language) => Error.ValidationFailed(new Dictionary<string, string[]>
    {
        [result.Errors.Any(e => e.Code.Contains("Email", StringComparison.Ordinal) || e.Code.Contains("UserName", StringComparison.Ordinal)) ? "email" : "password"] =
            result.Errors.Select(e => IdentityErrorTexts.For(e, language)).Distinct().ToArray(),
    });
}
