using System.Security.Claims;
using Telemed.BuildingBlocks.Auditing;

namespace Telemed.Host.Platform;

/// <summary>
/// Completes and writes the audit facts a request collected (PHI reads/writes from EF, sign-ins,
/// denials): who, from where, with the request's outcome. Handlers never write the trail themselves.
/// </summary>
public sealed class AuditMiddleware(RequestDelegate next, IAuditTrail trail)
{
    public async Task InvokeAsync(HttpContext context, AuditScope scope)
    {
        scope.IpAddress = context.Connection.RemoteIpAddress?.ToString();
        var failed = false;
        try
        {
            await next(context);
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            // The principal may change during the request (sign-in), so read it at the end.
            if (Guid.TryParse(context.User.FindFirstValue(ClaimTypes.NameIdentifier), out var actor))
            {
                scope.ActorId = actor;
                // Roles, not names: a patient's name is PHI and the trail is not encrypted.
                scope.ActorDisplay = string.Join(',', context.User.FindAll(ClaimTypes.Role).Select(c => c.Value));
            }

            var status = context.Response.StatusCode;
            var outcome = failed || status >= 500 ? AuditOutcome.Failure : status is 401 or 403 or 404 ? AuditOutcome.Denied : status >= 400 ? AuditOutcome.Failure : AuditOutcome.Success;
            await scope.FlushAsync(trail, outcome, CancellationToken.None);
        }
    }
}
