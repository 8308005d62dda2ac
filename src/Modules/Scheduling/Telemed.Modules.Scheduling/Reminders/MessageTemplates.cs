using Telemed.Modules.Scheduling.Contracts;
using System.Globalization;
using NodaTime;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Scheduling.Availability;
using Telemed.Modules.Scheduling.Infrastructure;
using Telemed.BuildingBlocks.Text;

namespace Telemed.Modules.Scheduling.Reminders;

internal sealed record Message(string Subject, string EmailBody, string SmsBody);

/// <summary>
/// Reminder and waitlist texts in English and Russian. They name the doctor, the clinic, the kind
/// and the time, never a specialty, complaint or diagnosis: a phone's lock screen is not private. The clinic is named in the
/// reader's language (<see cref="ClinicSummary.NameIn"/>); a Russian text names the zone by its city in Russian
/// (<see cref="ZoneNames"/>, the web app's table), an English one by the clinic's city.
/// </summary>
internal sealed class MessageTemplates
{
    public Message Reminder(string language, string doctorName, ClinicSummary clinic, DateTime start, AppointmentKind kind, string confirmUrl, string cancelUrl)
    {
        var (date, time) = LocalParts(start, clinic.TimeZone, language);
        return LanguagePreference.IsRussian(language)
            ? new Message($"Напоминание: {KindRu(kind)} {date} в {time}",
                $"Здравствуйте!\n\nНапоминаем о записи: {KindRu(kind)} у врача {UserText.Isolate(doctorName)}, {date} в {time} ({UserText.Isolate(clinic.NameIn(language))}, время {UserText.Isolate(ZoneNames.City(clinic.TimeZone, language))}).\n\n" +
                $"Подтвердить запись: {confirmUrl}\nОтменить запись: {cancelUrl}\n\nTelemed",
                $"Telemed: {KindRu(kind)} {date} {time}, {UserText.Isolate(doctorName)}. Подтвердить: {confirmUrl} Отменить: {cancelUrl}")
            : new Message($"Reminder: your {KindEn(kind)} on {date} at {time}",
                $"Hello,\n\nThis is a reminder of your {KindEn(kind)} with {UserText.Isolate(doctorName)} on {date} at {time} ({UserText.Isolate(clinic.NameIn(language))}, {UserText.Isolate(ZoneNames.City(clinic.TimeZone, language))} time).\n\n" +
                $"Confirm: {confirmUrl}\nCancel: {cancelUrl}\n\nTelemed",
                $"Telemed: {KindEn(kind)} {date} {time} with {UserText.Isolate(doctorName)}. Confirm: {confirmUrl} Cancel: {cancelUrl}");
    }

    public Message WaitlistOffer(string language, string doctorName, ClinicSummary clinic, DateTime start, DateTime expiresAt, AppointmentKind kind)
    {
        var (date, time) = LocalParts(start, clinic.TimeZone, language);
        var (_, until) = LocalParts(expiresAt, clinic.TimeZone, language);
        return LanguagePreference.IsRussian(language)
            ? new Message($"Освободилось время: {date} в {time}",
                $"Здравствуйте!\n\nОсвободилось время, которого вы ждали: {KindRu(kind)} у врача {UserText.Isolate(doctorName)}, {date} в {time} ({UserText.Isolate(clinic.NameIn(language))}).\n" +
                $"Мы держим его для вас до {until}. Откройте Telemed → «Мои записи», чтобы записаться.\n\nTelemed",
                $"Telemed: освободилось время {date} {time}, {UserText.Isolate(doctorName)}. Держим до {until}, запишитесь в приложении.")
            : new Message($"A time has opened up: {date} at {time}",
                $"Hello,\n\nA time you were waiting for has opened up: {KindEn(kind)} with {UserText.Isolate(doctorName)} on {date} at {time} ({UserText.Isolate(clinic.NameIn(language))}).\n" +
                $"We are holding it for you until {until}. Open Telemed → My appointments to take it.\n\nTelemed",
                $"Telemed: a time opened up {date} {time} with {UserText.Isolate(doctorName)}. Held for you until {until}; take it in the app.");
    }

    internal static (string Date, string Time) LocalParts(DateTime utc, string zone, string language)
    {
        var local = Instant.FromDateTimeUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).InZone(ScheduleReader.Zone(zone)).LocalDateTime;
        var culture = CultureInfo.GetCultureInfo(LanguagePreference.IsRussian(language) ? "ru-RU" : "en-GB");
        return (local.ToString("d MMMM yyyy", culture), local.ToString("HH:mm", CultureInfo.InvariantCulture));
    }

    internal static string KindEn(AppointmentKind kind) => kind switch
    {
        AppointmentKind.Video => "video appointment",
        AppointmentKind.InPerson => "appointment at the clinic",
        _ => "chat consultation",
    };

    internal static string KindRu(AppointmentKind kind) => kind switch
    {
        AppointmentKind.Video => "видеоприём",
        AppointmentKind.InPerson => "приём в клинике",
        _ => "консультация в чате",
    };
}
