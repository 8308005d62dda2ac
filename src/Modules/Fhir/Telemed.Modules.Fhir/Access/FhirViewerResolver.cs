using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Telemed.BuildingBlocks.Access;

namespace Telemed.Modules.Fhir.Access;

/// <summary>
/// Turns the request's principal into a <see cref="FhirViewer"/>: signed in and past MFA (the same <see cref="Policies.SignedIn"/>
/// policy as <c>/api/v1</c>), with the SMART scope of the token when it carries one (claim <see cref="ScopeClaim"/>, see
/// <see cref="Scopes"/>); null when nobody (valid) is signed in.
/// </summary>
internal sealed class FhirViewerResolver(IAuthorizationService authorization)
{
    /// <summary>The claim that names a patient-scoped token's patient (absent: the user's own access, <c>user/*.read</c>).</summary>
    public const string PatientScopeClaim = "telemed:fhir-patient";

    public const string ScopeClaim = "scope";

    public async Task<FhirViewer?> ResolveAsync(HttpContext http)
    {
        var user = http.User;
        if (user.Identity?.IsAuthenticated != true || !(await authorization.AuthorizeAsync(user, Policies.SignedIn)).Succeeded
            || !Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            return null;
        }

        var roles = Roles.All.Where(user.IsInRole).ToHashSet(StringComparer.Ordinal);
        var scopedPatient = Guid.TryParse(user.FindFirstValue(PatientScopeClaim), out var p) ? p : (Guid?)null;
        return new FhirViewer(userId, roles, scopedPatient);
    }
}
