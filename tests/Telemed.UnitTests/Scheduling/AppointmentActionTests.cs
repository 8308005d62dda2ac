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

    [Fact]
    public void What_is_offered_and_what_the_endpoints_let_through_are_the_same_for_every_state_role_and_moment()
    {
        var roles = new[] { AppointmentRole.Patient, AppointmentRole.Doctor, AppointmentRole.FrontDesk };
        var moments = new[] { Start.AddDays(-2), Start.AddMinutes(-61), Start.AddMinutes(-30), Start.AddMinutes(5), Start.AddMinutes(31) };
        var actions = new[] { AppointmentActions.Confirm, AppointmentActions.Reschedule, AppointmentActions.Cancel, AppointmentActions.CheckIn,
            AppointmentActions.NoShow, AppointmentActions.Complete };
        foreach (var a in States())
        {
            foreach (var (role, now, reminded) in roles.SelectMany(r => moments.SelectMany(m => new[] { (r, m, false), (r, m, true) })))
            {
                var offered = AppointmentActions.For(a, role, now, reminded);
                foreach (var action in actions)
                {
                    var refusal = AppointmentActions.Refusal(action, a, role, now, reminded);
                    // The one exception: a repeated confirmation is harmless, so it is let through but not offered.
                    var repeat = action == AppointmentActions.Confirm && a.Status == AppointmentStatus.Confirmed && refusal is null;
                    (refusal is null && !repeat).ShouldBe(offered.Contains(action), $"{action} by {role} on a {a.Status} visit at {now:u}");
                }
            }
        }
    }

    [Fact]
    public void A_patient_confirming_before_the_reminder_is_refused_with_a_stable_code()
    {
        AppointmentActions.Refusal(AppointmentActions.Confirm, Booked(), AppointmentRole.Patient, Start.AddDays(-2), reminderSent: false)
            .ShouldBe(AppointmentRules.ConfirmationNotAskedYet);
        AppointmentActions.Refusal(AppointmentActions.Confirm, Booked(), AppointmentRole.Doctor, Start.AddDays(-2), reminderSent: true)!.Code
            .ShouldBe("scheduling.not_allowed");
    }

    [Fact]
    public void Check_in_opens_an_hour_before_the_start_and_closes_at_the_end()
    {
        var end = Start.AddMinutes(30);
        AppointmentRules.CheckInOpensAnHourBeforeTheStartAndClosesAtTheEnd(Start, end, Start.AddDays(-3)).ShouldBe(AppointmentRules.CheckInNotOpen);
        AppointmentRules.CheckInOpensAnHourBeforeTheStartAndClosesAtTheEnd(Start, end, Start.AddMinutes(-61)).ShouldBe(AppointmentRules.CheckInNotOpen);
        AppointmentRules.CheckInOpensAnHourBeforeTheStartAndClosesAtTheEnd(Start, end, Start.AddMinutes(-60)).ShouldBeNull();
        AppointmentRules.CheckInOpensAnHourBeforeTheStartAndClosesAtTheEnd(Start, end, end.AddMinutes(-1)).ShouldBeNull();
        AppointmentRules.CheckInOpensAnHourBeforeTheStartAndClosesAtTheEnd(Start, end, end).ShouldBe(AppointmentRules.CheckInNotOpen);
        AppointmentRules.CheckInNotOpen.Code.ShouldBe("scheduling.check_in_not_open");
        AppointmentActions.For(Booked(), AppointmentRole.FrontDesk, Start.AddDays(-3), reminderSent: true).ShouldNotContain(AppointmentActions.CheckIn);
        AppointmentActions.Refusal(AppointmentActions.CheckIn, Booked(), AppointmentRole.FrontDesk, Start.AddDays(-3), reminderSent: true)
            .ShouldBe(AppointmentRules.CheckInNotOpen);
    }

    private static IEnumerable<Appointment> States()
    {
        yield return Booked();
        var confirmed = Booked();
        confirmed.Confirm(Start.AddDays(-1));
        yield return confirmed;
        var checkedIn = Booked();
        checkedIn.CheckIn(Start.AddMinutes(-5));
        yield return checkedIn;
        var completed = Booked();
        completed.CheckIn(Start.AddMinutes(-5));
        completed.Complete(Start.AddMinutes(20));
        yield return completed;
        var cancelled = Booked();
        cancelled.Cancel("ill", Start.AddDays(-1), TimeSpan.FromHours(24));
        yield return cancelled;
        var missed = Booked();
        missed.MarkNoShow(Start.AddMinutes(15));
        yield return missed;
    }
}
