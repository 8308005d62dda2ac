using System.Security.Cryptography;
using FluentValidation;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Http;
using Telemed.Modules.Identity.Accounts;
using Telemed.Modules.Identity.Contracts;
using Telemed.Modules.Identity.Infrastructure;
using Telemed.Modules.Identity.Sessions;

namespace Telemed.Modules.Identity.SignIn;

public sealed record SignInRequest(string Email, string Password);
public sealed record MfaChallengeRequest(string? Code, string? RecoveryCode);
public sealed record TokenRequest(string Email, string Password, string? MfaCode);
public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn);
public sealed record SessionUser(Guid Id, string Email, string DisplayName, IReadOnlyList<string> Roles, bool MfaEnabled, bool MfaEnrolmentRequired);
public sealed record SessionInfo(bool Authenticated, SessionUser? User, int IdleTimeoutSeconds, int IdleWarningSeconds, DateTime? IdleExpiresAt,
    string Environment, IReadOnlyList<DemoAccount>? DemoCredentials, string? PendingStep = null);

internal sealed class SignInRequestValidator : AbstractValidator<SignInRequest>
{
    public SignInRequestValidator()
    {
        RuleFor(r => r.Email).NotEmpty().WithMessage("Enter your e-mail address.").MaximumLength(254);
        RuleFor(r => r.Password).NotEmpty().WithMessage("Enter your password.").MaximumLength(256);
    }
}

internal sealed class MfaChallengeRequestValidator : AbstractValidator<MfaChallengeRequest>
{
    /// <summary>Bounds only: a missing code is answered by the second-factor check itself (and counts towards lock-out).</summary>
    public MfaChallengeRequestValidator()
    {
        RuleFor(r => r.Code).MaximumLength(32);
        RuleFor(r => r.RecoveryCode).MaximumLength(64);
    }
}

internal sealed class TokenRequestValidator : AbstractValidator<TokenRequest>
{
    public TokenRequestValidator()
    {
        RuleFor(r => r.Email).NotEmpty().MaximumLength(254);
        RuleFor(r => r.Password).NotEmpty().MaximumLength(256);
    }
}

internal static class SignInEndpoints
{
    public static void MapSignInEndpoints(this RouteGroupBuilder auth)
    {
        auth.MapGet("/session", GetSessionAsync).AllowAnonymous().WithMetadata(new PassiveSessionCheck()).WithName("GetSession");
        auth.MapPost("/touch", () => TypedResults.NoContent()).RequireAuthorization(Policies.PasswordVerified).WithName("TouchSession");
        auth.MapPost("/sign-in", SignInAsync).AllowAnonymous().RequireRateLimiting(IdentityModule.AuthRateLimit).Validate<SignInRequest>().WithName("SignIn");
        auth.MapPost("/sign-in/mfa", MfaAsync).RequireAuthorization(Policies.PasswordVerified).RequireRateLimiting(IdentityModule.AuthRateLimit).Validate<MfaChallengeRequest>().WithName("SignInMfa");
        auth.MapPost("/sign-out", SignOutAsync).RequireAuthorization(Policies.PasswordVerified).WithName("SignOut");
        auth.MapPost("/tokens", IssueTokenAsync).AllowAnonymous().RequireRateLimiting(IdentityModule.AuthRateLimit).Validate<TokenRequest>().WithName("IssueToken");
    }

    private static async Task<Ok<SessionInfo>> GetSessionAsync(HttpContext http, IdentityDbContext db, IOptions<IdleSessionOptions> options, IWebHostEnvironment env, CancellationToken ct)
    {
        var idle = (int)options.Value.IdleTimeout.TotalSeconds;
        var warning = (int)options.Value.IdleWarning.TotalSeconds;
        var demo = env.IsDevelopment() ? http.RequestServices.GetService<DemoAccounts>()?.Accounts : null;
        var state = http.Features.Get<SessionState>();
        var user = state is null ? null : await db.Users.AsNoTracking().Include(u => u.Roles).SingleOrDefaultAsync(u => u.Id == state.Session.UserId, ct);
        if (state is null || user is null)
        {
            return TypedResults.Ok(new SessionInfo(false, null, idle, warning, null, env.EnvironmentName, demo));
        }

        // Between password and MFA a staff member is not signed in yet: the app only learns which step is next.
        if (!state.Session.MfaSatisfied && user.IsStaff)
        {
            return TypedResults.Ok(new SessionInfo(false, null, idle, warning, state.IdleExpiresAt, env.EnvironmentName, demo,
                user.TwoFactorEnabled ? "mfa" : "mfaEnrolment"));
        }

        var sessionUser = new SessionUser(user.Id, user.Email, user.DisplayName, user.RoleNames, user.TwoFactorEnabled, false);
        return TypedResults.Ok(new SessionInfo(true, sessionUser, idle, warning, state.IdleExpiresAt, env.EnvironmentName, demo));
    }

