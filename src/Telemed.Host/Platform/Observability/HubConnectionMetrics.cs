using Microsoft.AspNetCore.SignalR;
using Telemed.BuildingBlocks.Telemetry;

namespace Telemed.Host.Platform.Observability;

/// <summary>Counts open connections per hub (<c>telemed.hub.connections</c>), for every hub in one place.</summary>
public sealed class HubConnectionMetrics : IHubFilter
{
    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        await next(context);
        // Counted only once the hub accepted the connection (its OnConnectedAsync may refuse it).
        TelemedMetrics.HubConnections.Add(1, Hub(context));
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        try
        {
            await next(context, exception);
        }
        finally
        {
            TelemedMetrics.HubConnections.Add(-1, Hub(context));
        }
    }

    private static KeyValuePair<string, object?> Hub(HubLifetimeContext context) => new("hub", context.Hub.GetType().Name);
}
