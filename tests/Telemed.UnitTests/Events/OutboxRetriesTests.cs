using Telemed.BuildingBlocks.Events;

namespace Telemed.UnitTests.Events;

/// <summary>The same retry rules whichever way a message travelled (in process, or through the broker).</summary>
public sealed class OutboxRetriesTests
{
    private const string EventType = "Telemed.Modules.Identity.Contracts.PatientRegistered";
    private static readonly DateTime Created = new(2026, 3, 4, 5, 6, 7, DateTimeKind.Utc);
    private static readonly DateTime Now = Created.AddMinutes(1);

    private static OutboxMessage Row(int attempts = 0) => new() { Id = Guid.NewGuid(), EventType = EventType, Payload = "sealed", CreatedAt = Created, Attempts = attempts };

    private static FailedHandler Failed(Type handler, Exception error) => new(OutboxRetries.RetryEventType(EventType, handler), handler.Name, error);

    [Fact]
    public void In_process_a_delivered_message_is_processed_with_its_attempt_counted_and_no_retry()
    {
        var row = Row(attempts: 2);
        row.LastError = "Old";

        var retries = OutboxRetries.AfterInProcessDelivery(row, new DeliveryResult(DeliveryStatus.Delivered, EventType, "PatientRegistered", null, []), Now);

        retries.ShouldBeEmpty();
        row.ProcessedAt.ShouldBe(Now);
        row.Attempts.ShouldBe(3);
        row.LastError.ShouldBeNull();
    }

    [Fact]
    public void In_process_a_message_whose_handlers_all_failed_stays_pending_with_the_error_type()
    {
        var row = Row(attempts: 1);
        var error = new TimeoutException("may carry PHI");

        var retries = OutboxRetries.AfterInProcessDelivery(row, new DeliveryResult(DeliveryStatus.Failed, EventType, "PatientRegistered", error, [Failed(typeof(string), error)]), Now);

        retries.ShouldBeEmpty();
        row.ProcessedAt.ShouldBeNull();
        row.Attempts.ShouldBe(2);
        row.LastError.ShouldBe(nameof(TimeoutException));
        row.NextAttemptAt.ShouldBe(Now + TimeSpan.FromSeconds(2), "the second failure waits twice the first wait");
    }

    [Fact]
    public void Each_failure_waits_twice_as_long_as_the_one_before_up_to_thirty_minutes_so_an_outage_of_two_hours_is_waited_out()
    {
        Enumerable.Range(1, 6).Select(OutboxRetries.Backoff).ShouldBe([.. new[] { 1, 2, 4, 8, 16, 32 }.Select(s => TimeSpan.FromSeconds(s))]);
        OutboxRetries.Backoff(12).ShouldBe(TimeSpan.FromMinutes(30));
        OutboxRetries.Backoff(int.MaxValue).ShouldBe(TimeSpan.FromMinutes(30));

        var waited = Enumerable.Range(1, OutboxRetries.MaxAttempts - 1).Aggregate(TimeSpan.Zero, (sum, attempt) => sum + OutboxRetries.Backoff(attempt));
        waited.ShouldBeGreaterThan(TimeSpan.FromHours(2));
        waited.ShouldBeLessThan(TimeSpan.FromHours(3));
    }

