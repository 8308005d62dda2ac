using Telemed.BuildingBlocks.Events;

namespace Telemed.Modules.Labs.Contracts;

/// <summary>A doctor ordered lab tests for a patient (UTC). Ids only.</summary>
public sealed record LabOrderPlaced(Guid OrderId, Guid PatientId, Guid DoctorUserId, DateTime OrderedAt) : IntegrationEvent, IDomainEvent;

/// <summary>
/// A partner lab's report arrived (UTC). <paramref name="CriticalValueCount"/> &gt; 0 means at least one value is
/// critically low or high (LL/HH) and the ordering doctor must be alerted at once. Ids and counts only, no values.
/// </summary>
public sealed record LabResultReceived(Guid ReportId, Guid OrderId, Guid PatientId, Guid DoctorUserId, int CriticalValueCount, DateTime ReceivedAt)
    : IntegrationEvent, IDomainEvent;

/// <summary>A lab report was released to the patient (UTC); <paramref name="Automatically"/> true when the auto-release rule did it. Ids only.</summary>
public sealed record LabResultReleased(Guid ReportId, Guid OrderId, Guid PatientId, Guid DoctorUserId, bool Automatically, DateTime ReleasedAt)
    : IntegrationEvent, IDomainEvent;

/// <summary>
/// The partner lab withdrew a report after it was stored (UTC): it is no longer a valid result. <paramref name="WasReleased"/> true when
/// the patient had already been shown it. The ordering doctor is told. Ids only.
/// </summary>
public sealed record LabResultWithdrawn(Guid ReportId, Guid OrderId, Guid PatientId, Guid DoctorUserId, bool WasReleased, DateTime WithdrawnAt)
    : IntegrationEvent, IDomainEvent;
