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
    private static readonly object ConnectionActorKey = new();

    private sealed record ConnectionActor(Guid? Id, string? Display, string? IpAddress);

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var scope = invocationContext.ServiceProvider.GetRequiredService<AuditScope>();
        var context = invocationContext.Context;
        // Who and from where do not change for a connection's life (its user is fixed when it opens; a session that ends
        // closes it), so they are worked out once per connection rather than at every message.
        if (context.Items.TryGetValue(ConnectionActorKey, out var known) is false || known is not ConnectionActor actor)
        {
            var (id, display) = AuditMiddleware.Actor(context.User);
            actor = new ConnectionActor(id, display, context.GetHttpContext()?.Connection.RemoteIpAddress?.ToString());
            context.Items[ConnectionActorKey] = actor;
        }

        (scope.ActorId, scope.ActorDisplay, scope.IpAddress) = (actor.Id, actor.Display, actor.IpAddress);
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
