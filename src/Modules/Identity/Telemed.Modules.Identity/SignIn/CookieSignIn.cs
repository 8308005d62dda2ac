using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Telemed.Modules.Identity.Accounts;
using Telemed.Modules.Identity.Sessions;

namespace Telemed.Modules.Identity.SignIn;

public sealed record SignInStatus(string Status)
{
    public static readonly SignInStatus SignedIn = new("signedIn");
    public static readonly SignInStatus MfaRequired = new("mfaRequired");
    public static readonly SignInStatus MfaEnrolmentRequired = new("mfaEnrolmentRequired");
}

/// <summary>Issues the session cookie for a server-side session and tells the app what step comes next.</summary>
internal sealed class CookieSignIn(SessionService sessions, IHttpContextAccessor accessor)
{
    public async Task<SignInStatus> StartAsync(UserAccount user, CancellationToken ct)
    {
        var session = await sessions.StartAsync(user.Id, SessionKind.Cookie, mfaSatisfied: !user.IsStaff, token: null, ct);
        await IssueCookieAsync(user, session.Id, session.MfaSatisfied);
        return !user.IsStaff ? SignInStatus.SignedIn : user.TwoFactorEnabled ? SignInStatus.MfaRequired : SignInStatus.MfaEnrolmentRequired;
    }

    /// <summary>After MFA the session is upgraded and the cookie re-issued with the user's roles.</summary>
    public async Task CompleteMfaAsync(UserAccount user, UserSession session, CancellationToken ct)
    {
        // The session object may be the cache's shared snapshot: it is not changed in place.
        await sessions.MarkMfaSatisfiedAsync(session.Id, ct);
        await IssueCookieAsync(user, session.Id, mfaSatisfied: true);
    }

    private async Task IssueCookieAsync(UserAccount user, Guid sessionId, bool mfaSatisfied)
    {
        var http = accessor.HttpContext!;
        var principal = SessionPrincipal.Create(user.Id, user.IsStaff, user.RoleNames, sessionId, mfaSatisfied, CookieAuthenticationDefaults.AuthenticationScheme);
        await http.SignInAsync(SessionSchemes.Cookie, principal, new AuthenticationProperties { IsPersistent = false });
        // Antiforgery tokens are bound to the user: the response must carry one for the new principal.
        http.User = principal;
    }
}
