using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Events;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Consultations.Contracts;
using Telemed.Modules.Consultations.Triage;

namespace Telemed.Modules.Consultations.Visits;

public enum ConsultationStatus { Scheduled, Waiting, InProgress, Completed, Failed }

public enum ConsultationOrigin { Booked, OnDemand }



public enum FailureReason { DoctorAbsent, TechnicalFailure, PatientAbsent, PatientLeft, EmergencyAdvised }

/// <summary>
/// One consultation: from the waiting room through the call to its end. The complaint and the notes are
/// encrypted at rest; the actual start and end are what billing charges for. Every transition is guarded here
/// and bumps <see cref="Version"/> (the concurrency token: of two simultaneous transitions only one is saved);
/// accepting raises <see cref="ConsultationStarted"/>, completing raises <see cref="ConsultationCompleted"/>.
/// </summary>
internal sealed class Consultation : AggregateRoot, IPhiRecord
{
    private Consultation()
    {
    }

    public Guid Id { get; private set; }
    public ConsultationOrigin Origin { get; private set; }
    public ConsultationKind Kind { get; private set; }
    public ConsultationStatus Status { get; private set; }
    public Guid PatientId { get; private set; }
    public Guid PatientUserId { get; private set; }
    public Guid? DoctorId { get; private set; }
    public Guid? DoctorUserId { get; private set; }
    public Guid? AppointmentId { get; private set; }
    public Guid? ClinicId { get; private set; }
    public string Specialty { get; private set; } = "";
    public TriageLevel Priority { get; private set; }
    public string TriageRuleCodes { get; private set; } = "";
    public string ComplaintJson { get; private set; } = "";
    public string ComplaintSummary { get; private set; } = "";
    public DateTime? ScheduledStart { get; private set; }
    public DateTime? WindowEnd { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? EnteredWaitingAt { get; private set; }
    public DateTime? StartedAt { get; private set; }
    public DateTime? EndedAt { get; private set; }
    public FailureReason? FailureReason { get; private set; }
    public string? FailureDetails { get; private set; }
    public string? Notes { get; private set; }
    public DateTime? NotesUpdatedAt { get; private set; }
    public bool Escalated { get; private set; }
    public DateTime? EscalatedAt { get; private set; }

    /// <summary>When the front desk last rang the patient back about this escalated request (UTC).</summary>
    public DateTime? CalledBackAt { get; private set; }

    /// <summary>When the front desk took the request off its escalation list (UTC); the patient keeps their place in the pool.</summary>
    public DateTime? EscalationDismissedAt { get; private set; }

    public int Version { get; private set; }

    public string AuditRecordType => "Consultation";
    public Guid AuditRecordId => Id;
    public Guid? AuditPatientId => PatientId;

    public int? DurationSeconds => StartedAt is { } s && EndedAt is { } e ? (int)Math.Round((e - s).TotalSeconds) : null;

    public bool IsParticipant(Guid userId) => userId == PatientUserId || (DoctorUserId is { } d && d == userId);

    public static Consultation ForAppointment(Guid appointmentId, Guid clinicId, Guid doctorId, Guid doctorUserId, string specialty, Guid patientId,
        Guid patientUserId, ConsultationKind kind, DateTime scheduledStart, DateTime windowEnd, DateTime now) => new()
    {
        Id = Guid.NewGuid(),
        Origin = ConsultationOrigin.Booked,
        Kind = kind,
        Status = ConsultationStatus.Scheduled,
        AppointmentId = appointmentId,
        ClinicId = clinicId,
        DoctorId = doctorId,
        DoctorUserId = doctorUserId,
        Specialty = specialty,
        PatientId = patientId,
        PatientUserId = patientUserId,
        ScheduledStart = scheduledStart,
        WindowEnd = windowEnd,
        CreatedAt = now,
        Priority = TriageLevel.Standard,
    };

    /// <summary>
    /// Demo seeding only (<see cref="IConsultationsModule.SeedDemoCompletedConsultationAsync"/>): a booked remote visit that already
    /// took place <paramref name="start"/>..<paramref name="end"/> (UTC), with the doctor's notes. It deliberately skips the waiting room
    /// and raises no events: nothing is charged or announced for a visit that never happened.
    /// </summary>
    internal static Consultation SeededCompletedForDemo(Guid appointmentId, Guid clinicId, Guid doctorId, Guid doctorUserId, string specialty, Guid patientId,
        Guid patientUserId, ConsultationKind kind, DateTime start, DateTime end, string notes)
    {
        var c = ForAppointment(appointmentId, clinicId, doctorId, doctorUserId, specialty, patientId, patientUserId, kind, start, end, start.AddDays(-7));
        c.Status = ConsultationStatus.Completed;
        c.EnteredWaitingAt = start.AddMinutes(-3);
        c.StartedAt = start;
        c.EndedAt = end;
        c.Notes = notes;
        c.NotesUpdatedAt = end;
        return c;
    }

    public static Consultation OnDemand(string specialty, Guid patientId, Guid patientUserId, ConsultationKind kind, DateTime now) => new()
    {
        Id = Guid.NewGuid(),
        Origin = ConsultationOrigin.OnDemand,
        Kind = kind,
        Status = ConsultationStatus.Scheduled,
        Specialty = specialty,
        PatientId = patientId,
        PatientUserId = patientUserId,
        CreatedAt = now,
        Priority = TriageLevel.Standard,
    };

    /// <summary>The form is kept with the consultation either way: it is part of the patient's record.</summary>
    public void RecordComplaint(string complaintJson, string summary, TriageResult triage)
    {
        ComplaintJson = complaintJson;
        ComplaintSummary = summary;
        Priority = triage.Level;
        TriageRuleCodes = string.Join(',', triage.FiredRules.Select(r => r.Code));
    }

    public Result EnterWaitingRoom(DateTime now)
    {
        if (Status == ConsultationStatus.Waiting)
        {
            return Result.Success;
        }

        if (Status != ConsultationStatus.Scheduled)
        {
            return ConsultationErrors.InvalidTransition(Status, "enter the waiting room");
        }

        Status = ConsultationStatus.Waiting;
        EnteredWaitingAt = now;
        Version++;
        return Result.Success;
    }

    /// <summary>Red flags: the patient is sent to the emergency services and the request never reaches a queue.</summary>
    public void DivertToEmergencyServices(DateTime now)
    {
        Status = ConsultationStatus.Failed;
        FailureReason = Visits.FailureReason.EmergencyAdvised;
        EndedAt = now;
        Version++;
    }

    /// <summary>
    /// A doctor takes the consultation: only a waiting one, and only one offered to them (a booked visit's own doctor,
    /// or any eligible doctor for an unassigned on-demand request). Errors: <c>consultation.already_taken</c> when another
    /// doctor has it, <c>consultation.not_waiting</c> when the patient is no longer waiting.
    /// </summary>
    public Result Accept(Guid doctorId, Guid doctorUserId, DateTime now)
    {
        if (DoctorUserId is { } assigned && assigned != doctorUserId)
        {
            return ConsultationErrors.AlreadyTaken;
        }

        if (Status != ConsultationStatus.Waiting)
        {
            return ConsultationErrors.NotWaiting;
        }

        Status = ConsultationStatus.InProgress;
        DoctorId = doctorId;
        DoctorUserId = doctorUserId;
        StartedAt = now;
        Version++;
        Raise(new ConsultationStarted(Id, doctorUserId, PatientId, now));
        return Result.Success;
    }

    /// <summary>The doctor ends a consultation in progress; billing and scheduling learn of it from <see cref="ConsultationCompleted"/>.</summary>
    public Result Complete(DateTime now)
    {
        if (Status != ConsultationStatus.InProgress)
        {
            return ConsultationErrors.InvalidTransition(Status, "complete");
        }

        Status = ConsultationStatus.Completed;
        EndedAt = now;
        Version++;
        Raise(new ConsultationCompleted(Id, AppointmentId, DoctorUserId!.Value, PatientId, Kind, StartedAt!.Value, now));
        return Result.Success;
    }

    public Result Fail(FailureReason reason, string? details, DateTime now)
    {
        if (Status is ConsultationStatus.Completed or ConsultationStatus.Failed)
        {
            return ConsultationErrors.InvalidTransition(Status, "fail");
        }

        if (reason == Visits.FailureReason.PatientLeft && Status is not (ConsultationStatus.Waiting or ConsultationStatus.Scheduled))
        {
            return ConsultationErrors.InvalidTransition(Status, "leave the queue");
        }

        Status = ConsultationStatus.Failed;
        FailureReason = reason;
        FailureDetails = string.IsNullOrWhiteSpace(details) ? null : details.Trim();
        EndedAt = now;
        Version++;
        var name = reason.ToString();
        Raise(new ConsultationFailed(Id, AppointmentId, PatientId, DoctorUserId, char.ToLowerInvariant(name[0]) + name[1..], now));
        return Result.Success;
    }

    public Result WriteNotes(string text, DateTime now)
    {
        if (Status is not (ConsultationStatus.InProgress or ConsultationStatus.Completed))
        {
            return ConsultationErrors.InvalidTransition(Status, "write notes");
        }

        Notes = text;
        NotesUpdatedAt = now;
        Version++;
        return Result.Success;
    }

    public void Escalate(DateTime now)
    {
        Escalated = true;
        EscalatedAt = now;
        Version++;
    }

    /// <summary>An escalated request the front desk may still act on: waiting, nobody has it, not dismissed.</summary>
    public bool IsOpenEscalation => Status == ConsultationStatus.Waiting && Escalated && DoctorUserId is null && EscalationDismissedAt is null;

    /// <summary>The front desk rang the patient. Error: <c>consultation.not_escalated</c> when it is no longer an open escalation.</summary>
    public Result MarkCalledBack(DateTime now)
    {
        if (!IsOpenEscalation)
        {
            return ConsultationErrors.NotEscalated;
        }

        CalledBackAt = now;
        Version++;
        return Result.Success;
    }

    /// <summary>
    /// The front desk hands an escalated request to one doctor (who must take its specialty: checked by the caller); it leaves
    /// the pool and waits in that doctor's own queue. Error: <c>consultation.not_escalated</c>.
    /// </summary>
    public Result AssignTo(Guid doctorId, Guid doctorUserId)
    {
        if (!IsOpenEscalation)
        {
            return ConsultationErrors.NotEscalated;
        }

        DoctorId = doctorId;
        DoctorUserId = doctorUserId;
        Version++;
        return Result.Success;
    }

    /// <summary>The front desk has dealt with it (e.g. booked a visit); it leaves their list. Error: <c>consultation.not_escalated</c>.</summary>
    public Result DismissEscalation(DateTime now)
    {
        if (!IsOpenEscalation)
        {
            return ConsultationErrors.NotEscalated;
        }

        EscalationDismissedAt = now;
        Version++;
        return Result.Success;
    }

    /// <summary>
    /// A chat consultation in progress becomes a video call once both have agreed. Error: <c>consultation.not_a_chat</c>
    /// when it is not a chat in progress.
    /// </summary>
    public Result SwitchToVideo()
    {
        if (Kind != ConsultationKind.Chat || Status != ConsultationStatus.InProgress)
        {
            return ConsultationErrors.NotAChat;
        }

        Kind = ConsultationKind.Video;
        Version++;
        return Result.Success;
    }
}
