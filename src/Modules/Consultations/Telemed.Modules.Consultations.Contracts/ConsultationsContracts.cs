using Telemed.BuildingBlocks.Events;

namespace Telemed.Modules.Consultations.Contracts;

/// <summary>A doctor accepted a consultation: they now have a care relationship with the patient.</summary>
public sealed record ConsultationStarted(Guid ConsultationId, Guid DoctorUserId, Guid PatientId, DateTime StartedAt) : IntegrationEvent, IDomainEvent;

/// <summary>
/// A consultation ended; billing charges for the actual time between start and end (UTC instants); scheduling completes
/// the appointment it was booked as (<paramref name="AppointmentId"/>, null for on-demand requests).
/// </summary>
public sealed record ConsultationCompleted(Guid ConsultationId, Guid? AppointmentId, Guid DoctorUserId, Guid PatientId, ConsultationKind Kind,
    DateTime StartedAt, DateTime EndedAt) : IntegrationEvent, IDomainEvent;

/// <summary>
/// A consultation did not take place or broke off (UTC <paramref name="FailedAt"/>). <paramref name="Reason"/> is one of
/// <c>doctorAbsent</c>, <c>technicalFailure</c> (the clinic's side: billing refunds automatically), <c>patientAbsent</c>,
/// <c>patientLeft</c> (the patient's side) or <c>emergencyAdvised</c>. <paramref name="AppointmentId"/> is null for on-demand requests.
/// </summary>
public sealed record ConsultationFailed(Guid ConsultationId, Guid? AppointmentId, Guid PatientId, Guid? DoctorUserId, string Reason, DateTime FailedAt)
    : IntegrationEvent, IDomainEvent;

/// <summary>The consultations module's facade for the host (demo seeding).</summary>
public interface IConsultationsModule
{
    /// <summary>Puts a doctor on duty for their specialties, unless they have already chosen on or off themselves.</summary>
    Task EnsureOnDutyAsync(Guid doctorUserId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The consultation as clinical documentation needs it (who, where, what the patient wrote), or null for an unknown id.
    /// No access check: the caller decides who may see what it builds from this.
    /// </summary>
    Task<ConsultationRecord?> GetConsultationAsync(Guid consultationId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Demo seeding only, never reachable over HTTP: the completed remote consultation of a seeded past appointment, held
    /// <paramref name="startUtc"/>..<paramref name="endUtc"/> (UTC, in the past), with the doctor's notes. It deliberately bypasses the
    /// waiting room and raises no events (no charge, no notices for a visit that never happened).
    /// </summary>
    Task SeedDemoCompletedConsultationAsync(Guid appointmentId, Guid clinicId, Guid doctorId, Guid doctorUserId, string specialty, Guid patientId,
        Guid patientUserId, ConsultationKind kind, DateTime startUtc, DateTime endUtc, string notes, CancellationToken cancellationToken = default);

    /// <summary>
    /// Demo seeding: a patient (user id) asks for any on-duty doctor of <paramref name="specialty"/> through the same use case as
    /// "See a doctor now", with a complaint (body region code, severity 0–10, lasting days, the patient's words); the request waits in
    /// the specialty's pool. Returns false when the request was refused (unknown patient or specialty, or triage sent it to emergency care).
    /// </summary>
    Task<bool> SeedDemoOnDemandRequestAsync(Guid patientUserId, string specialty, ConsultationKind kind, string region, int severity, string description,
        CancellationToken cancellationToken = default);

    /// <summary>How many on-demand requests wait unaccepted in <paramref name="specialty"/>'s pool.</summary>
    Task<int> CountWaitingOnDemandAsync(string specialty, CancellationToken cancellationToken = default);
}

/// <summary>
/// A consultation for the visit protocol: its participants (user ids; <paramref name="DoctorUserId"/> null until accepted),
/// the clinic it belongs to when known, its status (camelCase name), UTC start/end, and the patient's complaint in their own
/// words (summary line, free-text description, triage priority name). The summary line is the system's wording of the form:
/// <paramref name="ComplaintSummary"/> in English, <paramref name="ComplaintSummaryRu"/> in Russian (empty when no form was
/// sent); <see cref="ComplaintSummaryIn"/> picks one for a language.
/// </summary>
public sealed record ConsultationRecord(Guid ConsultationId, Guid PatientId, Guid PatientUserId, Guid? DoctorUserId, Guid? ClinicId, Guid? AppointmentId,
    ConsultationKind Kind, string Status, DateTime? StartedAt, DateTime? EndedAt, string ComplaintSummary, string ComplaintDescription, string Priority,
    string ComplaintSummaryRu = "")
{
    /// <summary>The summary line for a reader or document of <paramref name="language"/> (<c>ru</c>, <c>ru-RU</c>, <c>en</c>…): Russian when asked and present, else English.</summary>
    public string ComplaintSummaryIn(string language) =>
        Telemed.BuildingBlocks.Text.LanguagePreference.IsRussian(language) && ComplaintSummaryRu.Length > 0 ? ComplaintSummaryRu : ComplaintSummary;
}

/// <summary>How a consultation is held; written by name in integration events.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Telemed.BuildingBlocks.Http.NamedEnumConverter<ConsultationKind>))]
public enum ConsultationKind { Video, Chat }
