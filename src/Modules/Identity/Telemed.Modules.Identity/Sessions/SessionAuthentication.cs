using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telemed.Modules.Identity.Infrastructure;

namespace Telemed.Modules.Identity.Sessions;

internal static class SessionSchemes
{
    public const string Selector = "Telemed";
    public const string Cookie = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string Bearer = "SessionToken";
    public const string CookieName = "telemed.session";
}

/// <summary>Every cookie request is checked against the server-side session (idle timeout, revocation).</summary>
internal sealed class CookieSessionEvents : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var sessions = services.GetRequiredService<SessionService>();
        var sessionId = context.Principal is null ? null : SessionPrincipal.SessionId(context.Principal);
        var session = sessionId is { } id ? await sessions.FindAsync(id, context.HttpContext.RequestAborted) : null;
        var extend = PassiveSessionCheck.CountsAsActivity(context.HttpContext);
        var state = await sessions.ValidateAsync(session, extend, context.HttpContext.RequestAborted);
        if (state is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(SessionSchemes.Cookie);
            return;
        }

        context.HttpContext.Features.Set(state);
    }

    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context) =>
        AuthProblems.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "auth.required", "Sign in to continue.");

    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context) =>
        AuthProblems.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, "forbidden", "You are not allowed to do this.");
}

/// <summary><c>Authorization: Bearer</c> tokens for API clients, bound to the same server-side sessions.</summary>
internal sealed class BearerSessionHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var sessions = Context.RequestServices.GetRequiredService<SessionService>();
        var session = await sessions.FindByTokenAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        var extend = PassiveSessionCheck.CountsAsActivity(Context);
        var state = await sessions.ValidateAsync(session, extend, Context.RequestAborted);
        if (state is null)
        {
            return AuthenticateResult.Fail("The token is invalid or its session has ended.");
        }

        var db = Context.RequestServices.GetRequiredService<IdentityDbContext>();
        var user = await db.Users.Include(u => u.Roles).SingleOrDefaultAsync(u => u.Id == state.Session.UserId, Context.RequestAborted);
        if (user is null || user.Status != Accounts.AccountStatus.Active)
        {
            return AuthenticateResult.Fail("The account is not active.");
        }

        Context.Features.Set(state);
        var principal = SessionPrincipal.Create(user, state.Session, Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        AuthProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "auth.required", "A valid bearer token is required.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        AuthProblems.WriteAsync(Context, StatusCodes.Status403Forbidden, "forbidden", "You are not allowed to do this.");
}

internal static class AuthProblems
{
    public static async Task WriteAsync(HttpContext context, int status, string code, string detail)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        // A staff member between password and MFA gets a specific answer so the app can send them to the MFA step.
        if (status == StatusCodes.Status403Forbidden && context.User.FindFirstValue(SessionPrincipal.Stage) == SessionPrincipal.PasswordStage)
        {
            code = "auth.mfa_required";
            detail = "Complete multi-factor authentication first.";
        }

        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(new
        {
            type = $"https://telemed.dev/problems/{code}",
            title = BuildingBlocks.Http.Problems.Title(status),
            status,
            detail,
            code,
        }, options: null, contentType: "application/problem+json");
    }
}
