using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Telemed.BuildingBlocks.Time;

namespace Telemed.BuildingBlocks.Caching;

/// <summary>
/// One row of a module's <c>reference_versions</c> table: <see cref="Version"/> counts the statements that changed the
/// reference data called <see cref="Name"/> (e.g. <c>rules</c>). Database triggers on the underlying tables raise it in the
/// writer's own transaction, so every writer counts: the host's use cases, another host, the CLI, an operator's SQL.
/// </summary>
public sealed class ReferenceVersion
{
    /// <summary>The reference data's name (at most 32 characters), the same as the module's triggers pass.</summary>
    public string Name { get; init; } = "";

    /// <summary>Raised by one on every statement that wrote the data; only its changes matter, never its value.</summary>
    public long Version { get; init; }
}

public static class ReferenceVersionModel
{
    /// <summary>Maps <see cref="ReferenceVersion"/> to the module's <c>reference_versions</c> table (a migration of the module creates it and its triggers).</summary>
    public static void MapReferenceVersions(this ModelBuilder modelBuilder) =>
        modelBuilder.Entity<ReferenceVersion>(b =>
        {
            b.ToTable("reference_versions");
            b.HasKey(v => v.Name);
            b.Property(v => v.Name).HasMaxLength(32);
        });
}

/// <summary>
/// Watches a module's <see cref="ReferenceVersion"/>s once a second and tells the module which reference data changed, so it can
/// clear its host-local caches (<see cref="ReferenceCache{TKey,TValue}"/>). The module's own writes still clear at once after their
/// commit (and tell the other hosts through the cluster signals); this watch is what bounds staleness for every other writer
/// (another host whose signal was lost, the CLI, SQL run by hand) to about <see cref="Interval"/>, without a lifetime short enough
/// to send a busy host back to the database for every doctor every 30 s.
/// </summary>
/// <remarks>
/// The triggers raise the version in the writer's transaction, so a reader sees the new version only once the change is
/// committed: a clear that follows it can never be undone by a load that read the old rows (<see cref="ReferenceCache{TKey,TValue}.Clear"/>
/// makes loads started before it discard their results, and loads started after it read the committed rows). The first poll
/// clears everything (changes may have committed since the caches were filled); a failed poll changes nothing and the next
/// one compares against the last versions seen. A poll that fails because the host is stopping, or the wait for the next poll
/// cancelled by it, ends the watch without a word.
/// </remarks>
public abstract class ReferenceVersionWatch<TContext>(IServiceProvider services, ILogger logger) : BackgroundService
    where TContext : DbContext
{
    /// <summary>How often the versions are read (one small query per module).</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private Dictionary<string, long>? _seen;
    private bool _failing;

    /// <summary>Clears this host's copies of the reference data called <paramref name="name"/> (runs on the watch's thread).</summary>
    protected abstract void Changed(string name);

    /// <summary>Reads the versions once and reports what changed since the last read; the whole loop of <see cref="ExecuteAsync"/>, exposed for tests.</summary>
    public async Task PollAsync(CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var now = await db.Set<ReferenceVersion>().AsNoTracking().ToDictionaryAsync(v => v.Name, v => v.Version, StringComparer.Ordinal, ct);
        foreach (var (name, version) in now)
        {
            if (_seen is null || !_seen.TryGetValue(name, out var before) || before != version)
            {
                Changed(name);
            }
        }

        _seen = now;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await PollAsync(stoppingToken);
                if (_failing)
                {
                    _failing = false;
                    logger.LogInformation("Reference data versions of {Context} are read again", typeof(TContext).Name);
                }
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                // The host is stopping: a poll cut short by it (cancelled, or its services disposed under it) is no outage.
                return;
            }
            catch (Exception ex)
            {
                // Logged once per outage, not once a second; the caches' own lifetime still bounds what they serve meanwhile.
                if (!_failing)
                {
                    _failing = true;
                    logger.LogWarning("Reference data versions of {Context} could not be read: {Error}", typeof(TContext).Name, ex.GetType().Name);
                }
            }
        }
        while (await timer.NextTickOrStopAsync(stoppingToken).ConfigureAwait(false));
    }
}
