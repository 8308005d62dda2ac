using Telemed.Modules.Scheduling.Contracts;
using Telemed.Modules.Scheduling.Appointments;
using Telemed.Modules.Scheduling.Availability;

namespace Telemed.UnitTests.Scheduling;

public sealed class AppointmentLifecycleTests
{
    private static readonly DateTime Start = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);

    private static Appointment Booked() => Appointment.Book(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), AppointmentKind.Video,
        Start, Start.AddMinutes(30), Guid.NewGuid(), Start.AddDays(-7)).Value;

    [Fact]
    public void Given_a_booked_appointment_Then_it_can_be_confirmed_checked_in_and_completed_in_that_order()
    {
        var a = Booked();
        a.Complete(Start).IsSuccess.ShouldBeFalse();
        a.Confirm(Start.AddDays(-1)).IsSuccess.ShouldBeTrue();
        a.CheckIn(Start.AddMinutes(-5)).IsSuccess.ShouldBeTrue();
        a.Cancel("too late", Start, TimeSpan.FromHours(24)).Error!.Code.ShouldBe("scheduling.invalid_transition");
        a.Complete(Start.AddMinutes(30)).IsSuccess.ShouldBeTrue();
        a.Status.ShouldBe(AppointmentStatus.Completed);
    }

    [Theory]
    [InlineData(25, false)]
    [InlineData(23, true)]
    public void Given_the_clinic_cutoff_Then_a_cancellation_inside_it_is_recorded_as_late(int hoursBefore, bool late)
    {
        var a = Booked();
        a.Cancel("Travelling", Start.AddHours(-hoursBefore), TimeSpan.FromHours(24)).IsSuccess.ShouldBeTrue();
        a.LateCancellation.ShouldBe(late);
    }

    [Fact]
    public void Given_an_appointment_that_has_not_started_Then_it_cannot_be_a_no_show()
    {
        var a = Booked();
        a.MarkNoShow(Start.AddMinutes(-1)).Error!.Code.ShouldBe("scheduling.not_started");
        a.MarkNoShow(Start.AddMinutes(15)).IsSuccess.ShouldBeTrue();
        a.Reschedule(Start.AddDays(1), Start.AddDays(1).AddMinutes(30), Start.AddMinutes(15), default).IsSuccess.ShouldBeFalse();
    }
}
