using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telemed.BuildingBlocks.Events;
using Telemed.BuildingBlocks.Security;
using Telemed.Modules.Identity.Infrastructure;

namespace Telemed.Modules.Identity.Sessions;

/// <summary>
/// Writes the last activity the <see cref="SessionCache"/> has seen to the database, for every session that has some,
/// in one transaction every <see cref="IdleSessionOptions.ActivityFlushInterval"/> (and once more when the host stops),
/// so that a request never pays a write for it. Then drops entries nobody needs.
/// </summary>
internal sealed class SessionActivityFlush(IServiceProvider services, FieldEncryption encryption, SessionCache cache,
    IOptions<IdleSessionOptions> options, ILogger<SessionActivityFlush> logger) : PeriodicWorker(services, encryption, logger)
{
    protected override TimeSpan Interval => options.Value.ActivityFlushInterval;

    protected override async Task RunPassAsync(IServiceProvider scope, CancellationToken ct)
    {
        var dirty = cache.Dirty().Select(e => (Entry: e, At: e.LastSeenAt)).ToList();
        if (dirty.Count > 0)
        {
            var db = scope.GetRequiredService<IdentityDbContext>();
            await using (var transaction = await db.Database.BeginTransactionAsync(ct))
            {
                foreach (var (entry, at) in dirty)
                {
                    // Never backwards, and never on an ended session.
                    await db.Sessions.Where(s => s.Id == entry.Snapshot.Id && s.EndedAt == null && s.LastSeenAt < at)
                        .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, at), ct);
                }

                await transaction.CommitAsync(ct);
            }

            foreach (var (entry, at) in dirty)
            {
                entry.MarkPersisted(at);
            }
        }

        cache.Trim();
    }

    /// <summary>A clean stop loses no activity.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await RunOnceAsync(CancellationToken.None);
    }
}
