using System.Text.RegularExpressions;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Scheduling.Contracts;
using Telemed.Modules.Scheduling.Notices;
using Telemed.Modules.Scheduling.Reminders;

namespace Telemed.UnitTests.Scheduling;

/// <summary>
/// A Russian-speaking patient's notices and reminders name the clinic by its Russian name (the directory's translation, cached with
/// the clinic list) and its zone by the zone's city in Russian, as the web app does; an English-speaking patient's read as before.
/// </summary>
public sealed partial class LocalisedClinicInMessagesTests
{
    private static readonly ClinicSummary Moscow = new(Guid.NewGuid(), "Telemed Clinic Moscow", "Moscow", "Europe/Moscow",
        new Dictionary<string, ClinicTexts> { ["ru"] = new("Клиника Telemed Москва", "ул. Тверская, 12", "Москва") });

    private static readonly DateTime Start = new(2026, 12, 3, 7, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Russian_messages_name_the_clinic_and_the_zone_in_Russian_and_English_ones_are_unchanged()
    {
        var notices = new NoticeTemplates();
        var reminders = new MessageTemplates();
        Message[] russian =
        [
            notices.Booked("ru", "Dr Petrov", Moscow, Start, AppointmentKind.Video, "c", "x"),
            notices.Rescheduled("ru", "Dr Petrov", Moscow, Start, Start.AddDays(1), AppointmentKind.Video, "c", "x"),
            reminders.Reminder("ru", "Dr Petrov", Moscow, Start, AppointmentKind.Video, "c", "x"),
        ];
        foreach (var message in russian)
        {
            message.EmailBody.ShouldContain("(Клиника Telemed Москва, время Москва)");
        }

        notices.Cancelled("ru", "Dr Petrov", Moscow, Start, AppointmentKind.Video, byPatient: true, "b").EmailBody.ShouldContain("(Клиника Telemed Москва)");
        reminders.WaitlistOffer("ru-RU", "Dr Petrov", Moscow, Start, Start.AddHours(-2), AppointmentKind.Video).EmailBody.ShouldContain("(Клиника Telemed Москва)");

        notices.Booked("en", "Dr Petrov", Moscow, Start, AppointmentKind.Video, "c", "x").EmailBody.ShouldContain("(Telemed Clinic Moscow, Moscow time)");
        reminders.Reminder("en", "Dr Petrov", Moscow, Start, AppointmentKind.Video, "c", "x").EmailBody.ShouldContain("(Telemed Clinic Moscow, Moscow time)");
    }

    /// <summary>
    /// A clinic's city is not its zone's: Kazan keeps Moscow time. The patient's screen says "Moscow" (zoneNames.ts), so an
    /// English message does too, as a Russian one always did; it used to say "Kazan time".
    /// </summary>
    [Fact]
    public void English_messages_name_the_zone_by_its_city_not_by_the_clinics_city()
    {
        var kazan = new ClinicSummary(Guid.NewGuid(), "Kazan Clinic", "Kazan", "Europe/Moscow");
        Message[] english =
        [
            new NoticeTemplates().Booked("en", "Dr Petrov", kazan, Start, AppointmentKind.Video, "c", "x"),
            new NoticeTemplates().Rescheduled("en", "Dr Petrov", kazan, Start, Start.AddDays(1), AppointmentKind.Video, "c", "x"),
            new MessageTemplates().Reminder("en", "Dr Petrov", kazan, Start, AppointmentKind.Video, "c", "x"),
        ];
        foreach (var message in english)
        {
            message.EmailBody.ShouldContain("(Kazan Clinic, Moscow time)");
            message.EmailBody.ShouldNotContain("Kazan time");
        }
    }

    [Fact]
    public void A_clinic_without_a_Russian_name_reads_in_English_and_a_zone_outside_the_table_by_its_id()
    {
        var untranslated = new ClinicSummary(Guid.NewGuid(), "Harbour Clinic", "Sao Paulo", "America/Sao_Paulo");
        new NoticeTemplates().Booked("ru", "Dr Petrov", untranslated, Start, AppointmentKind.Video, "c", "x").EmailBody
            .ShouldContain("(Harbour Clinic, время Sao Paulo)");
        ZoneNames.City("Asia/Novosibirsk", "ru").ShouldBe("Новосибирск");
        ZoneNames.City("Asia/Novosibirsk", "en").ShouldBe("Novosibirsk");
        new ClinicSummary(Guid.NewGuid(), "A", "B", "UTC", new Dictionary<string, ClinicTexts> { ["ru"] = new(" ", "", "") }).NameIn("ru").ShouldBe("A");
    }

    [GeneratedRegex("""^\s*"?(?<zone>[A-Za-z_/\-]+)"?: \{ en: "(?<en>[^"]+)", ru: "(?<ru>[^"]+)" \},""", RegexOptions.Multiline)]
    private static partial Regex WebZoneName();

    /// <summary>The server names zones from the same table as the web app: every row of zoneNames.ts is in <see cref="ZoneNames"/>, and no other.</summary>
    [Fact]
    public void The_zone_names_are_the_web_apps()
    {
        var web = File.ReadAllText(RepositoryFiles.Path("web", "src", "shared", "time", "zoneNames.ts"));
        var rows = WebZoneName().Matches(web).ToDictionary(m => m.Groups["zone"].Value, m => (m.Groups["en"].Value, m.Groups["ru"].Value));
        rows.Count.ShouldBeGreaterThan(40);
        ZoneNames.Table.Count.ShouldBe(rows.Count);
        foreach (var (zone, names) in rows)
        {
            ZoneNames.Table[zone].ShouldBe(names, zone);
        }
    }
}
