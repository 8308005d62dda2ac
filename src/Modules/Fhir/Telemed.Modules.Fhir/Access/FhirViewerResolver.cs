using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Telemed.BuildingBlocks.Access;
using Telemed.Modules.Fhir.Scopes;
using Telemed.Modules.Identity.Contracts;

namespace Telemed.Modules.Fhir.Access;

/// <summary>
/// Who asks the FHIR API: the holder of a SMART-style token (<see cref="SmartTokens"/>, <c>Authorization: Bearer smart.…</c>) with
/// its scope and the account's current roles, while the session that asked for the token is alive, else the request's principal, signed in and past MFA (the same
/// <see cref="Policies.SignedIn"/> policy as <c>/api/v1</c>), which is <c>user/*.read</c>. Null when nobody (valid) is signed in.
/// </summary>
internal sealed class FhirViewerResolver(IAuthorizationService authorization, SmartTokens tokens, IIdentityModule identity, ISessionStatus sessions)
{
    public async Task<FhirViewer?> ResolveAsync(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer " + SmartTokens.Prefix, StringComparison.OrdinalIgnoreCase))
        {
            if (tokens.Read(header["Bearer ".Length..].Trim()) is not var (tokenUser, tokenSession, tokenPatient)
                || !await sessions.IsActiveAsync(tokenSession, http.RequestAborted)
                || !(await identity.GetAccountCardsAsync([tokenUser], http.RequestAborted)).TryGetValue(tokenUser, out var account))
            {
                return null;
            }

            return new FhirViewer(tokenUser, account.Roles.Where(Roles.IsKnown).ToHashSet(StringComparer.Ordinal), tokenPatient);
        }

        var user = http.User;
        if (user.Identity?.IsAuthenticated != true || !(await authorization.AuthorizeAsync(user, Policies.SignedIn)).Succeeded
            || !Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            return null;
        }

        var roles = Roles.All.Where(user.IsInRole).ToHashSet(StringComparer.Ordinal);
        return new FhirViewer(userId, roles, null) { SessionId = Guid.TryParse(user.FindFirstValue(TelemedClaims.SessionId), out var sessionId) ? sessionId : null };
    }
}
