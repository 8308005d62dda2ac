using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Telemed.Modules.Identity.Sessions;

internal static class SessionSchemes
{
    public const string Selector = "Telemed";
    public const string Cookie = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string Bearer = "SessionToken";
    public const string CookieName = "telemed.session";
}

/// <summary>Every cookie request is checked against the server-side session (idle timeout, revocation), from memory while the cached entry is fresh.</summary>
internal sealed class CookieSessionEvents : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var sessions = context.HttpContext.RequestServices.GetRequiredService<SessionService>();
        var extend = PassiveSessionCheck.CountsAsActivity(context.HttpContext);
        var state = context.Principal is not null && SessionPrincipal.SessionId(context.Principal) is { } id
            ? await sessions.CheckAsync(id, extend, context.HttpContext.RequestAborted)
            : null;
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
        var extend = PassiveSessionCheck.CountsAsActivity(Context);
        if (await sessions.CheckTokenAsync(header["Bearer ".Length..].Trim(), extend, Context.RequestAborted) is not var (state, account))
        {
            return AuthenticateResult.Fail("The token is invalid, its session has ended or its account is not active.");
        }

        Context.Features.Set(state);
        var principal = SessionPrincipal.Create(account, state.Session, Scheme.Name);
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
