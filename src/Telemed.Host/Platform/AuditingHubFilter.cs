using System.Security.Claims;
using Microsoft.AspNetCore.SignalR;
using Telemed.BuildingBlocks.Auditing;

namespace Telemed.Host.Platform;

/// <summary>
/// Hub invocations are units of work of their own (no HTTP request ends them): this writes what each one
/// audited, with who asked and from where, as the audit middleware does for requests, before the invocation's
/// result is sent. A write's records are not here: they commit with the write (ModuleDbContext).
/// </summary>
public sealed class AuditingHubFilter(IAuditTrail trail) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var scope = invocationContext.ServiceProvider.GetRequiredService<AuditScope>();
        var context = invocationContext.Context;
        (scope.ActorId, scope.ActorDisplay) = AuditMiddleware.Actor(context.User);

        scope.IpAddress = context.GetHttpContext()?.Connection.RemoteIpAddress?.ToString();
        var outcome = AuditOutcome.Success;
        try
        {
            return await next(invocationContext);
        }
        catch (HubException)
        {
            outcome = AuditOutcome.Denied;
            throw;
        }
        catch
        {
            outcome = AuditOutcome.Failure;
            throw;
        }
        finally
        {
            await scope.FlushAsync(trail, outcome, CancellationToken.None);
        }
    }
}
