using Telemed.Modules.Consultations.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Consultations.Chat;
using Telemed.Modules.Consultations.Complaints;
using Telemed.Modules.Consultations.Infrastructure;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Scheduling.Contracts;

namespace Telemed.Modules.Consultations.Visits.Admission;

/// <summary>
/// POST /consultations/appointments/{appointmentId}/enter: the patient of a booked video or chat visit enters its waiting
/// room with a complaint form, from <see cref="ConsultationsOptions.WaitingRoomOpensMinutesBefore"/> minutes before the start
/// until the end. Entering again finds the same consultation. Errors: <c>consultation.appointment_not_found</c> (unknown or
/// someone else's alike), <c>consultation.not_online</c>, <c>consultation.appointment_not_active</c>, <c>consultation.too_early</c>, <c>consultation.too_late</c>.
/// </summary>
internal sealed class EnterWaitingRoom(ConsultationsDbContext db, ISchedulingModule scheduling, IDirectoryModule directory, Admissions admissions,
    IOptions<ConsultationsOptions> options, TimeProvider clock)
{
    public async Task<Result<Admission>> HandleAsync(Guid appointmentId, Guid patientUserId, ComplaintForm form, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
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
        if (existing is null && WhyNotOpen(appointment, now) is { } closed)
        {
            return closed;
        }

        if (existing is { Status: not (ConsultationStatus.Scheduled or ConsultationStatus.Waiting) })
        {
            // Entering again after the visit began or ended shows where it stands.
            return new Admission(existing, ConsultationViews.TriageOf(existing));
        }

        var photos = await admissions.OwnPhotosAsync(form, patientUserId, ct);
        if (!photos.IsSuccess)
        {
            return photos.Error!;
        }

        var consultation = existing ?? await NewConsultationAsync(appointment, now, ct);
        // The form goes in with the consultation; its draft has served its purpose (removed in the same save).
        if (await db.ComplaintDrafts.FirstOrDefaultAsync(d => d.AppointmentId == appointmentId && d.PatientUserId == patientUserId, ct) is { } draft)
        {
            db.ComplaintDrafts.Remove(draft);
        }

        var admission = await admissions.AdmitAsync(consultation, form, photos.Value, ct);
        if (admission.IsSuccess && admission.Value.Admitted)
        {
            await scheduling.CheckInAsync(appointmentId, ct);
        }

        return admission;
    }

    /// <summary>Rule: the waiting room of a booked, still active visit is open from shortly before its start until its end.</summary>
    private Error? WhyNotOpen(AppointmentInfo appointment, DateTime now) =>
        ActiveVisitRule.OnlyAnActiveVisitIsPreparedFor(appointment)
        ?? (now < appointment.Start.AddMinutes(-options.Value.WaitingRoomOpensMinutesBefore) ? ConsultationErrors.TooEarly
        : now >= appointment.End ? ConsultationErrors.TooLate
        : null);

    private async Task<Consultation> NewConsultationAsync(AppointmentInfo appointment, DateTime now, CancellationToken ct)
    {
        var doctor = await directory.GetDoctorByUserAsync(appointment.DoctorUserId, ct);
        var consultation = Consultation.ForAppointment(appointment.AppointmentId, appointment.ClinicId, appointment.DoctorId, appointment.DoctorUserId,
            doctor?.Specialties.FirstOrDefault() ?? "", appointment.PatientId, appointment.PatientUserId,
            appointment.Kind == "chat" ? ConsultationKind.Chat : ConsultationKind.Video, appointment.Start, appointment.End, now);
        db.Consultations.Add(consultation);
        db.Conversations.Add(Conversation.ForConsultation(consultation.Id, consultation.PatientId, consultation.PatientUserId, consultation.DoctorId, consultation.DoctorUserId, now));
        return consultation;
    }

    public static async Task<Results<Created<AdmissionView>, Ok<AdmissionView>, ProblemHttpResult>> EndpointAsync(Guid appointmentId, ComplaintForm complaint,
        ICurrentUser user, EnterWaitingRoom handler, ConsultationViews views, CancellationToken ct) =>
        await Admissions.AnswerAsync(await handler.HandleAsync(appointmentId, user.RequireUserId(), complaint, ct), views, ct);
}
