using Telemed.BuildingBlocks.Text;
using Telemed.Modules.Scheduling.Contracts;
using Telemed.Modules.Scheduling.Reminders;

namespace Telemed.Modules.Scheduling.Calendars;

/// <summary>
/// The words of a calendar file in its reader's language (<c>ru…</c> → Russian, else English), as the notices it is
/// attached to are: the calendar's name, the event's title, "online" for a visit without a place, and the description.
/// Like the notices they name the kind of visit and the doctor, never a specialty, complaint or reason: a calendar is
/// shared with other people and devices.
/// </summary>
internal static class CalendarTexts
{
    /// <summary>The name calendar apps give a file with one appointment.</summary>
    public static string AppointmentCalendarName(string language) => LanguagePreference.IsRussian(language) ? "Запись в Telemed" : "Telemed appointment";

    /// <summary>The name of a doctor's subscribed schedule.</summary>
    public static string ScheduleName(string language) => LanguagePreference.IsRussian(language) ? "Расписание Telemed" : "Telemed schedule";

    /// <summary>The kind of visit as an event title in the doctor's schedule (no patient is named there).</summary>
    public static string Title(AppointmentKind kind, string language) => LanguagePreference.IsRussian(language)
        ? kind switch
        {
            AppointmentKind.Video => "Видеоприём",
            AppointmentKind.InPerson => "Приём в клинике",
            _ => "Консультация в чате",
        }
        : kind switch
        {
            AppointmentKind.Video => "Video appointment",
            AppointmentKind.InPerson => "In-person appointment",
            _ => "Chat consultation",
        };

    /// <summary>The patient's event title: the kind of visit and the doctor (isolated, as a name may be written right to left).</summary>
    public static string PatientTitle(AppointmentKind kind, string doctorName, string language) => LanguagePreference.IsRussian(language)
        ? $"{Title(kind, language)} у врача {UserText.Isolate(doctorName)}"
        : $"{Title(kind, language)} with {UserText.Isolate(doctorName)}";

    /// <summary>Where a video or chat visit takes place.</summary>
    public static string Online(string language) => LanguagePreference.IsRussian(language) ? "Онлайн (Telemed)" : "Online (Telemed)";

    /// <summary>The patient's event description, pointing at the appointment's page (the event's URL).</summary>
    public static string PatientDescription(string language) => LanguagePreference.IsRussian(language)
        ? "Откройте запись в Telemed, чтобы подключиться к приёму или изменить запись."
        : "Open the appointment in Telemed to join or manage it.";
}
