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
    public void Given_the_system_cancels_with_a_code_Then_the_code_is_kept_and_no_English_sentence_is_stored_as_the_reason()
    {
        var a = Booked();
        a.Cancel("", Start.AddDays(-3), TimeSpan.FromHours(24), code: CancellationCodes.DoctorUnavailable).IsSuccess.ShouldBeTrue();
        a.CancellationCode.ShouldBe(CancellationCodes.DoctorUnavailable);
        a.CancellationReason.ShouldBeNull();

        var byPerson = Booked();
        byPerson.Cancel("  Travelling ", Start.AddDays(-3), TimeSpan.FromHours(24)).IsSuccess.ShouldBeTrue();
        (byPerson.CancellationCode, byPerson.CancellationReason).ShouldBe((null, "Travelling"));
    }

    [Fact]
    public void Given_a_day_off_cancellation_stored_before_the_code_Then_it_reads_as_the_code()
    {
        CancellationCodes.AsRead(null, "The doctor is not available that day.").ShouldBe((CancellationCodes.DoctorUnavailable, (string?)null));
        CancellationCodes.AsRead(null, "Travelling").ShouldBe(((string?)null, "Travelling"));
        CancellationCodes.AsRead(CancellationCodes.DoctorUnavailable, null).ShouldBe((CancellationCodes.DoctorUnavailable, (string?)null));
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
