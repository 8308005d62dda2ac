using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Events;
using Telemed.BuildingBlocks.Security;

namespace Telemed.UnitTests.Events;

/// <summary>
/// A batch of outbox messages delivered at once: each handler keeps the order of events that share an ordering key (an
/// appointment's booking before its cancellation), while events with other keys, and other handlers, run side by side.
/// </summary>
public sealed class BatchDeliveryTests
{
    public sealed record Keyed(Guid Key, int Sequence) : IntegrationEvent
    {
        public override Guid? OrderingKey => Key;
    }

    public sealed record Unkeyed(Guid Key, int Sequence) : IntegrationEvent;

    /// <summary>Records what it saw, how many ran at once, and fails on request.</summary>
    public sealed class Log
    {
        private int _inFlight;

        public ConcurrentQueue<(string Handler, Guid Key, int Sequence)> Seen { get; } = new();

        public int MostAtOnce { get; private set; }

        public int FailSequence { get; set; } = -1;

        public async Task RunAsync(string handler, Guid key, int sequence)
        {
            var now = Interlocked.Increment(ref _inFlight);
            lock (this)
            {
                MostAtOnce = Math.Max(MostAtOnce, now);
            }

            await Task.Delay(15);
            Seen.Enqueue((handler, key, sequence));
            Interlocked.Decrement(ref _inFlight);
            if (sequence == FailSequence && handler == nameof(FirstHandler))
            {
                throw new InvalidOperationException("handler failed");
            }
        }
    }

    public sealed class FirstHandler(Log log) : IIntegrationEventHandler<Keyed>, IIntegrationEventHandler<Unkeyed>
    {
        public Task HandleAsync(Keyed e, CancellationToken cancellationToken) => log.RunAsync(nameof(FirstHandler), e.Key, e.Sequence);

        public Task HandleAsync(Unkeyed e, CancellationToken cancellationToken) => log.RunAsync(nameof(FirstHandler), e.Key, e.Sequence);
    }

    public sealed class SecondHandler(Log log) : IIntegrationEventHandler<Keyed>
    {
        public Task HandleAsync(Keyed e, CancellationToken cancellationToken) => log.RunAsync(nameof(SecondHandler), e.Key, e.Sequence);
    }

    public sealed record Booked(int Sequence) : IntegrationEvent
    {
        public override Guid? OrderingKey => EventId;
    }

    /// <summary>Takes Booked events as batches; a batch holding <see cref="FailSequence"/> throws, and so does that event alone.</summary>
    public sealed class BatchingHandler(BatchLog log) : IIntegrationEventBatchHandler<Booked>
    {
        public Task HandleAsync(Booked e, CancellationToken cancellationToken)
        {
            log.Singles.Enqueue(e.Sequence);
            return e.Sequence == log.FailSequence ? throw new InvalidOperationException("handler failed") : Task.CompletedTask;
        }

        public Task HandleAsync(IReadOnlyList<Booked> events, CancellationToken cancellationToken)
        {
            log.Batches.Enqueue([.. events.Select(e => e.Sequence)]);
            return events.Any(e => e.Sequence == log.FailSequence) ? throw new InvalidOperationException("batch failed") : Task.CompletedTask;
        }
    }

    public sealed class BatchLog
    {
        public ConcurrentQueue<int[]> Batches { get; } = new();

        public ConcurrentQueue<int> Singles { get; } = new();

        public int FailSequence { get; set; } = -1;
    }

    private static (IntegrationEventDelivery Delivery, BatchLog Log, FieldEncryption Encryption) BuildBatching()
    {
        var log = new BatchLog();
        var (delivery, encryption) = Deliver(services => services.AddSingleton(log).AddIntegrationEventHandler<Booked, BatchingHandler>());
        return (delivery, log, encryption);
    }

    [Fact]
    public async Task Given_a_handler_that_takes_batches_When_a_batch_is_delivered_Then_it_gets_all_the_events_at_once_in_order()
    {
        var (delivery, log, encryption) = BuildBatching();
        var events = Enumerable.Range(0, 12).Select(i => new Booked(i)).ToList();

        var results = await delivery.DeliverBatchAsync([.. events.Select(e => Stored(e, encryption))], CancellationToken.None);

        results.ShouldAllBe(r => r.Status == DeliveryStatus.Delivered);
        log.Batches.ShouldHaveSingleItem().ShouldBe(Enumerable.Range(0, 12));
        log.Singles.ShouldBeEmpty();
    }

    [Fact]
    public async Task Given_a_batch_that_fails_on_one_event_When_delivered_Then_each_event_is_run_alone_and_only_that_one_reports_the_failure()
    {
        var (delivery, log, encryption) = BuildBatching();
        log.FailSequence = 4;
        var events = Enumerable.Range(0, 6).Select(i => new Booked(i)).ToList();

        var results = await delivery.DeliverBatchAsync([.. events.Select(e => Stored(e, encryption))], CancellationToken.None);

        results[4].Status.ShouldBe(DeliveryStatus.Failed);
        results[4].FailedHandlers.Single().HandlerName.ShouldBe(nameof(BatchingHandler));
        results.Where((_, i) => i != 4).ShouldAllBe(r => r.Status == DeliveryStatus.Delivered);
        log.Batches.Count.ShouldBe(1);
        log.Singles.ShouldBe(Enumerable.Range(0, 6));
    }

