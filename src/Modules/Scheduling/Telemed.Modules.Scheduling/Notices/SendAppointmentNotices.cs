using Telemed.BuildingBlocks.Http;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Events;
using Telemed.Modules.Scheduling.Appointments;
using Telemed.Modules.Scheduling.Availability;
using Telemed.Modules.Scheduling.Calendars;
using Telemed.Modules.Scheduling.Contracts;
using Telemed.Modules.Scheduling.Infrastructure;
using Telemed.Modules.Scheduling.Reminders;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Notifications.Contracts;

namespace Telemed.Modules.Scheduling.Notices;

/// <summary>
/// Tells the patient, through the outbox (after the change has committed, never inside the request), that their visit was
/// booked (by them, the front desk or a waitlist offer), moved or cancelled: by e-mail with the calendar file attached and,
/// if they have a phone, by SMS. Booking and move notices carry one-tap confirm/cancel links. A notice about a time the
/// appointment no longer has is not sent: a later notice tells the current state.
/// </summary>
internal sealed class SendAppointmentNotices(SchedulingDbContext db, ScheduleReader schedules, ActionLinks links, PublicUrls publicLinks,
    NoticeTemplates templates, NoticeDelivery delivery) :
    IIntegrationEventBatchHandler<AppointmentBooked>, IIntegrationEventHandler<AppointmentRescheduled>, IIntegrationEventHandler<AppointmentCancelled>
{
    public async Task HandleAsync(AppointmentBooked e, CancellationToken ct)
    {
        if (await StillAtAsync(e.AppointmentId, e.Start, ct) is { } appointment)
        {
            await delivery.SendAsync(e.EventId, appointment, BookedComposer(appointment, ct), ct);
        }
    }

    /// <summary>A batch of bookings: their appointments read at once, every confirmation's claims and links saved together.</summary>
    public async Task HandleAsync(IReadOnlyList<AppointmentBooked> events, CancellationToken ct)
    {
        var ids = events.Select(e => e.AppointmentId).Distinct().ToList();
        var appointments = await db.Appointments.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        var jobs = events.Where(e => appointments.TryGetValue(e.AppointmentId, out var a) && IsStillAt(a, e.Start))
            .Select(e => new NoticeJob(e.EventId, appointments[e.AppointmentId], BookedComposer(appointments[e.AppointmentId], ct))).ToList();
        await delivery.SendAsync(jobs, ct);
    }

    private Func<string, Task<(Message, EmailAttachment)>> BookedComposer(Appointment appointment, CancellationToken ct) =>
        Composer(appointment, (language, doctor, clinic, confirm, cancel) =>
            templates.Booked(language, doctor, clinic, appointment.Start, appointment.Kind, confirm!, cancel!), withLinks: true, ct);

    public async Task HandleAsync(AppointmentRescheduled e, CancellationToken ct)
    {
        if (await StillAtAsync(e.AppointmentId, e.Start, ct) is { } appointment)
        {
            await SendAsync(e.EventId, appointment, (language, doctor, clinic, confirm, cancel) =>
                templates.Rescheduled(language, doctor, clinic, e.PreviousStart, appointment.Start, appointment.Kind, confirm!, cancel!), withLinks: true, ct);
        }
    }

    public async Task HandleAsync(AppointmentCancelled e, CancellationToken ct)
    {
        var appointment = await db.Appointments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == e.AppointmentId, ct);
        if (appointment is not null)
        {
            await SendAsync(e.EventId, appointment, (language, doctor, clinic, _, _) =>
                templates.Cancelled(language, doctor, clinic, appointment.Start, appointment.Kind, e.ByPatient, publicLinks.To("/patient/book")), withLinks: false, ct);
        }
    }

    private async Task<Appointment?> StillAtAsync(Guid appointmentId, DateTime start, CancellationToken ct)
    {
        var appointment = await db.Appointments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == appointmentId, ct);
        return appointment is not null && IsStillAt(appointment, start) ? appointment : null;
    }

    /// <summary>Open, still at the time the event names, and not over yet: a notice about it still tells the truth.</summary>
    private bool IsStillAt(Appointment appointment, DateTime start) => appointment.IsOpen && appointment.Start == start && appointment.Start > delivery.Now;

    private Task SendAsync(Guid eventId, Appointment appointment, Func<string, string, ClinicSummary, string?, string?, Message> compose, bool withLinks,
        CancellationToken ct) =>
        delivery.SendAsync(eventId, appointment, Composer(appointment, compose, withLinks, ct), ct);

    /// <summary>Builds the message in a language, with the calendar file and (when asked) the confirm and cancel links, added to the context unsaved.</summary>
    private Func<string, Task<(Message, EmailAttachment)>> Composer(Appointment appointment, Func<string, string, ClinicSummary, string?, string?, Message> compose,
        bool withLinks, CancellationToken ct) =>
        async language =>
        {
            var doctor = await schedules.DoctorAsync(appointment.DoctorId, ct);
            var clinic = (await schedules.ClinicsAsync(ct)).GetValueOrDefault(appointment.ClinicId) ?? new ClinicSummary(appointment.ClinicId, "", "", "UTC");
            string? confirm = null, cancel = null;
            if (withLinks)
            {
                confirm = links.Issue(appointment.Id, LinkAction.Confirm, appointment.Start, delivery.Now);
                // Saved by the delivery with the channels' claims.
                cancel = links.Issue(appointment.Id, LinkAction.Cancel, appointment.Start, delivery.Now);
            }

            var doctorName = doctor?.DisplayName ?? "";
            var calendar = AppointmentCalendar.For(appointment, doctorName, clinic, language, publicLinks, delivery.Now);
            return (compose(language, doctorName, clinic, confirm, cancel), new EmailAttachment("appointment.ics", "text/calendar; method=PUBLISH; charset=utf-8", calendar));
        };
}
