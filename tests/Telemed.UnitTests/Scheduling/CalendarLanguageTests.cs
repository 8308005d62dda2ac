using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using System.Text;
using Telemed.BuildingBlocks.Http;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Scheduling.Appointments;
using Telemed.Modules.Scheduling.Calendars;
using Telemed.Modules.Scheduling.Contracts;

namespace Telemed.UnitTests.Scheduling;

/// <summary>
/// The calendar file attached to a patient's notices (and downloaded from the appointment) reads in the patient's language,
/// as the notice around it does: it used to be English for everyone ("Video appointment with …", "Online (Telemed)").
/// </summary>
public sealed class CalendarLanguageTests
{
    private static readonly DateTime Start = new(2027, 3, 29, 7, 0, 0, DateTimeKind.Utc);

    private static readonly ClinicSummary Moscow = new(Guid.NewGuid(), "Telemed Clinic Moscow", "Moscow", "Europe/Moscow",
        new Dictionary<string, ClinicTexts> { ["ru"] = new("Клиника Telemed Москва", "ул. Тверская, 12", "Москва") });

    private static readonly PublicUrls Links = new(
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [PublicUrls.Setting] = "https://portal.clinic.example" }).Build(),
        new ServiceCollection().BuildServiceProvider());

    private static string Calendar(AppointmentKind kind, string language)
    {
        var appointment = Appointment.Book(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Moscow.ClinicId, kind, Start, Start.AddMinutes(30),
            Guid.NewGuid(), Start.AddDays(-7)).Value;
        // Unfolded (RFC 5545 3.1), so a long line's text can be searched whole.
        return Encoding.UTF8.GetString(AppointmentCalendar.For(appointment, "Anna Petrova", Moscow, language, Links, Start.AddDays(-7))).Replace("\r\n ", "");
    }

    [Fact]
    public void Given_a_Russian_reader_Then_the_calendar_names_the_visit_the_place_and_the_calendar_in_Russian()
    {
        var video = Calendar(AppointmentKind.Video, "ru");
        video.ShouldContain("X-WR-CALNAME:Запись в Telemed");
        video.ShouldContain("SUMMARY:Видеоприём у врача");
        video.ShouldContain("LOCATION:Онлайн (Telemed)");
        video.ShouldContain("DESCRIPTION:Откройте запись в Telemed");
        video.ShouldNotContain("Video appointment");

        Calendar(AppointmentKind.InPerson, "ru-RU").ShouldContain("LOCATION:Клиника Telemed Москва");
    }

    [Fact]
    public void Given_an_English_reader_Then_the_calendar_reads_as_before()
    {
        var video = Calendar(AppointmentKind.Video, "en");
        video.ShouldContain("X-WR-CALNAME:Telemed appointment");
        video.ShouldContain("SUMMARY:Video appointment with");
        video.ShouldContain("LOCATION:Online (Telemed)");
        Calendar(AppointmentKind.InPerson, "en").ShouldContain("LOCATION:Telemed Clinic Moscow");
    }

    [Theory]
    [InlineData("ru", null, "ru")]
    [InlineData(null, "ru-RU,ru;q=0.9,en;q=0.8", "ru")]
    [InlineData("en", "ru-RU,ru;q=0.9", "en")]
    [InlineData(" ru", null, "ru")]
    [InlineData(null, "de-DE,ru;q=0.5", "en")]
    [InlineData(null, null, "en")]
    public void The_readers_language_is_the_apps_choice_else_the_first_accepted_language(string? language, string? acceptLanguage, string expected) =>
        ReaderLanguage.Of(language ?? acceptLanguage).ShouldBe(expected);
}
