using System.Diagnostics.Metrics;

namespace Telemed.BuildingBlocks.Telemetry;

/// <summary>
/// The platform's own instruments, on one meter named <see cref="MeterName"/> (the host exports it with OpenTelemetry).
/// Modules add to them where the event happens. Labels are low-cardinality words only (outcome, kind, channel, hub):
/// never an id, a name, an address or any other value that could identify a patient (docs/observability.md).
/// Static because the meter is process-wide anyway: the exporter listens to meters by name.
/// </summary>
public static class TelemedMetrics
{
    /// <summary>The meter's name, for <c>AddMeter</c>.</summary>
    public const string MeterName = "Telemed";

    private static readonly Meter Meter = new(MeterName, "1.0");

    /// <summary>
    /// Bucket upper bounds for a SQLite write turn, in seconds: 0.1 ms to 30 s (the gate's time-out). Without advice the exporter
    /// uses OpenTelemetry's defaults (0, 5, 10, 25 … 10,000), made for milliseconds: every write turn fell into the first bucket,
    /// so no percentile could be read from them.
    /// </summary>
    internal static readonly double[] WriteTurnBuckets = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    /// <summary>Bucket upper bounds for a patient's wait in the waiting room, in seconds: 15 s to 2 h.</summary>
    internal static readonly double[] WaitingRoomBuckets = [15, 30, 60, 120, 300, 600, 900, 1200, 1800, 2700, 3600, 5400, 7200];

    /// <summary>Bucket upper bounds for the saves or messages one group commit takes (at most 64, the batch limit of both).</summary>
    internal static readonly int[] GroupCommitBuckets = [1, 2, 4, 8, 16, 32, 64];

    /// <summary>Appointments booked (committed). Label <c>source</c>: <c>direct</c> or <c>waitlist</c>.</summary>
    public static readonly Counter<long> Bookings = Meter.CreateCounter<long>("telemed.bookings", "{booking}", "Appointments booked.");

    /// <summary>Appointments cancelled. Labels <c>by</c>: <c>patient</c> or <c>staff</c>; <c>late</c>: <c>true</c> or <c>false</c>.</summary>
    public static readonly Counter<long> Cancellations = Meter.CreateCounter<long>("telemed.cancellations", "{cancellation}", "Appointments cancelled.");

    /// <summary>Reminder deliveries. Labels <c>channel</c> (<c>email</c>, <c>sms</c>) and <c>outcome</c>: <c>sent</c> or <c>failed</c>.</summary>
    public static readonly Counter<long> Reminders = Meter.CreateCounter<long>("telemed.reminders", "{reminder}", "Appointment reminders sent or failed.");

    /// <summary>Chat messages sent (committed). Label <c>sender</c>: <c>patient</c> or <c>doctor</c>.</summary>
    public static readonly Counter<long> ChatMessages = Meter.CreateCounter<long>("telemed.chat.messages", "{message}", "Chat messages sent.");

    /// <summary>
    /// Messages saved per chat group commit (one transaction). Near 1 when senders rarely overlap; larger under load, when a
    /// transaction and its commit are shared by more messages.
    /// </summary>
    public static readonly Histogram<int> ChatGroupCommitMessages = Meter.CreateHistogram("telemed.chat.group_commit.messages", "{message}",
        "Chat messages saved together in one group commit.", tags: null, new InstrumentAdvice<int> { HistogramBucketBoundaries = GroupCommitBuckets });

    /// <summary>Open SignalR connections on this host. Label <c>hub</c>: the hub's class name.</summary>
    public static readonly UpDownCounter<long> HubConnections = Meter.CreateUpDownCounter<long>("telemed.hub.connections", "{connection}", "Open SignalR hub connections on this host.");

    /// <summary>Audit records appended (durable, not yet sealed). Label <c>path</c>: <c>own_commit</c> or <c>in_transaction</c>.</summary>
    public static readonly Counter<long> AuditAppends = Meter.CreateCounter<long>("telemed.audit.appends", "{record}", "Audit records appended to the trail.");

    /// <summary>Audit entries sealed into the hash chain.</summary>
    public static readonly Counter<long> AuditSealed = Meter.CreateCounter<long>("telemed.audit.sealed", "{record}", "Audit entries sealed into the hash chain.");

    /// <summary>How long a patient waited from entering the queue until a doctor took them, in seconds. Label <c>origin</c>: <c>booked</c> or <c>on_demand</c>.</summary>
    public static readonly Histogram<double> WaitingRoomWait = Meter.CreateHistogram("telemed.waiting_room.wait", "s",
        "Time from entering the waiting room to a doctor starting the consultation.", tags: null, new InstrumentAdvice<double> { HistogramBucketBoundaries = WaitingRoomBuckets });

    /// <summary>
    /// How long a SQLite writer waited for the process's write turn (<see cref="Data.SqliteWriteGate"/>), in seconds.
    /// Empty on PostgreSQL. Rising waits with short holds mean many writers; long holds mean slow transactions.
    /// </summary>
    public static readonly Histogram<double> SqliteWriteWait = Meter.CreateHistogram("telemed.db.sqlite.write_wait", "s",
        "Time a SQLite writer waited for the in-process write gate.", tags: null, new InstrumentAdvice<double> { HistogramBucketBoundaries = WriteTurnBuckets });

    /// <summary>How long a SQLite writer held the write turn, from entering the gate to its commit or rollback, in seconds.</summary>
    public static readonly Histogram<double> SqliteWriteHeld = Meter.CreateHistogram("telemed.db.sqlite.write_held", "s",
        "Time a SQLite writer held the in-process write gate.", tags: null, new InstrumentAdvice<double> { HistogramBucketBoundaries = WriteTurnBuckets });

    /// <summary>
    /// Insert-only saves written per SQLite group commit (one transaction and one lease of the write gate; ADR 0014). Near 1 when
    /// writers rarely overlap; larger under load. Empty on PostgreSQL.
    /// </summary>
    public static readonly Histogram<int> SqliteGroupCommitSaves = Meter.CreateHistogram("telemed.db.sqlite.group_commit.saves", "{save}",
        "Insert-only saves written together in one SQLite transaction.", tags: null, new InstrumentAdvice<int> { HistogramBucketBoundaries = GroupCommitBuckets });

    /// <summary>Payment state changes. Label <c>state</c>: the state entered (authorized, captured, refunded, failed, ...).</summary>
    public static readonly Counter<long> PaymentTransitions = Meter.CreateCounter<long>("telemed.payments.transitions", "{transition}", "Payment state changes, by the state entered.");

    /// <summary>Registers the platform's observable gauges (see <see cref="PlatformGauges"/>) on this meter.</summary>
    internal static ObservableGauge<double> CreateGauge(string name, string unit, string description, Func<double> read) =>
        Meter.CreateObservableGauge(name, read, unit, description);
}
