using Telemed.Modules.Scheduling.Appointments;
using Telemed.Modules.Scheduling.Contracts;

namespace Telemed.UnitTests.Scheduling;

/// <summary>The actions offered on an appointment follow the rules its transitions enforce (issue 11, item 12).</summary>
public sealed class AppointmentActionTests
{
    private static readonly DateTime Start = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);

    private static Appointment Booked() => Appointment.Book(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(),
        AppointmentKind.Video, Start, Start.AddMinutes(30), Guid.NewGuid(), Start.AddDays(-3)).Value;

    [Fact]
    public void No_show_is_offered_only_after_the_start_and_only_to_staff()
    {
        var a = Booked();
        AppointmentActions.For(a, AppointmentRole.FrontDesk, Start.AddHours(-5.5), reminderSent: false).ShouldNotContain(AppointmentActions.NoShow);
        AppointmentActions.For(a, AppointmentRole.FrontDesk, Start.AddMinutes(1), reminderSent: false).ShouldContain(AppointmentActions.NoShow);
        AppointmentActions.For(a, AppointmentRole.Doctor, Start.AddMinutes(1), reminderSent: false).ShouldContain(AppointmentActions.NoShow);
        AppointmentActions.For(a, AppointmentRole.Patient, Start.AddMinutes(1), reminderSent: false).ShouldNotContain(AppointmentActions.NoShow);
        // Whatever is offered succeeds: the transition itself agrees.
        a.MarkNoShow(Start.AddHours(-5.5)).Error!.Code.ShouldBe("scheduling.not_started");
    }

    [Fact]
    public void The_patient_is_asked_to_confirm_only_once_a_reminder_has_gone()
    {
        var a = Booked();
        AppointmentActions.For(a, AppointmentRole.Patient, Start.AddDays(-2), reminderSent: false).ShouldNotContain(AppointmentActions.Confirm);
        AppointmentActions.For(a, AppointmentRole.Patient, Start.AddHours(-2), reminderSent: true).ShouldContain(AppointmentActions.Confirm);
        AppointmentActions.For(a, AppointmentRole.FrontDesk, Start.AddDays(-2), reminderSent: false).ShouldContain(AppointmentActions.Confirm);
        AppointmentRules.ConfirmationIsAskedOnlyOnceAReminderHasGone(reminderSent: false, byFrontDesk: false).ShouldBeFalse();
    }

    [Fact]
    public void A_visit_that_has_started_is_not_offered_for_moving_or_cancelling()
    {
        var a = Booked();
        AppointmentActions.For(a, AppointmentRole.Patient, Start.AddHours(-1), reminderSent: false)
            .ShouldBe([AppointmentActions.Reschedule, AppointmentActions.Cancel]);
        AppointmentActions.For(a, AppointmentRole.Patient, Start, reminderSent: true).ShouldBeEmpty();
        AppointmentRules.AVisitThatHasStartedCannotBeMovedOrCancelled(Start, Start).ShouldBe(AppointmentRules.AlreadyStarted);
    }

    [Fact]
    public void A_cancelled_visit_offers_nothing_and_a_checked_in_one_only_completion_to_its_doctor()
    {
        var cancelled = Booked();
        cancelled.Cancel("ill", Start.AddDays(-1), TimeSpan.FromHours(24));
        foreach (var role in new[] { AppointmentRole.Patient, AppointmentRole.Doctor, AppointmentRole.FrontDesk })
        {
            AppointmentActions.For(cancelled, role, Start.AddDays(-1), reminderSent: true).ShouldBeEmpty();
        }

        var checkedIn = Booked();
        checkedIn.CheckIn(Start.AddMinutes(-5));
        AppointmentActions.For(checkedIn, AppointmentRole.Doctor, Start, reminderSent: true).ShouldBe([AppointmentActions.Complete]);
        AppointmentActions.For(checkedIn, AppointmentRole.FrontDesk, Start, reminderSent: true).ShouldBeEmpty();
    }
}
