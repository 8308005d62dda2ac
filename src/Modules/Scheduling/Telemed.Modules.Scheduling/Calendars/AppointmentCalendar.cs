using Telemed.Modules.Scheduling.Contracts;
using Telemed.BuildingBlocks.Http;
using System.Text;
using Telemed.BuildingBlocks.Text;
using Telemed.Modules.Scheduling.Appointments;
using Telemed.Modules.Scheduling.Availability;
using Telemed.Modules.Scheduling.Infrastructure;

namespace Telemed.Modules.Scheduling.Calendars;

/// <summary>One appointment as the patient's calendar file: the download and the file attached to the patient's notices are the same.</summary>
internal static class AppointmentCalendar
{
    /// <summary>UTF-8 RFC 5545 text; the event's UID is the appointment id, its SEQUENCE the appointment's version, cancelled ones say so.</summary>
    public static byte[] For(Appointment appointment, string doctorName, string clinicName, string timeZone, PublicUrls links, DateTime now) =>
        Encoding.UTF8.GetBytes(IcsWriter.Write("Telemed appointment", [new CalendarEvent(appointment.Id, appointment.Start, appointment.End, timeZone,
            $"{CalendarEndpoints.Title(appointment.Kind)} with {UserText.Isolate(doctorName)}", appointment.Kind == AppointmentKind.InPerson ? clinicName : "Online (Telemed)",
            "Open the appointment in Telemed to join or manage it.", links.To($"/patient/appointments/{appointment.Id}"),
            appointment.Status == AppointmentStatus.Cancelled, appointment.Version)], now));
}
