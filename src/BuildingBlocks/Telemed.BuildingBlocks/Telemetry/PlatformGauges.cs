using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Telemed.BuildingBlocks.Time;

namespace Telemed.BuildingBlocks.Telemetry;

/// <summary>
/// A platform-wide level (patients waiting, consultations in progress, audit sealing lag) that a module reads from its
/// own data. <paramref name="Read"/> runs in a fresh scope at most every <see cref="PlatformGauges.RefreshInterval"/> and only
/// when the gauges were collected since its last run, never per scrape: a busy scraper cannot load the database, and a host
/// nobody collects from reads nothing. The value is the same on every host (it counts the shared database).
/// </summary>
/// <param name="Name">Instrument name, e.g. <c>telemed.waiting_room.patients</c>.</param>
/// <param name="Unit">UCUM unit, e.g. <c>{patient}</c> or <c>s</c>.</param>
/// <param name="Description">One line for the dashboard.</param>
/// <param name="Read">Reads the current value; a failure keeps the last value and is logged (type only: no values).</param>
public sealed record PlatformGauge(string Name, string Unit, string Description, Func<IServiceProvider, CancellationToken, Task<double>> Read);

/// <summary>
/// Refreshes every registered <see cref="PlatformGauge"/> in the background and exposes the cached values as observable gauges.
/// A refresh runs on the interval's tick only if a collector (a Prometheus scrape, an OTLP export) read the gauges since the
/// last one, so a collected value is at most two intervals old. The reads are not free (the outbox backlog counts every pending
/// row of every module), and under a benchmark's 1 s interval they were a tenth of the database's time while nothing read them.
/// </summary>
public sealed class PlatformGauges(IEnumerable<PlatformGauge> gauges, IServiceScopeFactory scopes, ILogger<PlatformGauges> logger) : BackgroundService
{
    /// <summary>How often levels are read; set by the host from <c>Observability:GaugeRefreshInterval</c>.</summary>
    public static TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(15);

    private static readonly ConcurrentDictionary<string, double> Values = new();
    private static readonly ConcurrentDictionary<string, object> Registered = new();

    // Collections of any gauge so far, process-wide like the instruments (hosts in one test process share them); each host
    // refreshes when it has changed since its own last refresh.
    private static long _collections;
    private long _refreshedAt = -1;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var all = gauges.ToList();
        foreach (var gauge in all)
        {
            // One instrument per name for the process (several hosts in one test process share the static meter).
            Registered.GetOrAdd(gauge.Name, name => TelemedMetrics.CreateGauge(name, gauge.Unit, gauge.Description, () =>
            {
                Interlocked.Increment(ref _collections);
                return Values.GetValueOrDefault(name);
            }));
        }

        using var timer = new PeriodicTimer(RefreshInterval);
        do
        {
            var collections = Interlocked.Read(ref _collections);
            if (collections != _refreshedAt)
            {
                _refreshedAt = collections;
                await RefreshAsync(all, stoppingToken);
            }
        }
        while (await timer.NextTickOrStopAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>Reads every gauge once now (tests call this instead of waiting for the timer).</summary>
    public Task RefreshNowAsync(CancellationToken ct = default) => RefreshAsync([.. gauges], ct);

    private async Task RefreshAsync(IReadOnlyList<PlatformGauge> all, CancellationToken ct)
    {
        foreach (var gauge in all)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                Values[gauge.Name] = await gauge.Read(scope.ServiceProvider, ct);
            }
            catch (Exception) when (ct.IsCancellationRequested)
            {
                // The host is stopping: a read cut short by it (cancelled, or its services disposed under it) is no failure.
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning("Gauge {Gauge} could not be read: {ErrorType}", gauge.Name, ex.GetType().Name);
            }
        }
    }
}

/// <summary>Registration of <see cref="PlatformGauge"/>s by modules.</summary>
public static class PlatformGaugeRegistration
{
    /// <summary>Adds a level the platform reports (see <see cref="PlatformGauge"/>).</summary>
    public static IServiceCollection AddPlatformGauge(this IServiceCollection services, PlatformGauge gauge) =>
        services.AddSingleton(gauge);
}
