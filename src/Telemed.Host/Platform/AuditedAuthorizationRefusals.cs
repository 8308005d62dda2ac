using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using Telemed.BuildingBlocks.Auditing;

namespace Telemed.Host.Platform;

/// <summary>
/// Audits the refusals an endpoint's role policy makes before any handler runs (a doctor, the front desk or a patient calling an
/// administrator's refund; a caller without a session calling it): an <c>access.denied</c> entry with outcome <c>denied</c>, the
/// record type <c>Endpoint</c> and the route's template as the record (<c>POST /api/v1/admin/payments/{id:guid}/refund</c>: never
/// the values in the address), and why. Who and from where are completed by <see cref="AuditMiddleware"/>, which writes the entry
/// before the 401/403 answer starts. Only policies that require a role are audited: a missing or expired session on an endpoint any
/// signed-in user may call is routine (the web app's polling after an idle sign-out), not an attempt at someone else's powers.
/// The answer itself is the default one (the session schemes' 401 <c>auth.required</c> / 403 <c>forbidden</c> ProblemDetails).
/// </summary>
public sealed class AuditedAuthorizationRefusals : IAuthorizationMiddlewareResultHandler
{
    public const string RecordType = "Endpoint";

    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if ((authorizeResult.Challenged || authorizeResult.Forbidden)
            && policy.Requirements.OfType<RolesAuthorizationRequirement>().SelectMany(r => r.AllowedRoles).ToList() is { Count: > 0 } roles)
        {
            var why = authorizeResult.Challenged ? "not signed in" : "not in role";
            context.RequestServices.GetRequiredService<AuditScope>().Record(AuditActions.AccessDenied, AuditOutcome.Denied, RecordType,
                $"{context.Request.Method} {ErrorHandling.RouteTemplateOf(context)}", $"{why}: {string.Join(" or ", roles.Distinct())} required");
        }

        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