    private static async Task<Results<Ok<SignInStatus>, ProblemHttpResult>> SignInAsync(SignInRequest request, PasswordVerification verification, CookieSignIn signIn, CancellationToken ct)
    {
        var verified = await verification.VerifyAsync(request.Email, request.Password);
        if (!verified.IsSuccess)
        {
            return Problems.From(verified.Error!);
        }

        var status = await signIn.StartAsync(verified.Value, ct);
        if (status == SignInStatus.SignedIn)
        {
            await verification.RecordSignedInAsync(verified.Value, "password");
        }

        return TypedResults.Ok(status);
    }

    private static async Task<Results<Ok<SignInStatus>, ProblemHttpResult>> MfaAsync(MfaChallengeRequest request, HttpContext http, UserManager<UserAccount> users,
        PasswordVerification verification, FailedAttempts failures, CookieSignIn signIn, CancellationToken ct)
    {
        var state = http.Features.Get<SessionState>();
        var user = state is null ? null : await users.FindByIdAsync(state.Session.UserId.ToString());
        if (state is null || user is null || !user.TwoFactorEnabled)
        {
            return Problems.From(SignInErrors.MfaEnrolmentRequired);
        }

        if (await users.IsLockedOutAsync(user))
        {
            return Problems.From(SignInErrors.LockedOut);
        }

        if (!await verification.VerifySecondFactorAsync(user, request.Code, request.RecoveryCode))
        {
            return Problems.From(await failures.IsLockedOutAsync(user, ct) ? SignInErrors.LockedOut : SignInErrors.InvalidMfaCode);
        }

        await failures.ResetAsync(user, ct);
        await signIn.CompleteMfaAsync(user, state.Session, ct);
        await verification.RecordSignedInAsync(user, request.RecoveryCode is { Length: > 0 } ? "password+recovery-code" : "password+totp");
        return TypedResults.Ok(SignInStatus.SignedIn);
    }

    private static async Task<NoContent> SignOutAsync(HttpContext http, SessionService sessions, AuditScope audit, CancellationToken ct)
    {
        if (http.Features.Get<SessionState>() is { } state)
        {
            await sessions.EndAsync(state.Session.Id, state.Session.UserId, "sign-out");
            audit.Record(AuditActions.SignOut, AuditOutcome.Success, "Session", state.Session.Id.ToString());
        }

        await http.SignOutAsync(SessionSchemes.Cookie);
        // The antiforgery token issued with this response must belong to an anonymous visitor.
        http.User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity());
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> IssueTokenAsync(TokenRequest request, PasswordVerification verification,
        SessionService sessions, IOptions<IdleSessionOptions> options, CancellationToken ct)
    {
        var verified = await verification.VerifyAsync(request.Email, request.Password);
        if (!verified.IsSuccess)
        {
            return Problems.From(verified.Error!);
        }

        var user = verified.Value;
        if (user.IsStaff)
        {
            if (!user.TwoFactorEnabled)
            {
                return Problems.From(SignInErrors.MfaEnrolmentRequired);
            }

            if (!await verification.VerifySecondFactorAsync(user, request.MfaCode, null))
            {
                return Problems.From(SignInErrors.InvalidMfaCode);
            }
        }

        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await sessions.StartAsync(user.Id, SessionKind.Bearer, mfaSatisfied: true, token, ct);
        await verification.RecordSignedInAsync(user, user.IsStaff ? "token:password+totp" : "token:password");
        return TypedResults.Ok(new TokenResponse(token, "Bearer", (int)options.Value.IdleTimeout.TotalSeconds));
    }
}
