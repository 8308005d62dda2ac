using Telemed.BuildingBlocks.Events;

namespace Telemed.Modules.Billing.Contracts;

/// <summary>The patient's card holds <paramref name="AmountMinor"/> (minor units of <paramref name="Currency"/>) for the visit; nothing is taken yet. <paramref name="At"/> is UTC.</summary>
public sealed record PaymentAuthorised(Guid PaymentId, Guid AppointmentId, Guid PatientId, Guid ClinicId, long AmountMinor, string Currency, DateTime At)
    : IntegrationEvent, IDomainEvent;

/// <summary>Money was taken: the visit's final amount or a fee (<paramref name="Reason"/>: <c>visit</c>, <c>lateCancellationFee</c>, <c>noShowFee</c>).</summary>
public sealed record PaymentCaptured(Guid PaymentId, Guid AppointmentId, Guid PatientId, Guid ClinicId, long AmountMinor, string Currency, string Reason, DateTime At)
    : IntegrationEvent, IDomainEvent;

/// <summary>
/// Money went back to the patient (<paramref name="Reason"/>: e.g. <c>doctorAbsent</c>, <c>technicalFailure</c>, <c>refundedByAdmin</c>).
/// <paramref name="ChargedFor"/> is what the refunded money had been taken for (<c>visit</c>, <c>lateCancellationFee</c>, <c>noShowFee</c>);
/// null in events written before it was added, which read as the visit.
/// </summary>
public sealed record PaymentRefunded(Guid PaymentId, Guid AppointmentId, Guid PatientId, Guid ClinicId, long AmountMinor, string Currency, string Reason, DateTime At,
    string? ChargedFor = null)
    : IntegrationEvent, IDomainEvent;

/// <summary>The hold on the card was released (or the payment was never made) and nothing was taken; <paramref name="AmountMinor"/> is what had been held.</summary>
public sealed record PaymentReleased(Guid PaymentId, Guid AppointmentId, Guid PatientId, Guid ClinicId, long AmountMinor, string Currency, string Reason, DateTime At)
    : IntegrationEvent, IDomainEvent;
