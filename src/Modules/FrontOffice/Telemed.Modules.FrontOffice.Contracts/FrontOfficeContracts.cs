using Telemed.BuildingBlocks.Events;

namespace Telemed.Modules.FrontOffice.Contracts;

/// <summary>Who wrote a message in a clinic–patient thread.</summary>
public enum ClinicMessageAuthor { Clinic, Patient }

/// <summary>
/// A message was added to the thread between the clinic (front desk) and a patient. Carries ids only, never the
/// text: notifications say "you have a message" and link to the portal.
/// </summary>
public sealed record ClinicMessageSent(Guid MessageId, Guid PatientId, Guid PatientUserId, ClinicMessageAuthor Author, DateTime SentAt) : IntegrationEvent, IDomainEvent;

/// <summary>The front desk asked a doctor to review a patient's record (the doctor's task list); ids only.</summary>
public sealed record ReviewFlagRaised(Guid FlagId, Guid PatientId, Guid DoctorUserId, DateTime RaisedAt) : IntegrationEvent, IDomainEvent;
