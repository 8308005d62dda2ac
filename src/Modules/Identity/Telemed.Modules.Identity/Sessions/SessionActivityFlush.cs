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
/// <remarks>
/// A host can be stopped twice at once: a test host's factory stops it while the application's own <c>RunAsync</c>, told to
/// stop by the same signal, stops it too, and the factory disposes the services as soon as its stop returns. The last flush
/// therefore runs once, and every stop waits for that one: a later stop never reaches for the services again (it used to, and
/// logged an <see cref="ObjectDisposedException"/> as a failed pass whenever it came after the disposal).
/// </remarks>
internal sealed class SessionActivityFlush : PeriodicWorker
{
    private readonly IServiceScopeFactory _scopes;
    private readonly SessionCache _cache;
    private readonly IOptions<IdleSessionOptions> _options;
    private readonly ILogger<SessionActivityFlush> _logger;
    private readonly TaskCompletionSource _lastFlushDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _lastFlushStarted;

    public SessionActivityFlush(IServiceProvider services, IServiceScopeFactory scopes, FieldEncryption encryption, SessionCache cache,
        IOptions<IdleSessionOptions> options, ILogger<SessionActivityFlush> logger) : base(services, encryption, logger)
    {
        _scopes = scopes;
        _cache = cache;
        _options = options;
        _logger = logger;
    }

    protected override TimeSpan Interval => _options.Value.ActivityFlushInterval;

    protected override async Task RunPassAsync(IServiceProvider scope, CancellationToken ct)
    {
        // In one order on every host, so two hosts' flushes of the same sessions queue behind each other instead of deadlocking.
        var dirty = _cache.Dirty().Select(e => (Entry: e, At: e.LastSeenAt)).OrderBy(d => d.Entry.Snapshot.Id).ToList();
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

        _cache.Trim();
    }

    /// <summary>
    /// A clean stop loses no activity: the periodic passes end, then the last flush writes what is left (once, however many
    /// stops arrive; a stop that comes while it runs waits for it, or until <paramref name="cancellationToken"/> is cancelled).
    /// </summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (Interlocked.Exchange(ref _lastFlushStarted, 1) == 1)
        {
            await _lastFlushDone.Task.WaitAsync(cancellationToken);
            return;
        }

        try
        {
            await LastFlushAsync();
        }
        finally
        {
            _lastFlushDone.TrySetResult();
        }
    }

    /// <summary>
    /// The last pass, when there is something to write. If the services were disposed before it (a host disposed without
    /// being stopped first) the activity cannot be written any more, and the warning says how many sessions' activity went.
    /// </summary>
    private async Task LastFlushAsync()
    {
        var pending = _cache.Dirty().Count;
        if (pending == 0)
        {
            // Nothing to write: no scope is needed, so none is asked of services that may be going.
            _cache.Trim();
            return;
        }

        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            await RunPassAsync(scope.ServiceProvider, CancellationToken.None);
        }
        catch (ObjectDisposedException)
        {
            _logger.LogWarning("The host's services were disposed before the last session activity flush: the last activity of {Count} sessions was not written.", pending);
        }
        catch (Exception ex)
        {
            // The type only (no PHI), as a failed periodic pass is logged.
            _logger.LogError("The last session activity flush failed: {Error}", ex.GetType().Name);
        }
    }
}
