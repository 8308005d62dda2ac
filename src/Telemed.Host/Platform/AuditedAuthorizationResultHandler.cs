using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Telemed.BuildingBlocks.Auditing;

namespace Telemed.Host.Platform;

/// <summary>
/// Puts a signed-in caller whom an endpoint's policy refuses (403 before any handler runs) in the trail when the request named
/// a record: one <c>access.denied</c> entry per GUID in the route (record type <see cref="RecordType"/>, the route's template in the
/// reason, which holds no values). Handlers record their own refusals (not a participant, no care relationship); without this, a
/// doctor asking a patient-only route for a patient's dependent or lab order left no trace at all, although every refused access
/// to a PHI-bearing record is to be recorded (docs/security.md). Requests that name no record (a patient opening an admin list) are refused without an entry, as before.
/// </summary>
public sealed class AuditedAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    /// <summary>What the entries name: a record asked for by its id in the address, of whatever kind the route serves.</summary>
    public const string RecordType = "RequestedRecord";

    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && context.User.Identity?.IsAuthenticated == true
            && context.RequestServices.GetService<AuditScope>() is { } audit)
        {
            var why = $"not allowed for this role ({TemplateOf(context)})";
            foreach (var (_, value) in context.Request.RouteValues)
            {
                if (value is string text && Guid.TryParse(text, out var id))
                {
                    audit.RecordDenied(RecordType, id, why);
                }
            }
        }

        return _default.HandleAsync(next, context, policy, authorizeResult);
    }

    /// <summary>The route's template without constraints ("/api/v1/me/dependents/{id}"): fixed text, never the request's values.</summary>
    private static string TemplateOf(HttpContext context) =>
        ((context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unknown route").Replace(":guid", "", StringComparison.Ordinal);
}
