using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using Telemed.BuildingBlocks.Auditing;

namespace Telemed.Host.Platform;

/// <summary>
/// Audits the refusals an endpoint's policy makes before any handler runs, which no handler can record: an <c>access.denied</c> entry
/// with outcome <c>denied</c> and why ("not in role: Admin required", "not signed in: …"). Who and from where are completed by
/// <see cref="AuditMiddleware"/>, which writes the entry before the 401/403 answer starts. The answer itself is the default one
/// (the session schemes' 401 <c>auth.required</c> / 403 <c>forbidden</c> ProblemDetails).
/// <list type="bullet">
/// <item>A route that names records (GUIDs in the address: a doctor asking a patient-only route for a patient's dependent, a front
/// desk user asking for a payment's refund) gets one entry per record: type <see cref="RequestedRecordType"/>, the GUID as the
/// record, the route's template in the reason. Every refused access to a record is recorded as denied (docs/security.md).</item>
/// <item>A route that names none gets one entry: type <see cref="EndpointType"/>, <c>METHOD template</c> as the record.</item>
/// </list>
/// A signed-in caller refused (403) is always audited. A caller without a session (401) only where the policy requires a role:
/// a missing or expired session on an endpoint any signed-in user may call is routine (the web app's polling after an idle
/// sign-out), not an attempt at someone else's powers.
/// </summary>
public sealed class AuditedAuthorizationRefusals : IAuthorizationMiddlewareResultHandler
{
    public const string EndpointType = "Endpoint";

    public const string RequestedRecordType = "RequestedRecord";

    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        // Every request passes here; the policy's roles are looked at only for a refusal.
        if (!authorizeResult.Forbidden && !authorizeResult.Challenged)
        {
            return _default.HandleAsync(next, context, policy, authorizeResult);
        }

        var roles = policy.Requirements.OfType<RolesAuthorizationRequirement>().SelectMany(r => r.AllowedRoles).Distinct().ToList();
        if ((authorizeResult.Forbidden || (authorizeResult.Challenged && roles.Count > 0)) && context.RequestServices.GetService<AuditScope>() is { } audit)
        {
            var endpoint = $"{context.Request.Method} {ErrorHandling.RouteTemplateOf(context)}";
            var why = (authorizeResult.Challenged ? "not signed in" : roles.Count > 0 ? "not in role" : "not allowed")
                + (roles.Count > 0 ? $": {string.Join(" or ", roles)} required" : "");
            var records = context.Request.RouteValues.Values.OfType<string>().Select(v => Guid.TryParse(v, out var id) ? id : (Guid?)null)
                .OfType<Guid>().Distinct().ToList();
            foreach (var record in records)
            {
                audit.Record(AuditActions.AccessDenied, AuditOutcome.Denied, RequestedRecordType, record.ToString(), $"{why} ({endpoint})");
            }

            if (records.Count == 0)
            {
                audit.Record(AuditActions.AccessDenied, AuditOutcome.Denied, EndpointType, endpoint, why);
            }
        }

        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
