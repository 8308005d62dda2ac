using Telemed.Modules.Scheduling.Contracts;
using NodaTime;
using Telemed.Modules.Scheduling.Availability;
using Telemed.Modules.Scheduling.Slots;

namespace Telemed.UnitTests.Scheduling;

public sealed class SlotGeneratorTests
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
    private static readonly Guid Doctor = Guid.NewGuid();
    private static readonly Guid Clinic = Guid.NewGuid();

    private static ClinicSchedule NineToFiveEveryDay(DateTimeZone zone, params AvailabilityException[] exceptions) => new(Clinic, zone,
        Enum.GetValues<DayOfWeek>().Select(d => new WeeklyHours { DoctorId = Doctor, ClinicId = Clinic, DayOfWeek = d, StartMinute = 9 * 60, EndMinute = 17 * 60 }).ToList(),
        exceptions);

    private static AppointmentTypeSettings ThirtyMinutes(int before = 0, int after = 0) => new()
    {
        DoctorId = Doctor, Kind = AppointmentKind.Video, DurationMinutes = 30, BufferBeforeMinutes = before, BufferAfterMinutes = after,
        MinimumNoticeMinutes = 0, MaximumHorizonDays = 400,
    };

    private static List<CandidateSlot> Day(ClinicSchedule clinic, AppointmentTypeSettings type, LocalDate date) =>
        SlotGenerator.Generate(clinic, type, date.AtStartOfDayInZone(clinic.Zone).ToInstant(), date.PlusDays(1).AtStartOfDayInZone(clinic.Zone).ToInstant(),
            Instant.FromUtc(2026, 1, 1, 0, 0)).ToList();

    [Theory]
    [InlineData(2026, 3, 28)]   // Saturday before spring forward (CET, UTC+1)
    [InlineData(2026, 3, 29)]   // the change itself
    [InlineData(2026, 3, 30)]   // Monday after (CEST, UTC+2)
    [InlineData(2026, 10, 24)]  // Saturday before autumn back (CEST)
    [InlineData(2026, 10, 25)]  // the change itself
    [InlineData(2026, 10, 26)]  // Monday after (CET)
    public void Given_a_Berlin_doctor_working_9_to_5_When_DST_changes_Then_the_first_slot_is_at_9_local_and_the_last_ends_at_5(int year, int month, int day)
    {
        var date = new LocalDate(year, month, day);
        var slots = Day(NineToFiveEveryDay(Berlin), ThirtyMinutes(), date);

        slots.Count.ShouldBe(16);
        slots[0].Start.InZone(Berlin).LocalDateTime.ShouldBe(date.At(new LocalTime(9, 0)));
        slots[^1].End.InZone(Berlin).LocalDateTime.ShouldBe(date.At(new LocalTime(17, 0)));
    }

    [Fact]
    public void Given_a_licence_ending_on_a_day_Then_that_day_still_has_slots_in_the_clinic_s_local_time_and_the_next_has_none()
    {
        var lastDay = new LocalDate(2026, 3, 30);
        var clinic = NineToFiveEveryDay(Berlin) with { LicenceExpiresOn = new DateOnly(2026, 3, 30) };

        Day(clinic, ThirtyMinutes(), lastDay).Count.ShouldBe(16);
        Day(clinic, ThirtyMinutes(), lastDay.PlusDays(1)).ShouldBeEmpty();
        var week = SlotGenerator.Generate(clinic, ThirtyMinutes(), lastDay.PlusDays(-3).AtStartOfDayInZone(Berlin).ToInstant(),
            lastDay.PlusDays(4).AtStartOfDayInZone(Berlin).ToInstant(), Instant.FromUtc(2026, 1, 1, 0, 0)).ToList();
        week.Count.ShouldBe(4 * 16);
        week.Max(s => s.Start.InZone(Berlin).Date).ShouldBe(lastDay);
    }

    [Fact]
    public void Given_the_days_either_side_of_spring_forward_Then_9_local_is_a_different_UTC_hour()
    {
        var before = Day(NineToFiveEveryDay(Berlin), ThirtyMinutes(), new LocalDate(2026, 3, 28))[0].Start;
        var after = Day(NineToFiveEveryDay(Berlin), ThirtyMinutes(), new LocalDate(2026, 3, 30))[0].Start;

        before.ShouldBe(Instant.FromUtc(2026, 3, 28, 8, 0));
        after.ShouldBe(Instant.FromUtc(2026, 3, 30, 7, 0));
    }

    [Fact]
    public void Given_a_patient_in_New_York_Then_the_same_slot_reads_as_their_local_time()
    {
        var slot = Day(NineToFiveEveryDay(Berlin), ThirtyMinutes(), new LocalDate(2026, 3, 30))[0];

        slot.Start.InZone(DateTimeZoneProviders.Tzdb["America/New_York"]).LocalDateTime.ShouldBe(new LocalDateTime(2026, 3, 30, 3, 0));
    }

    [Fact]
    public void Given_buffers_Then_slots_step_by_duration_plus_buffers_and_block_the_buffers_too()
    {
        var slots = Day(NineToFiveEveryDay(Berlin), ThirtyMinutes(before: 5, after: 10), new LocalDate(2026, 6, 1));

        slots[0].Start.InZone(Berlin).TimeOfDay.ShouldBe(new LocalTime(9, 5));
        slots[1].Start.InZone(Berlin).TimeOfDay.ShouldBe(new LocalTime(9, 50));
        (slots[0].BlockedUntil - slots[0].BlockedFrom).ShouldBe(Duration.FromMinutes(45));
        SlotGenerator.Granules(slots[0].BlockedFrom, slots[0].BlockedUntil).Count().ShouldBe(9);
    }

    [Fact]
    public void Given_a_day_off_and_extra_hours_Then_only_the_extra_hours_are_offered()
    {
        var date = new LocalDate(2026, 6, 2);
        var clinic = NineToFiveEveryDay(Berlin,
            new AvailabilityException { DoctorId = Doctor, ClinicId = Clinic, Date = new DateOnly(2026, 6, 2), Kind = ExceptionKind.DayOff },
            new AvailabilityException { DoctorId = Doctor, ClinicId = Clinic, Date = new DateOnly(2026, 6, 2), Kind = ExceptionKind.ExtraHours, StartMinute = 18 * 60, EndMinute = 19 * 60 });

        var slots = Day(clinic, ThirtyMinutes(), date);

        slots.Select(s => s.Start.InZone(Berlin).TimeOfDay).ShouldBe([new LocalTime(18, 0), new LocalTime(18, 30)]);
    }

    [Fact]
    public void Given_minimum_notice_and_horizon_Then_slots_too_soon_or_too_far_are_left_out()
    {
        var type = ThirtyMinutes();
        type.MinimumNoticeMinutes = 120;
        type.MaximumHorizonDays = 1;
        var now = Instant.FromUtc(2026, 6, 1, 7, 0);   // 09:00 in Berlin

        var slots = SlotGenerator.Generate(NineToFiveEveryDay(Berlin), type, now, now + Duration.FromDays(3), now).ToList();

        slots.Min(s => s.Start).ShouldBe(Instant.FromUtc(2026, 6, 1, 9, 0));
        slots.Max(s => s.Start).ShouldBeLessThan(now + Duration.FromDays(1));
    }
}
