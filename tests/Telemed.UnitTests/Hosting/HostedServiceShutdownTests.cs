using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Telemed.BuildingBlocks.Caching;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Telemetry;

namespace Telemed.UnitTests.Hosting;

/// <summary>
/// The timer-driven hosted services (the reference-data watch, the platform gauges, the SQLite checkpointer) on a real generic
/// host whose start fails after they started, as when another process holds the web server's port: the host is disposed
/// without a stop, which cancels their waits for the next tick. The watch once let that OperationCanceledException out and the
/// host logged it as a crashed background service (fail, then crit) before the bind error. Only the failed start may be an
/// error; cancellation on shutdown says nothing.
/// </summary>
public sealed class HostedServiceShutdownTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"shutdown-{Guid.NewGuid():N}.db");
    private readonly ConcurrentQueue<(LogLevel Level, string Line)> _logs = new();

    [Fact]
    public async Task Given_the_timer_services_started_When_the_port_is_taken_and_the_failed_host_is_disposed_Then_only_the_bind_failure_is_an_error()
    {
        var host = Build(services => services.AddHostedService<TakenPort>());

        await Should.ThrowAsync<IOException>(() => host.StartAsync());
        // What Host.RunAsync does after a failed start: dispose, not stop.
        host.Dispose();
        await SettleAsync();

        Errors().Where(line => !line.EndsWith(" " + nameof(IOException), StringComparison.Ordinal)).ShouldBeEmpty();
        Errors().ShouldNotBeEmpty("the failed start itself is an error, and this harness sees it");
    }

    [Fact]
    public async Task Given_the_timer_services_running_When_the_host_stops_at_once_Then_nothing_is_logged_above_information()
    {
        var host = Build(_ => { });

        await host.StartAsync();
        await host.StopAsync();
        host.Dispose();
        await SettleAsync();

        _logs.Where(l => l.Level >= LogLevel.Warning).Select(l => l.Line).ShouldBeEmpty();
    }

    /// <summary>The control: a service that lets its timer's cancellation out, as the watch did, is logged as crashed by the same harness.</summary>
    [Fact]
    public async Task Given_a_service_that_lets_the_timer_cancellation_out_When_the_failed_host_is_disposed_Then_the_harness_sees_the_crash()
    {
        var host = Build(services =>
        {
            services.AddHostedService<LeakyTimer>();
            services.AddHostedService<TakenPort>();
        });

        await Should.ThrowAsync<IOException>(() => host.StartAsync());
        host.Dispose();
        await SettleAsync();

        Errors().ShouldContain(line => line.Contains(nameof(OperationCanceledException)));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _file, _file + "-wal", _file + "-shm" })
        {
            File.Delete(file);
        }
    }

    private List<string> Errors() => [.. _logs.Where(l => l.Level >= LogLevel.Error).Select(l => l.Line)];

    private static Task SettleAsync() => Task.Delay(TimeSpan.FromMilliseconds(1500));

    private IHost Build(Action<IServiceCollection> more)
    {
        var connectionString = $"Data Source={_file}";
        using (var setup = new VersionsContext(new DbContextOptionsBuilder<VersionsContext>().UseSqlite(connectionString).Options))
        {
            setup.Database.EnsureCreated();
            setup.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
        }

        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddProvider(new ListLoggerProvider(_logs));
        var services = builder.Services;
        services.AddDbContext<VersionsContext>(o => o.UseSqlite(connectionString));
        services.AddHostedService(sp => new Watch(sp, sp.GetRequiredService<ILogger<Watch>>()));
        services.AddSingleton(new PlatformGauge("shutdown.test", "{item}", "A gauge of the shutdown test.", (_, _) => Task.FromResult(1d)));
        services.AddHostedService<PlatformGauges>();
        services.AddSingleton(new DatabaseConnection(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = connectionString }, connectionString));
        services.AddSingleton(SqliteWriteGate.ForConnectionString(connectionString));
        services.AddHostedService<SqliteCheckpointer>();
        more(services);
        return builder.Build();
    }

    /// <summary>
    /// The web server's start when another process holds its port: it fails a moment after the other services started (the server
    /// builds its pipeline before it binds), by which time they run. (A host disposed within microseconds of a service's start could
    /// still find that service's task cancelled before it ran, since .NET 10 starts ExecuteAsync with Task.Run on the stopping token.)
    /// </summary>
    private sealed class TakenPort : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            throw new IOException("Failed to bind to address http://127.0.0.1:5000: address already in use.");
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>The watch's loop as it was: the tick's wait throws when the host stops.</summary>
    private sealed class LeakyTimer : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
            }
        }
    }

    private sealed class VersionsContext(DbContextOptions<VersionsContext> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.MapReferenceVersions();
    }

    private sealed class Watch(IServiceProvider services, ILogger logger) : ReferenceVersionWatch<VersionsContext>(services, logger)
    {
        protected override void Changed(string name)
        {
        }
    }

    private sealed class ListLoggerProvider(ConcurrentQueue<(LogLevel, string)> sink) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new ListLogger(sink, categoryName);

        public void Dispose()
        {
        }
    }

    private sealed class ListLogger(ConcurrentQueue<(LogLevel, string)> sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink.Enqueue((logLevel, $"{logLevel} {category}: {formatter(state, exception)} {exception?.GetType().Name}"));
    }
}
