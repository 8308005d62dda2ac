using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR;
using Telemed.BuildingBlocks.Access;
using Telemed.Modules.Identity.Accounts;

namespace Telemed.Modules.Identity.Sessions;

internal static class SessionPrincipal
{
    public const string Stage = "telemed:stage";
    public const string FullStage = "full";
    public const string PasswordStage = "password";

    /// <summary>
    /// Roles are only claimed once the session is fully signed in: a staff member who has passed the
    /// password but not MFA holds no role and so reaches nothing but the MFA endpoints.
    /// </summary>
    public static ClaimsPrincipal Create(UserAccount user, UserSession session, string authenticationType) =>
        Create(user.Id, user.IsStaff, user.RoleNames, session.Id, session.MfaSatisfied, authenticationType);

    /// <summary>The same from what the session cache keeps of a bearer session's account.</summary>
    public static ClaimsPrincipal Create(BearerAccount account, UserSession session, string authenticationType) =>
        Create(account.UserId, account.IsStaff, account.Roles, session.Id, session.MfaSatisfied, authenticationType);

    /// <summary>The principal of a session: roles only once the session is fully signed in (see above).</summary>
    public static ClaimsPrincipal Create(Guid userId, bool isStaff, IReadOnlyList<string> roles, Guid sessionId, bool mfaSatisfied, string authenticationType)
    {
        var full = mfaSatisfied || !isStaff;
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, userId.ToString()),
            new(TelemedClaims.SessionId, sessionId.ToString()),
            new(Stage, full ? FullStage : PasswordStage),
        };
        if (full)
        {
            claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.NameIdentifier, ClaimTypes.Role));
    }

    public static Guid? SessionId(ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(TelemedClaims.SessionId), out var id) ? id : null;
}

/// <summary>Endpoint metadata: requests to this endpoint do not count as activity (e.g. polling the session state).</summary>
internal sealed class PassiveSessionCheck
{
    /// <summary>
    /// The request header a client sets on requests that no person caused (background refreshes, polling):
    /// any value marks the request as background, and it then checks the session without extending it.
    /// </summary>
    public const string BackgroundHeader = "X-Telemed-Background";

    /// <summary>
    /// Whether a request extends its session. Not for passive endpoints, not for requests marked as background
    /// (<see cref="BackgroundHeader"/>: only a person's actions keep a session alive), and not for hub transport
    /// requests (negotiate, the WebSocket upgrade, long-polling and SSE polls): those come from an open connection by
    /// themselves; inside a connection, only hub methods marked as activity extend it (<see cref="SessionHubFilter"/>).
    /// </summary>
    public static bool CountsAsActivity(HttpContext http)
    {
        if (IsBackground(http.Request))
        {
            return false;
        }

        var metadata = http.GetEndpoint()?.Metadata;
        return metadata is null || (metadata.GetMetadata<PassiveSessionCheck>() is null && metadata.GetMetadata<HubMetadata>() is null);
    }

    /// <summary>A request the client marked as made in the background (<see cref="BackgroundHeader"/> present).</summary>
    public static bool IsBackground(HttpRequest request) => request.Headers.ContainsKey(BackgroundHeader);
}
