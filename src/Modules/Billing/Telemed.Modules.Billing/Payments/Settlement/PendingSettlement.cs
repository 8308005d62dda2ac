namespace Telemed.Modules.Billing.Payments.Settlement;

/// <summary>
/// A visit's fate that reached billing before the visit's payment existed: the booking's event came after the cancellation's, the
/// completion's or the failure's (a retried billing handler, another host delivering a later batch first, or the consultations
/// module's outbox ahead of scheduling's). Kept until the payment is created, then applied to it as it would have been in order
/// (a late cancellation's fee, a completed visit's final amount, a failure's release), and removed. One per appointment and kind.
/// </summary>
internal sealed class PendingSettlement
{
    public const string CancelledKind = "cancelled";
    public const string CompletedKind = "completed";
    public const string FailedKind = "failed";

    public Guid AppointmentId { get; init; }

    /// <summary><see cref="CancelledKind"/>, <see cref="CompletedKind"/> or <see cref="FailedKind"/>.</summary>
    public required string Kind { get; init; }

    /// <summary>A cancellation's: by the patient, and inside the clinic's cutoff.</summary>
    public bool ByPatient { get; init; }

    public bool Late { get; init; }

    /// <summary>A completed visit's start and end, UTC.</summary>
    public DateTime? StartedAt { get; init; }

    public DateTime? EndedAt { get; init; }

    /// <summary>A failed consultation's camelCase reason (<c>doctorAbsent</c>, <c>patientAbsent</c>, …).</summary>
    public string? Reason { get; init; }

    /// <summary>When it arrived without a payment, UTC.</summary>
    public DateTime ParkedAt { get; init; }

    public static PendingSettlement Cancelled(Guid appointmentId, bool byPatient, bool late, DateTime now) =>
        new() { AppointmentId = appointmentId, Kind = CancelledKind, ByPatient = byPatient, Late = late, ParkedAt = now };

    public static PendingSettlement Completed(Guid appointmentId, DateTime startedAt, DateTime endedAt, DateTime now) =>
        new() { AppointmentId = appointmentId, Kind = CompletedKind, StartedAt = startedAt, EndedAt = endedAt, ParkedAt = now };

    public static PendingSettlement Failed(Guid appointmentId, string reason, DateTime now) =>
        new() { AppointmentId = appointmentId, Kind = FailedKind, Reason = reason, ParkedAt = now };
}
