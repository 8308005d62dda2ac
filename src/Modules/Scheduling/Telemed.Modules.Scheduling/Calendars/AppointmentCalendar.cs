using System.Text;
using Telemed.BuildingBlocks.Http;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Scheduling.Appointments;
using Telemed.Modules.Scheduling.Contracts;

namespace Telemed.Modules.Scheduling.Calendars;

/// <summary>One appointment as the patient's calendar file: the download and the file attached to the patient's notices are the same.</summary>
internal static class AppointmentCalendar
{
    /// <summary>
    /// UTF-8 RFC 5545 text in <paramref name="language"/> (<c>ru</c> or <c>en</c>; the clinic by its name in that language);
    /// the event's UID is the appointment id, its SEQUENCE the appointment's version, cancelled ones say so.
    /// </summary>
    public static byte[] For(Appointment appointment, string doctorName, ClinicSummary clinic, string language, PublicUrls links, DateTime now) =>
        Encoding.UTF8.GetBytes(IcsWriter.Write(CalendarTexts.AppointmentCalendarName(language), [new CalendarEvent(appointment.Id, appointment.Start,
            appointment.End, clinic.TimeZone, CalendarTexts.PatientTitle(appointment.Kind, doctorName, language),
            appointment.Kind == AppointmentKind.InPerson ? clinic.NameIn(language) : CalendarTexts.Online(language),
            CalendarTexts.PatientDescription(language), links.To($"/patient/appointments/{appointment.Id}"),
            appointment.Status == AppointmentStatus.Cancelled, appointment.Version)], now));
}
