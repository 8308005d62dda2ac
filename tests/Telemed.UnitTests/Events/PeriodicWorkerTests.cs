using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Telemed.BuildingBlocks.Events;
using Telemed.BuildingBlocks.Security;

namespace Telemed.UnitTests.Events;

/// <summary>
/// The base of the modules' periodic jobs, driven as a host drives it (start, stop): a pass that fails because the host is
/// stopping under it is a quiet stop, not a logged failure; a pass that fails while the host runs is an error and the worker
/// goes on, a pass's own timeout (a cancellation the host did not ask for) included.
/// </summary>
public sealed class PeriodicWorkerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Given_a_pass_running_When_the_host_stops_and_the_pass_then_meets_its_disposed_services_Then_no_error_or_warning_is_logged()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (worker, log) = Build(async (pass, _) =>
        {
            // A pass that does not watch the token (a provider call in flight): it outlives the stop's cancellation.
            await release.Task;
            throw new ObjectDisposedException("IServiceProvider");
        });
        await worker.StartAsync(CancellationToken.None);
        await worker.Started(1).WaitAsync(Patience);

        var stopped = worker.StopAsync(CancellationToken.None);
        release.SetResult();
        await stopped.WaitAsync(Patience);

        log.Lines.Where(l => l.Level >= LogLevel.Warning).ShouldBeEmpty();
        log.Lines.ShouldContain(l => l.Level == LogLevel.Debug && l.Text == "StubWorker pass stopped with the host: ObjectDisposedException");
        worker.ExecuteTask!.IsCompletedSuccessfully.ShouldBeTrue();
    }

    [Fact]
    public async Task Given_a_pass_whose_query_is_cancelled_by_the_stop_When_the_host_stops_Then_no_error_is_logged_and_the_worker_ends_cleanly()
    {
        var (worker, log) = Build(async (pass, ct) => await Task.Delay(Timeout.InfiniteTimeSpan, ct));
        await worker.StartAsync(CancellationToken.None);
        await worker.Started(1).WaitAsync(Patience);

        await worker.StopAsync(CancellationToken.None).WaitAsync(Patience);

        log.Lines.Where(l => l.Level >= LogLevel.Warning).ShouldBeEmpty();
        worker.ExecuteTask!.IsCompletedSuccessfully.ShouldBeTrue();
    }

    [Fact]
    public async Task Given_the_host_running_When_a_pass_fails_Then_an_error_names_the_exception_type_and_the_next_pass_runs()
    {
        var (worker, log) = Build(async (pass, ct) =>
        {
            if (pass == 1)
            {
                throw new InvalidOperationException("a message that could name a patient");
            }

            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
        });
        await worker.StartAsync(CancellationToken.None);

        await worker.Started(2).WaitAsync(Patience);
        await worker.StopAsync(CancellationToken.None).WaitAsync(Patience);

        log.Lines.Where(l => l.Level >= LogLevel.Warning).ShouldBe([new LogLine(LogLevel.Error, "StubWorker pass failed: InvalidOperationException")]);
    }

    [Fact]
    public async Task Given_the_host_running_When_a_pass_times_out_by_itself_Then_it_is_an_error_and_the_worker_goes_on()
    {
        var (worker, log) = Build(async (pass, ct) =>
        {
            if (pass == 1)
            {
                // An HTTP call's or a command's own timeout: a cancellation nobody stopping the host asked for.
                throw new TaskCanceledException("timed out");
            }

            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
        });
        await worker.StartAsync(CancellationToken.None);

        await worker.Started(2).WaitAsync(Patience);
        await worker.StopAsync(CancellationToken.None).WaitAsync(Patience);

        log.Lines.Where(l => l.Level >= LogLevel.Warning).ShouldBe([new LogLine(LogLevel.Error, "StubWorker pass failed: TaskCanceledException")]);
        worker.ExecuteTask!.IsCompletedSuccessfully.ShouldBeTrue();
    }

    private static (StubWorker Worker, ListLogger Log) Build(Func<int, CancellationToken, Task> pass)
    {
        var encryption = new FieldEncryption();
        encryption.Load([KeyValuePair.Create("k1", SHA256.HashData("k1"u8.ToArray()))], "k1", new byte[32]);
        var log = new ListLogger();
        return (new StubWorker(new ServiceCollection().BuildServiceProvider(), encryption, log, pass), log);
    }

    private sealed record LogLine(LogLevel Level, string Text);

    /// <summary>Runs <c>pass(n, ct)</c> as its n-th pass, one a millisecond.</summary>
    private sealed class StubWorker(IServiceProvider services, FieldEncryption encryption, ILogger logger, Func<int, CancellationToken, Task> pass)
        : PeriodicWorker(services, encryption, logger)
    {
        private readonly ConcurrentDictionary<int, TaskCompletionSource> _started = new();
        private int _passes;

        protected override TimeSpan Interval => TimeSpan.FromMilliseconds(1);

        /// <summary>Completes when the n-th pass has begun.</summary>
        public Task Started(int n) => _started.GetOrAdd(n, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

        protected override Task RunPassAsync(IServiceProvider scope, CancellationToken ct)
        {
            var n = Interlocked.Increment(ref _passes);
            _started.GetOrAdd(n, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            return pass(n, ct);
        }
    }

    private sealed class ListLogger : ILogger
    {
        public ConcurrentQueue<LogLine> Lines { get; } = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Enqueue(new LogLine(logLevel, formatter(state, exception)));
    }
}
