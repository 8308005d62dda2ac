using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telemed.BuildingBlocks.Security;
using Telemed.Modules.Identity.Sessions;

namespace Telemed.UnitTests.Identity;

/// <summary>
/// The last flush when a host stops: a stop that arrives after the host's services were disposed (a test host's second,
/// concurrent stop) must not reach for them and log a failed pass; activity that can no longer be written is said, not lost silently.
/// </summary>
public sealed class SessionActivityFlushTests
{
    [Fact]
    public async Task Given_nothing_left_to_write_When_a_stop_comes_after_the_services_were_disposed_Then_nothing_is_logged()
    {
        var (flush, _, log, provider) = Build();
        await provider.DisposeAsync();

        await flush.StopAsync(CancellationToken.None);

        log.Lines.ShouldBeEmpty();
    }

    [Fact]
    public async Task Given_activity_not_yet_written_When_the_services_were_disposed_before_the_stop_Then_a_warning_counts_it_and_no_error_is_logged()
    {
        var (flush, cache, log, provider) = Build();
        var entry = cache.Store(new UserSession { UserId = Guid.NewGuid(), CreatedAt = DateTime.UtcNow, LastSeenAt = DateTime.UtcNow }, null, cache.Generation);
        entry.Touch(DateTime.UtcNow.AddMinutes(1));
        await provider.DisposeAsync();

        await flush.StopAsync(CancellationToken.None);
        await flush.StopAsync(CancellationToken.None);

        log.Lines.ShouldHaveSingleItem().ShouldBe("Warning The host's services were disposed before the last session activity flush: the last activity of 1 sessions was not written.");
    }

    private static (SessionActivityFlush Flush, SessionCache Cache, ListLogger<SessionActivityFlush> Log, ServiceProvider Provider) Build()
    {
        var options = Options.Create(new IdleSessionOptions());
        var cache = new SessionCache(TimeProvider.System, options);
        var log = new ListLogger<SessionActivityFlush>();
        var provider = new ServiceCollection().BuildServiceProvider();
        var flush = new SessionActivityFlush(provider, provider.GetRequiredService<IServiceScopeFactory>(), new FieldEncryption(), cache, options, log);
        return (flush, cache, log, provider);
    }

    private sealed class ListLogger<T> : ILogger<T>
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Enqueue($"{logLevel} {formatter(state, exception)}");
    }
}
