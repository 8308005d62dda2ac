using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Consultations.Attachments;
using Telemed.Modules.Consultations.Calls;
using Telemed.Modules.Consultations.Chat;
using Telemed.Modules.Consultations.Complaints;
using Telemed.Modules.Consultations.Contracts;
using Telemed.Modules.Consultations.Infrastructure;
using Telemed.Modules.Consultations.Triage;
using Telemed.Modules.Consultations.WaitingRoom;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Scheduling.Contracts;

namespace Telemed.Modules.Consultations.Visits;

/// <summary>What asking to see a doctor led to: a place in a queue, or emergency advice and no queue.</summary>
internal sealed record Admission(Consultation Consultation, TriageResult Triage)
{
    public bool Admitted => !Triage.IsEmergency;
}

/// <summary>The consultation's use cases: entering the waiting room, on-demand requests, accepting, ending, failing, notes.</summary>
internal sealed class ConsultationService(ConsultationsDbContext db, ISchedulingModule scheduling, IDirectoryModule directory, WaitingRoomFeed feed,
    CallRoster calls, AuditScope audit, TimeProvider clock, IOptions<ConsultationsOptions> options)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<Result<Admission>> EnterForAppointmentAsync(Guid appointmentId, Guid patientUserId, ComplaintForm form, CancellationToken ct)
    {
        var appointment = await scheduling.GetAppointmentAsync(appointmentId, ct);
        if (appointment is null || appointment.PatientUserId != patientUserId)
        {
            return ConsultationErrors.AppointmentNotFound;
        }

        if (appointment.Kind is not ("video" or "chat"))
        {
            return ConsultationErrors.NotAVisitOnline;
        }

        var existing = await db.Consultations.FirstOrDefaultAsync(c => c.AppointmentId == appointmentId, ct);
        if (existing is null)
        {
            if (appointment.Status is not ("booked" or "confirmed" or "checkedIn"))
            {
                return ConsultationErrors.AppointmentNotActive;
            }

            if (Now < appointment.Start.AddMinutes(-options.Value.WaitingRoomOpensMinutesBefore))
            {
                return ConsultationErrors.TooEarly;
            }

            if (Now >= appointment.End)
            {
                return ConsultationErrors.TooLate;
            }
        }
        else if (existing.Status is not (ConsultationStatus.Scheduled or ConsultationStatus.Waiting))
        {
            // Entering again after the visit began or ended shows where it stands.
            return new Admission(existing, ConsultationViews.TriageOf(existing));
        }

        var attachments = await OwnPhotosAsync(form, patientUserId, ct);
        if (!attachments.IsSuccess)
        {
            return attachments.Error!;
        }

        var doctor = await directory.GetDoctorByUserAsync(appointment.DoctorUserId, ct);
        var consultation = existing ?? Consultation.ForAppointment(appointment.AppointmentId, appointment.ClinicId, appointment.DoctorId, appointment.DoctorUserId,
            doctor?.Specialties.FirstOrDefault() ?? "", appointment.PatientId, patientUserId,
            appointment.Kind == "chat" ? ConsultationKind.Chat : ConsultationKind.Video, appointment.Start, appointment.End, Now);
        if (existing is null)
        {
            db.Consultations.Add(consultation);
            db.Conversations.Add(Conversation.ForConsultation(consultation.Id, consultation.PatientId, patientUserId, consultation.DoctorId, consultation.DoctorUserId, Now));
        }

        var admission = await AdmitAsync(consultation, form, attachments.Value, ct);
        if (admission.IsSuccess && admission.Value.Admitted)
        {
            await scheduling.CheckInAsync(appointmentId, ct);
        }

        return admission;
    }

    public async Task<Result<Admission>> RequestOnDemandAsync(string specialty, ConsultationKind kind, Guid patientUserId, ComplaintForm form, CancellationToken ct)
    {
        var patientId = await directory.FindPatientIdAsync(patientUserId, ct);
        if (patientId is null)
        {
            return ConsultationErrors.PatientNotFound;
        }

        var doctors = await directory.FindDoctorsAsync(new DoctorFilter(Specialty: specialty), ct);
        var canonical = doctors.SelectMany(d => d.Specialties).FirstOrDefault(s => string.Equals(s, specialty, StringComparison.OrdinalIgnoreCase));
        if (canonical is null)
        {
            return ConsultationErrors.NoSuchSpecialty;
        }

        var attachments = await OwnPhotosAsync(form, patientUserId, ct);
        if (!attachments.IsSuccess)
        {
            return attachments.Error!;
        }

        var consultation = Consultation.OnDemand(canonical, patientId.Value, patientUserId, kind, Now);
        db.Consultations.Add(consultation);
        db.Conversations.Add(Conversation.ForConsultation(consultation.Id, consultation.PatientId, patientUserId, null, null, Now));
        return await AdmitAsync(consultation, form, attachments.Value, ct);
    }

    private async Task<Result<Admission>> AdmitAsync(Consultation consultation, ComplaintForm form, IReadOnlyList<Attachment> photos, CancellationToken ct)
    {
        var triage = TriageRules.Assess(form);
        consultation.RecordComplaint(JsonSerializer.Serialize(form, ConsultationViews.Json), ComplaintSummary.Of(form), triage);
        foreach (var photo in photos)
        {
            photo.AttachTo(null, consultation.Id);
        }

        if (triage.IsEmergency)
        {
            consultation.DivertToEmergencyServices(Now);
            await db.SaveChangesAsync(ct);
            audit.Record("consultation.emergency_advised", AuditOutcome.Success, "Consultation", consultation.Id.ToString(), string.Join(',', triage.FiredRules.Select(r => r.Code)));
            return new Admission(consultation, triage);
        }

        var entered = consultation.EnterWaitingRoom(Now);
        if (!entered.IsSuccess)
        {
            return entered.Error!;
        }

        await db.SaveChangesAsync(ct);
        audit.Record("consultation.waiting", AuditOutcome.Success, "Consultation", consultation.Id.ToString());
        await feed.QueueChangedAsync(consultation, "added", ct);
        return new Admission(consultation, triage);
    }

    private async Task<Result<IReadOnlyList<Attachment>>> OwnPhotosAsync(ComplaintForm form, Guid patientUserId, CancellationToken ct)
    {
        if (form.Photos.Count == 0)
        {
            return Array.Empty<Attachment>();
        }

        var ids = form.Photos.Distinct().ToList();
        var photos = await db.Attachments.Where(a => ids.Contains(a.Id) && a.UploaderUserId == patientUserId).ToListAsync(ct);
        return photos.Count == ids.Count ? photos : Error.Validation("consultation.photo_not_found", "A photo was not found; upload it again.");
    }

    /// <summary>The first doctor to accept wins: a conditional update that only one transaction can make.</summary>
    public async Task<Result<Consultation>> AcceptAsync(Guid id, Guid doctorUserId, CancellationToken ct)
    {
        var doctor = await directory.GetDoctorByUserAsync(doctorUserId, ct);
        if (doctor is null)
        {
            return ConsultationErrors.NotADoctor;
        }

        var now = Now;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            int won;
            try
            {
                won = await db.Consultations
                    .Where(c => c.Id == id && c.Status == ConsultationStatus.Waiting && (c.DoctorUserId == null || c.DoctorUserId == doctorUserId))
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(c => c.Status, ConsultationStatus.InProgress)
                        .SetProperty(c => c.DoctorUserId, doctorUserId)
                        .SetProperty(c => c.DoctorId, doctor.DoctorId)
                        .SetProperty(c => c.StartedAt, now)
                        .SetProperty(c => c.Version, c => c.Version + 1), ct);
            }
            catch (Exception e) when (e.IsUniqueViolation())
            {
                return ConsultationErrors.DoctorBusy;
            }

            if (won == 0)
            {
                await transaction.RollbackAsync(ct);
                var state = await db.Consultations.AsNoTracking().Where(c => c.Id == id).Select(c => new { c.Status, c.DoctorUserId }).FirstOrDefaultAsync(ct);
                return state is { Status: ConsultationStatus.InProgress } && state.DoctorUserId != doctorUserId ? ConsultationErrors.AlreadyTaken : ConsultationErrors.NotWaiting;
            }

            await db.Conversations.Where(c => c.ConsultationId == id)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.DoctorId, doctor.DoctorId).SetProperty(c => c.DoctorUserId, doctorUserId), ct);
            var patientId = await db.Consultations.Where(c => c.Id == id).Select(c => c.PatientId).FirstAsync(ct);
            db.Publish(new ConsultationStarted(id, doctorUserId, patientId, now));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        var consultation = await db.Consultations.AsNoTracking().FirstAsync(c => c.Id == id, ct);
        audit.Record("consultation.accepted", AuditOutcome.Success, "Consultation", id.ToString());
        await feed.QueueChangedAsync(consultation, "removed", ct);
        await feed.DoctorLoadChangedAsync(doctorUserId, doctor.Specialties, ct);
        return consultation;
    }

    public async Task<Result<Consultation>> EndAsync(Consultation consultation, CancellationToken ct)
    {
        var completed = consultation.Complete(Now);
        if (!completed.IsSuccess)
        {
            return completed.Error!;
        }

        db.Publish(new ConsultationCompleted(consultation.Id, consultation.AppointmentId, consultation.DoctorUserId!.Value, consultation.PatientId,
            ConsultationViews.Camel(consultation.Kind.ToString()), consultation.StartedAt!.Value, consultation.EndedAt!.Value));
        await db.SaveChangesAsync(ct);
        audit.Record("consultation.completed", AuditOutcome.Success, "Consultation", consultation.Id.ToString());
        await AfterItEndedAsync(consultation, ct);
        if (consultation.AppointmentId is { } appointmentId)
        {
            await scheduling.CompleteAsync(appointmentId, ct);
        }

        return consultation;
    }

    public async Task<Result<Consultation>> FailAsync(Consultation consultation, FailureReason reason, string? details, CancellationToken ct)
    {
        var wasWaiting = consultation.Status == ConsultationStatus.Waiting;
        var failed = consultation.Fail(reason, details, Now);
        if (!failed.IsSuccess)
        {
            return failed.Error!;
        }

        await db.SaveChangesAsync(ct);
        audit.Record("consultation.failed", AuditOutcome.Success, "Consultation", consultation.Id.ToString(), ConsultationViews.Camel(reason.ToString()));
        if (wasWaiting)
        {
            await feed.QueueChangedAsync(consultation, "removed", ct);
        }

        await AfterItEndedAsync(consultation, ct);
        return consultation;
    }

    private async Task AfterItEndedAsync(Consultation consultation, CancellationToken ct)
    {
        await calls.EndAsync(consultation.Id, ConsultationViews.StatusName(consultation.Status), ct);
        if (consultation.DoctorUserId is { } doctorUserId)
        {
            var doctor = await directory.GetDoctorByUserAsync(doctorUserId, ct);
            await feed.DoctorLoadChangedAsync(doctorUserId, doctor?.Specialties ?? [], ct);
        }
    }

    public async Task<Result<Consultation>> WriteNotesAsync(Consultation consultation, string text, CancellationToken ct)
    {
        var written = consultation.WriteNotes(text, Now);
        if (!written.IsSuccess)
        {
            return written.Error!;
        }

        await db.SaveChangesAsync(ct);
        return consultation;
    }
}
