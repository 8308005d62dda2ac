using Telemed.Modules.Scheduling.Appointments;
using Telemed.Modules.Scheduling.Availability;
using Telemed.Modules.Scheduling.Contracts;

namespace Telemed.UnitTests.Scheduling;

/// <summary>One test per appointment rule, and the events and versions the appointment's own transitions produce.</summary>
public sealed class AppointmentRuleTests
{
    private static readonly DateTime Start = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Now = Start.AddDays(-3);

    private static Appointment Booked()
    {
        var a = Appointment.Book(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), AppointmentKind.Video,
            Start, Start.AddMinutes(30), Guid.NewGuid(), Now).Value;
        a.ClearDomainEvents();
        return a;
    }

    [Fact]
    public void Appointment_cannot_be_booked_in_the_past()
    {
        AppointmentRules.AppointmentCannotBeBookedInThePast(Start, Start).ShouldBe(AppointmentRules.InThePast);
        AppointmentRules.AppointmentCannotBeBookedInThePast(Start, Start.AddMinutes(-1)).ShouldBeNull();
        Appointment.Book(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), AppointmentKind.Video, Start, Start.AddMinutes(30),
            Guid.NewGuid(), Start.AddMinutes(1)).Error!.Code.ShouldBe("scheduling.in_the_past");
    }

    [Fact]
    public void Appointment_must_end_after_it_starts()
    {
        AppointmentRules.AppointmentMustEndAfterItStarts(Start, Start).ShouldBe(AppointmentRules.EmptyTime);
        AppointmentRules.AppointmentMustEndAfterItStarts(Start, Start.AddMinutes(15)).ShouldBeNull();
    }

    [Theory]
    [InlineData(AppointmentStatus.Booked, true)]
    [InlineData(AppointmentStatus.Confirmed, true)]
    [InlineData(AppointmentStatus.CheckedIn, false)]
    [InlineData(AppointmentStatus.Completed, false)]
    [InlineData(AppointmentStatus.Cancelled, false)]
    [InlineData(AppointmentStatus.NoShow, false)]
    public void Only_an_open_appointment_can_change(AppointmentStatus status, bool allowed) =>
        (AppointmentRules.OnlyAnOpenAppointmentCanChange(status, "moved") is null).ShouldBe(allowed);

    [Fact]
    public void No_show_can_only_be_recorded_after_the_start()
    {
        AppointmentRules.NoShowCanOnlyBeRecordedAfterTheStart(Start, Start.AddSeconds(-1)).ShouldBe(AppointmentRules.NotStarted);
        AppointmentRules.NoShowCanOnlyBeRecordedAfterTheStart(Start, Start).ShouldBeNull();
    }

    [Fact]
    public void Cancellation_is_late_inside_the_cutoff()
    {
        AppointmentRules.CancellationIsLateInsideTheCutoff(Start, Start.AddHours(-23), TimeSpan.FromHours(24)).ShouldBeTrue();
        AppointmentRules.CancellationIsLateInsideTheCutoff(Start, Start.AddHours(-24), TimeSpan.FromHours(24)).ShouldBeFalse();
    }

    [Fact]
    public void Patient_is_late_ten_minutes_after_the_start()
    {
        AppointmentRules.PatientIsLateTenMinutesAfterTheStart(Start, Start.AddMinutes(10)).ShouldBeFalse();
        AppointmentRules.PatientIsLateTenMinutesAfterTheStart(Start, Start.AddMinutes(11)).ShouldBeTrue();
    }

    [Fact]
    public void Booking_raises_AppointmentBooked_once_with_the_appointment_facts()
    {
        var a = Appointment.Book(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), AppointmentKind.InPerson,
            Start, Start.AddMinutes(30), Guid.NewGuid(), Now).Value;
        var booked = a.DomainEvents.ShouldHaveSingleItem().ShouldBeOfType<AppointmentBooked>();
        (booked.AppointmentId, booked.PatientId, booked.Kind, booked.Start).ShouldBe((a.Id, a.PatientId, AppointmentKind.InPerson, Start));
        a.Version.ShouldBe(0);
    }

    [Fact]
    public void Rescheduling_frees_the_old_time_raises_AppointmentRescheduled_and_bumps_the_version()
    {
        var a = Booked();
        a.Confirm(Now).IsSuccess.ShouldBeTrue();
        var freed = new BlockedRange(Start.AddMinutes(-10), Start.AddMinutes(40));
        a.Reschedule(Start.AddDays(1), Start.AddDays(1).AddMinutes(30), Now, freed).IsSuccess.ShouldBeTrue();

        a.Status.ShouldBe(AppointmentStatus.Booked);
        a.Version.ShouldBe(2);
        var time = a.DomainEvents[0].ShouldBeOfType<AppointmentTimeFreed>();
        (time.Start, time.BlockedFrom, time.BlockedUntil).ShouldBe((Start, freed.From, freed.Until));
        var moved = a.DomainEvents[1].ShouldBeOfType<AppointmentRescheduled>();
        (moved.PreviousStart, moved.Start, moved.Version).ShouldBe((Start, Start.AddDays(1), 2));
    }

    [Fact]
    public void Rescheduling_into_the_past_is_refused_and_changes_nothing()
    {
        var a = Booked();
        a.Reschedule(Now.AddHours(-1), Now.AddMinutes(-30), Now, default).Error!.Code.ShouldBe("scheduling.in_the_past");
        (a.Start, a.Version, a.DomainEvents.Count).ShouldBe((Start, 0, 0));
    }

    [Fact]
    public void Cancelling_raises_AppointmentCancelled_with_who_and_whether_late_and_a_second_cancel_raises_nothing()
    {
        var a = Booked();
        a.Cancel(" Travelling ", Start.AddHours(-2), TimeSpan.FromHours(24), default, byPatient: true).IsSuccess.ShouldBeTrue();
        var cancelled = a.DomainEvents.OfType<AppointmentCancelled>().ShouldHaveSingleItem();
        (cancelled.ByPatient, cancelled.Late, cancelled.Version).ShouldBe((true, true, 1));
        a.DomainEvents.OfType<AppointmentTimeFreed>().ShouldHaveSingleItem();
        a.CancellationReason.ShouldBe("Travelling");

        a.ClearDomainEvents();
        a.Cancel("again", Start.AddHours(-1), TimeSpan.FromHours(24)).Error!.Code.ShouldBe("scheduling.invalid_transition");
        a.DomainEvents.ShouldBeEmpty();
        a.Version.ShouldBe(1);
    }

    [Fact]
    public void Confirming_twice_bumps_the_version_once()
    {
        var a = Booked();
        a.Confirm(Now).IsSuccess.ShouldBeTrue();
        a.Confirm(Now.AddMinutes(1)).IsSuccess.ShouldBeTrue();
        a.Version.ShouldBe(1);
    }

    [Fact]
    public void Cancellation_soon_after_booking_is_never_late()
    {
        var bookedAt = Start.AddHours(-2);      // booked inside the 24-hour cutoff
        AppointmentRules.CancellationSoonAfterBookingIsNeverLate(bookedAt, bookedAt.AddMinutes(15)).ShouldBeTrue();
        AppointmentRules.CancellationSoonAfterBookingIsNeverLate(bookedAt, bookedAt.AddMinutes(16)).ShouldBeFalse();
        AppointmentRules.CancellationIsLate(Start, bookedAt, bookedAt.AddSeconds(5), TimeSpan.FromHours(24)).ShouldBeFalse();
        AppointmentRules.CancellationIsLate(Start, bookedAt, bookedAt.AddMinutes(30), TimeSpan.FromHours(24)).ShouldBeTrue();
        AppointmentRules.CancellationIsLate(Start, Start.AddDays(-5), Start.AddDays(-3), TimeSpan.FromHours(24)).ShouldBeFalse();

        var a = Appointment.Book(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), AppointmentKind.Video,
            Start, Start.AddMinutes(30), Guid.NewGuid(), bookedAt).Value;
        a.Cancel("mistake", bookedAt.AddSeconds(5), TimeSpan.FromHours(24)).IsSuccess.ShouldBeTrue();
        a.LateCancellation.ShouldBeFalse();
        a.DomainEvents.OfType<AppointmentCancelled>().ShouldHaveSingleItem().Late.ShouldBeFalse();
    }
}
