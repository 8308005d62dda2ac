using Telemed.Modules.Consultations.Contracts;
using Telemed.Modules.Consultations.Visits;
using Telemed.Modules.Scheduling.Appointments;
using Telemed.Modules.Scheduling.Contracts;

namespace Telemed.UnitTests.Scheduling;

/// <summary>The demo's seeded visits may lie in the past, but announce nothing: no events for notices, charges or care grants.</summary>
public sealed class DemoSeedingTests
{
    private static readonly DateTime LastWeek = new(2026, 11, 23, 7, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Given_a_past_completed_demo_visit_Then_it_is_stored_as_completed_with_its_times_and_raises_no_events()
    {
        var a = Appointment.SeededForDemo(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), AppointmentKind.InPerson,
            LastWeek, LastWeek.AddMinutes(30), AppointmentStatus.Completed, Guid.NewGuid(), LastWeek.AddDays(-7));
        a.Status.ShouldBe(AppointmentStatus.Completed);
        a.CheckedInAt.ShouldBe(LastWeek);
        a.CompletedAt.ShouldBe(LastWeek.AddMinutes(30));
        a.DomainEvents.ShouldBeEmpty();
    }

    [Fact]
    public void Given_a_booked_demo_visit_today_Then_it_stays_open_for_the_usual_transitions()
    {
        var a = Appointment.SeededForDemo(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), AppointmentKind.Video,
            LastWeek, LastWeek.AddMinutes(30), AppointmentStatus.Booked, Guid.NewGuid(), LastWeek.AddDays(-7));
        a.IsOpen.ShouldBeTrue();
        a.CheckIn(LastWeek).IsSuccess.ShouldBeTrue();
    }

    [Fact]
    public void Given_a_seeded_past_consultation_Then_it_is_completed_with_the_doctors_notes_and_raises_no_events()
    {
        var c = Consultation.SeededCompletedForDemo(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "cardiology", Guid.NewGuid(), Guid.NewGuid(),
            ConsultationKind.Video, LastWeek, LastWeek.AddMinutes(23), "Dose unchanged.");
        c.Status.ShouldBe(ConsultationStatus.Completed);
        c.Notes.ShouldBe("Dose unchanged.");
        c.DurationSeconds.ShouldBe(23 * 60);
        c.DomainEvents.ShouldBeEmpty();
    }
}
