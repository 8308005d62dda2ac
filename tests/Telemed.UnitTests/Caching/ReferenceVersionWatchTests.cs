using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Telemed.BuildingBlocks.Caching;

namespace Telemed.UnitTests.Caching;

/// <summary>
/// The watch of a module's reference data versions, driven as a host drives it: a poll that fails because the host is stopping
/// under it ends the watch without a warning; a poll that fails while the host runs is still said (once per outage).
/// </summary>
public sealed class ReferenceVersionWatchTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly SqliteConnection _database = new("Data Source=:memory:");
    private readonly ManualResetEventSlim _release = new();
    private readonly TaskCompletionSource _secondPoll = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ListLogger _log = new();
    private int _polls;

    [Fact]
    public async Task Given_a_poll_in_flight_When_the_host_stops_and_the_poll_then_meets_its_disposed_services_Then_nothing_is_logged()
    {
        var watch = Build();
        await watch.StartAsync(CancellationToken.None);
        await _secondPoll.Task.WaitAsync(Patience);

        var stopped = watch.StopAsync(CancellationToken.None);
        _release.Set();
        await stopped.WaitAsync(Patience);

        _log.Lines.ShouldBeEmpty();
        watch.ExecuteTask!.IsCompletedSuccessfully.ShouldBeTrue();
    }

    [Fact]
    public async Task Given_the_host_running_When_a_poll_fails_Then_a_warning_names_the_exception_type()
    {
        var watch = Build();
        await watch.StartAsync(CancellationToken.None);
        await _secondPoll.Task.WaitAsync(Patience);

        _release.Set();
        for (var waited = TimeSpan.Zero; _log.Lines.IsEmpty && waited < Patience; waited += TimeSpan.FromMilliseconds(20))
        {
            await Task.Delay(20);
        }

        await watch.StopAsync(CancellationToken.None).WaitAsync(Patience);
        _log.Lines.ShouldBe(["Warning Reference data versions of VersionsContext could not be read: ObjectDisposedException"]);
    }

    public void Dispose()
    {
        _release.Set();
        _database.Dispose();
        _release.Dispose();
    }

    /// <summary>
    /// A watch whose first poll reads an empty versions table, and whose second (a second later, off the starting thread) waits
    /// for <see cref="_release"/> and then finds the services disposed.
    /// </summary>
    private Watch Build()
    {
        _database.Open();
        var options = new DbContextOptionsBuilder<VersionsContext>().UseSqlite(_database).Options;
        using (var setup = new VersionsContext(options))
        {
            setup.Database.EnsureCreated();
        }

        var services = new ServiceCollection().AddScoped(_ =>
        {
            if (Interlocked.Increment(ref _polls) == 1)
            {
                return new VersionsContext(options);
            }

            _secondPoll.TrySetResult();
            _release.Wait();
            throw new ObjectDisposedException(nameof(IServiceProvider));
        }).BuildServiceProvider();
        return new Watch(services, _log);
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

    private sealed class ListLogger : ILogger
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Enqueue($"{logLevel} {formatter(state, exception)}");
    }
}
