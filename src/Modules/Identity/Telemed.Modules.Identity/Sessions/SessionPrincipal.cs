using System.Security.Claims;
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
    public static ClaimsPrincipal Create(UserAccount user, UserSession session, string authenticationType)
    {
        var full = session.MfaSatisfied || !user.IsStaff;
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString()),
            new(TelemedClaims.SessionId, session.Id.ToString()),
            new(Stage, full ? FullStage : PasswordStage),
        };
        if (full)
        {
            claims.AddRange(user.RoleNames.Select(r => new Claim(ClaimTypes.Role, r)));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.NameIdentifier, ClaimTypes.Role));
    }

    public static Guid? SessionId(ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(TelemedClaims.SessionId), out var id) ? id : null;
}

/// <summary>Endpoint metadata: requests to this endpoint do not count as activity (e.g. polling the session state).</summary>
internal sealed class PassiveSessionCheck;