    [Fact]
    public void A_delivered_message_is_due_no_more_and_a_retry_row_waits_its_back_off()
    {
        var row = Row(attempts: 2);
        row.NextAttemptAt = Now;
        OutboxRetries.AfterInProcessDelivery(row, new DeliveryResult(DeliveryStatus.Delivered, EventType, "PatientRegistered", null, []), Now);
        row.NextAttemptAt.ShouldBeNull();

        var failed = Failed(typeof(Uri), new InvalidOperationException());
        var retry = OutboxRetries.AfterInProcessDelivery(Row(attempts: 0), new DeliveryResult(DeliveryStatus.PartlyFailed, EventType, "PatientRegistered", failed.Error, [failed]), Now)
            .ShouldHaveSingleItem();
        retry.NextAttemptAt.ShouldBe(Now + TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void In_process_a_partly_failed_message_is_processed_and_each_failing_handler_gets_its_own_retry_row()
    {
        var row = Row(attempts: 0);
        var failed = new[] { Failed(typeof(Uri), new InvalidOperationException()), Failed(typeof(Version), new TimeoutException()) };

        var retries = OutboxRetries.AfterInProcessDelivery(row, new DeliveryResult(DeliveryStatus.PartlyFailed, EventType, "PatientRegistered", failed[0].Error, failed), Now);

        row.ProcessedAt.ShouldBe(Now);
        retries.Select(r => r.EventType).ShouldBe([$"{EventType}#{typeof(Uri).FullName}", $"{EventType}#{typeof(Version).FullName}"]);
        retries.Select(r => r.LastError).ShouldBe([nameof(InvalidOperationException), nameof(TimeoutException)]);
        retries.ShouldAllBe(r => r.Payload == "sealed" && r.CreatedAt == Created && r.Attempts == 1 && r.ProcessedAt == null && r.Id != row.Id);
    }

    [Fact]
    public void Through_the_broker_a_message_whose_handlers_all_failed_comes_back_as_one_row_like_the_original()
    {
        var stored = $"{EventType}#{typeof(Uri).FullName}";
        var result = new DeliveryResult(DeliveryStatus.Failed, stored, "PatientRegistered", new FormatException(), []);

        var retry = OutboxRetries.AfterBrokeredDelivery(result, "sealed", Created, attempts: 4, Now).ShouldHaveSingleItem();

        retry.EventType.ShouldBe(stored);
        retry.Attempts.ShouldBe(4);
        retry.CreatedAt.ShouldBe(Created);
        retry.Payload.ShouldBe("sealed");
        retry.LastError.ShouldBe(nameof(FormatException));
        retry.ProcessedAt.ShouldBeNull();
        retry.NextAttemptAt.ShouldBe(Now + OutboxRetries.Backoff(4));
    }

    [Fact]
    public void Through_the_broker_only_the_failing_handlers_come_back_and_a_delivered_message_leaves_nothing()
    {
        var failed = Failed(typeof(Uri), new InvalidOperationException());
        OutboxRetries.AfterBrokeredDelivery(new DeliveryResult(DeliveryStatus.PartlyFailed, EventType, "PatientRegistered", failed.Error, [failed]), "sealed", Created, 2, Now)
            .ShouldHaveSingleItem().EventType.ShouldBe(failed.RetryEventType);
        OutboxRetries.AfterBrokeredDelivery(new DeliveryResult(DeliveryStatus.Delivered, EventType, "PatientRegistered", null, []), "sealed", Created, 2, Now).ShouldBeEmpty();
        OutboxRetries.AfterBrokeredDelivery(new DeliveryResult(DeliveryStatus.NoHandlers, EventType, "PatientRegistered", null, []), "sealed", Created, 2, Now).ShouldBeEmpty();
    }

    [Fact]
    public void A_retry_type_splits_back_into_event_and_handler_and_a_long_pair_is_hashed_to_fit_the_column()
    {
        OutboxRetries.Target(OutboxRetries.RetryEventType(EventType, typeof(Uri))).ShouldBe((EventType, typeof(Uri).FullName));
        OutboxRetries.Target(EventType).ShouldBe((EventType, (string?)null));

        // 200 + 1 + "System.Uri" fits the 256-character column; 250 + 1 + it does not.
        OutboxRetries.HandlerKey(new string('E', 200), typeof(Uri)).ShouldBe(typeof(Uri).FullName);
        var longEvent = new string('E', 250);
        var key = OutboxRetries.HandlerKey(longEvent, typeof(Uri));
        key.Length.ShouldBe(32);
        OutboxRetries.RetryEventType(longEvent, typeof(Uri)).ShouldBe($"{longEvent}#{key}");
        OutboxRetries.HandlerKey(longEvent, typeof(Version)).ShouldNotBe(key);
    }
}
