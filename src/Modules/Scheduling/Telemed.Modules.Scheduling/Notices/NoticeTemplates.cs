using Telemed.Modules.Scheduling.Contracts;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Scheduling.Availability;
using Telemed.Modules.Scheduling.Reminders;
using Telemed.BuildingBlocks.Text;

namespace Telemed.Modules.Scheduling.Notices;

/// <summary>
/// Texts of the notices a patient gets when a visit is booked, moved or cancelled, in English and Russian. Like the
/// reminders they name the doctor, the clinic, the kind and the time, never a specialty, complaint, diagnosis or the
/// free-text cancellation reason: a phone's lock screen is not private.
/// </summary>
internal sealed class NoticeTemplates
{
    public Message Booked(string language, string doctorName, ClinicSummary clinic, DateTime start, AppointmentKind kind, string confirmUrl, string cancelUrl)
    {
        var (date, time) = MessageTemplates.LocalParts(start, clinic.TimeZone, language);
        return LanguagePreference.IsRussian(language)
            ? new Message($"Вы записаны: {date} в {time}",
                $"Здравствуйте!\n\nВы записаны: {MessageTemplates.KindRu(kind)} у врача {UserText.Isolate(doctorName)}, {date} в {time} ({UserText.Isolate(clinic.NameIn(language))}, время {UserText.Isolate(ZoneNames.City(clinic.TimeZone, language))}).\n" +
                $"Приглашение для календаря — во вложении.\n\nПодтвердить запись: {confirmUrl}\nОтменить запись: {cancelUrl}\n\nTelemed",
                $"Telemed: вы записаны, {MessageTemplates.KindRu(kind)} {date} {time}, {UserText.Isolate(doctorName)}. Подтвердить: {confirmUrl} Отменить: {cancelUrl}")
            : new Message($"Booked: your {MessageTemplates.KindEn(kind)} on {date} at {time}",
                $"Hello,\n\nYour {MessageTemplates.KindEn(kind)} with {UserText.Isolate(doctorName)} is booked for {date} at {time} ({UserText.Isolate(clinic.NameIn(language))}, {UserText.Isolate(ZoneNames.City(clinic.TimeZone, language))} time).\n" +
                $"A calendar invitation is attached.\n\nConfirm: {confirmUrl}\nCancel: {cancelUrl}\n\nTelemed",
                $"Telemed: booked, {MessageTemplates.KindEn(kind)} {date} {time} with {UserText.Isolate(doctorName)}. Confirm: {confirmUrl} Cancel: {cancelUrl}");
    }

    public Message Rescheduled(string language, string doctorName, ClinicSummary clinic, DateTime previousStart, DateTime start, AppointmentKind kind,
        string confirmUrl, string cancelUrl)
    {
        var (date, time) = MessageTemplates.LocalParts(start, clinic.TimeZone, language);
        var (oldDate, oldTime) = MessageTemplates.LocalParts(previousStart, clinic.TimeZone, language);
        return LanguagePreference.IsRussian(language)
            ? new Message($"Запись перенесена: {date} в {time}",
                $"Здравствуйте!\n\n{Capital(MessageTemplates.KindRu(kind))} у врача {UserText.Isolate(doctorName)} перенесён с {oldDate} {oldTime} на {date} в {time} " +
                $"({UserText.Isolate(clinic.NameIn(language))}, время {UserText.Isolate(ZoneNames.City(clinic.TimeZone, language))}).\nОбновлённое приглашение для календаря — во вложении.\n\n" +
                $"Подтвердить новое время: {confirmUrl}\nОтменить запись: {cancelUrl}\n\nTelemed",
                $"Telemed: запись перенесена на {date} {time}, {UserText.Isolate(doctorName)}. Подтвердить: {confirmUrl} Отменить: {cancelUrl}")
            : new Message($"Moved: your {MessageTemplates.KindEn(kind)} is now on {date} at {time}",
                $"Hello,\n\nYour {MessageTemplates.KindEn(kind)} with {UserText.Isolate(doctorName)} has moved from {oldDate} {oldTime} to {date} at {time} " +
                $"({UserText.Isolate(clinic.NameIn(language))}, {UserText.Isolate(ZoneNames.City(clinic.TimeZone, language))} time).\nAn updated calendar invitation is attached.\n\nConfirm the new time: {confirmUrl}\nCancel: {cancelUrl}\n\nTelemed",
                $"Telemed: moved to {date} {time} with {UserText.Isolate(doctorName)}. Confirm: {confirmUrl} Cancel: {cancelUrl}");
    }

    public Message Cancelled(string language, string doctorName, ClinicSummary clinic, DateTime start, AppointmentKind kind, bool byPatient, string bookUrl)
    {
        var (date, time) = MessageTemplates.LocalParts(start, clinic.TimeZone, language);
        return LanguagePreference.IsRussian(language)
            ? new Message($"Запись отменена: {date} в {time}",
                $"Здравствуйте!\n\n{(byPatient ? "Ваша запись отменена" : "Клиника отменила вашу запись")}: {MessageTemplates.KindRu(kind)} у врача {UserText.Isolate(doctorName)}, " +
                $"{date} в {time} ({UserText.Isolate(clinic.NameIn(language))}).\nЗаписаться снова: {bookUrl}\n\nTelemed",
                $"Telemed: {(byPatient ? "запись отменена" : "клиника отменила запись")}, {date} {time}, {UserText.Isolate(doctorName)}.")
            : new Message($"Cancelled: your {MessageTemplates.KindEn(kind)} on {date} at {time}",
                $"Hello,\n\n{(byPatient ? "Your" : "The clinic has cancelled your")} {MessageTemplates.KindEn(kind)} with {UserText.Isolate(doctorName)} on {date} at {time} " +
                $"({UserText.Isolate(clinic.NameIn(language))}){(byPatient ? " is cancelled" : "")}.\nBook another time: {bookUrl}\n\nTelemed",
                byPatient ? $"Telemed: your {MessageTemplates.KindEn(kind)} {date} {time} with {UserText.Isolate(doctorName)} is cancelled."
                    : $"Telemed: the clinic cancelled your {MessageTemplates.KindEn(kind)} {date} {time} with {UserText.Isolate(doctorName)}.");
    }

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
