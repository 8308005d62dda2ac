using Telemed.Modules.Scheduling.Contracts;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Scheduling.Availability;
using Telemed.Modules.Scheduling.Notices;
using Telemed.Modules.Scheduling.Reminders;

namespace Telemed.UnitTests.Scheduling;

public sealed class ReminderRuleTests
{
    private static readonly DateTime BookedAt = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(47, 48, false)]   // the 48-hour reminder's time has passed: the confirmation stands in for it
    [InlineData(47, 2, true)]
    [InlineData(48.5, 48, false)] // it would arrive half an hour after the confirmation
    [InlineData(49, 48, true)]
    [InlineData(2.5, 2, false)]
    public void A_reminder_is_planned_only_when_it_says_more_than_the_confirmation_just_sent(double hoursAhead, int offsetHours, bool planned)
    {
        var start = BookedAt.AddHours(hoursAhead);
        ReminderRules.ReminderIsWorthPlanning(start.AddHours(-offsetHours), BookedAt).ShouldBe(planned);
    }

    [Fact]
    public void Notices_name_the_doctor_time_and_links_in_the_patients_language_and_nothing_clinical()
    {
        var templates = new NoticeTemplates();
        var clinic = new ClinicSummary(Guid.NewGuid(), "Central Clinic", "Moscow", "Europe/Moscow");
        var start = new DateTime(2026, 12, 3, 7, 0, 0, DateTimeKind.Utc);
        var ru = templates.Booked("ru", "Dr Petrov", clinic, start, AppointmentKind.Video, "https://t/r/confirm", "https://t/r/cancel");
        ru.Subject.ShouldBe("Вы записаны: 3 декабря 2026 в 10:00");
        ru.EmailBody.ShouldContain("https://t/r/confirm");
        ru.SmsBody.ShouldContain("https://t/r/cancel");
        var en = templates.Rescheduled("en", "Dr Petrov", clinic, start, start.AddDays(1), AppointmentKind.InPerson, "c", "x");
        en.EmailBody.ShouldContain("from 3 December 2026 10:00 to 4 December 2026 at 10:00");
        var byClinic = templates.Cancelled("en", "Dr Petrov", clinic, start, AppointmentKind.Video, byPatient: false, "https://t/patient/book");
        byClinic.EmailBody.ShouldContain("The clinic has cancelled your video appointment");
        templates.Cancelled("en", "Dr Petrov", clinic, start, AppointmentKind.Video, byPatient: true, "b").SmsBody.ShouldContain("is cancelled");
    }

    [Fact]
    public void A_right_to_left_doctor_or_clinic_name_is_isolated_in_every_notice_so_the_sentence_keeps_its_order()
    {
        const string Doctor = "د. سارة";
        var clinic = new ClinicSummary(Guid.NewGuid(), "עיר", "Moscow", "Europe/Moscow");
        var start = new DateTime(2026, 12, 3, 7, 0, 0, DateTimeKind.Utc);
        var notices = new NoticeTemplates();
        var reminders = new MessageTemplates();
        Message[] all =
        [
            notices.Booked("en", Doctor, clinic, start, AppointmentKind.InPerson, "c", "x"),
            notices.Rescheduled("ru", Doctor, clinic, start, start.AddDays(1), AppointmentKind.Video, "c", "x"),
            notices.Cancelled("en", Doctor, clinic, start, AppointmentKind.Video, byPatient: true, "b"),
            reminders.Reminder("ru", Doctor, clinic, start, AppointmentKind.InPerson, "c", "x"),
            reminders.WaitlistOffer("en", Doctor, clinic, start, start.AddHours(-2), AppointmentKind.Video),
        ];
        foreach (var message in all)
        {
            message.EmailBody.ShouldContain("\u2068" + Doctor + "\u2069");
            message.SmsBody.ShouldContain("\u2068" + Doctor + "\u2069");
            message.EmailBody.ShouldContain("\u2068עיר\u2069");
            message.EmailBody.ShouldContain("(\u2068עיר\u2069");
        }

        notices.Booked("en", "Dr Petrov", clinic, start, AppointmentKind.Video, "c", "x").EmailBody.ShouldContain("with Dr Petrov is booked");
    }
}