    private sealed class NoTrail : IAuditTrail
    {
        public Task AppendAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }

    private static (IntegrationEventDelivery Delivery, Log Log, FieldEncryption Encryption) Build()
    {
        var log = new Log();
        var (delivery, encryption) = Deliver(services => services.AddSingleton(log)
            .AddIntegrationEventHandler<Keyed, FirstHandler>()
            .AddIntegrationEventHandler<Keyed, SecondHandler>()
            .AddIntegrationEventHandler<Unkeyed, FirstHandler>());
        return (delivery, log, encryption);
    }

    /// <summary>A delivery over the handlers <paramref name="register"/> adds, with what every handler's scope needs (clock, audit scope).</summary>
    private static (IntegrationEventDelivery Delivery, FieldEncryption Encryption) Deliver(Action<IServiceCollection> register)
    {
        var encryption = new FieldEncryption();
        encryption.Load([KeyValuePair.Create("k1", SHA256.HashData("k1"u8.ToArray()))], "k1", new byte[32]);
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<AuditScope>();
        services.AddSingleton<IAuditTrail, NoTrail>();
        register(services);
        var provider = services.BuildServiceProvider();
        return (new IntegrationEventDelivery(provider, provider.GetServices<IntegrationEventTypeRegistration>(), encryption), encryption);
    }

    private static (string, string) Stored(IntegrationEvent e, FieldEncryption encryption)
    {
        var message = OutboxMessage.From(e, encryption);
        return (message.EventType, message.Payload);
    }

    [Fact]
    public async Task Given_events_of_several_keys_When_delivered_as_a_batch_Then_each_handler_keeps_each_key_in_order_and_runs_keys_side_by_side()
    {
        var (delivery, log, encryption) = Build();
        // Keys in six different lanes (the lane is the key's hash modulo the lane count), so the test does not rest on chance.
        var keys = Enumerable.Range(0, 1000).Select(_ => Guid.NewGuid())
            .DistinctBy(k => (uint)k.GetHashCode() % IntegrationEventDelivery.LanesPerHandler).Take(6).ToList();
        // Three events per key, interleaved as a busy outbox would hold them.
        var events = Enumerable.Range(0, 18).Select(i => new Keyed(keys[i % 6], i)).ToList();

        var results = await delivery.DeliverBatchAsync([.. events.Select(e => Stored(e, encryption))], CancellationToken.None);

        results.ShouldAllBe(r => r.Status == DeliveryStatus.Delivered);
        foreach (var handler in new[] { nameof(FirstHandler), nameof(SecondHandler) })
        {
            var seen = log.Seen.Where(s => s.Handler == handler).ToList();
            seen.Count.ShouldBe(18);
            foreach (var key in keys)
            {
                var order = seen.Where(s => s.Key == key).Select(s => s.Sequence).ToList();
                order.ShouldBe([.. order.Order()]);
            }
        }

        log.MostAtOnce.ShouldBeGreaterThan(2);
    }

    [Fact]
    public async Task Given_events_without_a_key_When_delivered_as_a_batch_Then_the_handler_takes_them_one_at_a_time_in_order()
    {
        var (delivery, log, encryption) = Build();
        var events = Enumerable.Range(0, 8).Select(i => new Unkeyed(Guid.NewGuid(), i)).ToList();

        var results = await delivery.DeliverBatchAsync([.. events.Select(e => Stored(e, encryption))], CancellationToken.None);

        results.ShouldAllBe(r => r.Status == DeliveryStatus.Delivered);
        log.Seen.Select(s => s.Sequence).ShouldBe(Enumerable.Range(0, 8));
        log.MostAtOnce.ShouldBe(1);
    }

    [Fact]
    public async Task Given_one_handler_failing_on_one_event_When_delivered_as_a_batch_Then_only_that_event_reports_it_and_the_rest_are_delivered()
    {
        var (delivery, log, encryption) = Build();
        log.FailSequence = 3;
        var events = Enumerable.Range(0, 6).Select(i => new Keyed(Guid.NewGuid(), i)).ToList();

        var results = await delivery.DeliverBatchAsync([.. events.Select(e => Stored(e, encryption))], CancellationToken.None);

        results[3].Status.ShouldBe(DeliveryStatus.PartlyFailed);
        results[3].FailedHandlers.Single().HandlerName.ShouldBe(nameof(FirstHandler));
        results.Where((_, i) => i != 3).ShouldAllBe(r => r.Status == DeliveryStatus.Delivered);
        log.Seen.Count.ShouldBe(12);
    }
}
