using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telemed.BuildingBlocks.Events;
using Telemed.BuildingBlocks.Security;

namespace Telemed.Modules.Identity.Sessions;

/// <summary>
/// Closes hub connections whose session has ended without a request noticing: idle past the timeout (a
/// connection that only receives never extends its session), past the absolute lifetime, or ended by another
/// host. Each pass looks only at the sessions holding a connection on this host.
/// </summary>
internal sealed class IdleConnectionSweep(IServiceProvider services, FieldEncryption encryption, HubConnectionRegistry registry,
    IOptions<IdleSessionOptions> options, ILogger<IdleConnectionSweep> logger) : PeriodicWorker(services, encryption, logger)
{
    private const int Batch = 500;

    protected override TimeSpan Interval => options.Value.ConnectionSweepInterval;

    protected override async Task RunPassAsync(IServiceProvider scope, CancellationToken ct)
    {
        var sessions = scope.GetRequiredService<SessionService>();
        foreach (var chunk in registry.OpenSessions().Chunk(Batch))
        {
            // Read again from the database (ended on another host?); ending one that idled out closes its connections too.
            foreach (var ended in await sessions.RecheckAsync(chunk, ct))
            {
                registry.CloseSession(ended);
            }
        }
    }
}
