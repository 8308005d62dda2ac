using Telemed.Modules.Scheduling.Appointments;
using Telemed.Modules.Scheduling.Appointments.CareAccess;
using Telemed.Modules.Scheduling.Contracts;

namespace Telemed.UnitTests.Scheduling;

/// <summary>How long an appointment lets its doctor see the patient's record (<see cref="AppointmentCareAccessRule"/>).</summary>
public sealed class AppointmentCareAccessRuleTests
{
    private static readonly DateTime End = new(2026, 12, 10, 9, 30, 0, DateTimeKind.Utc);

    [Fact]
    public void Access_lasts_until_thirty_days_after_the_last_standing_visit()
    {
        AppointmentCareAccessRule.AccessLastsUntilThirtyDaysAfterTheLastStandingVisit(
                [(AppointmentStatus.Completed, End.AddDays(-20)), (AppointmentStatus.Booked, End), (AppointmentStatus.Cancelled, End.AddDays(40))])
            .ShouldBe(End.AddDays(30));
    }

    [Fact]
    public void A_cancelled_or_missed_visit_justifies_nothing_so_the_access_ends_when_no_visit_stands()
    {
        AppointmentCareAccessRule.AccessLastsUntilThirtyDaysAfterTheLastStandingVisit(
            [(AppointmentStatus.Cancelled, End), (AppointmentStatus.NoShow, End.AddDays(-1))]).ShouldBeNull();
        AppointmentCareAccessRule.AccessLastsUntilThirtyDaysAfterTheLastStandingVisit([]).ShouldBeNull();
        foreach (var status in new[] { AppointmentStatus.Booked, AppointmentStatus.Confirmed, AppointmentStatus.CheckedIn, AppointmentStatus.Completed })
        {
            AppointmentCareAccessRule.AVisitStandsUnlessCancelledOrMissed(status).ShouldBeTrue();
        }
    }

    [Fact]
    public void Marking_a_no_show_raises_AppointmentMarkedNoShow_for_the_care_access()
    {
        var start = End.AddMinutes(-30);
        var a = Appointment.Book(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), AppointmentKind.Video,
            start, End, Guid.NewGuid(), start.AddDays(-2)).Value;
        a.ClearDomainEvents();
        a.MarkNoShow(start.AddMinutes(15)).IsSuccess.ShouldBeTrue();
        a.DomainEvents.OfType<AppointmentMarkedNoShow>().ShouldHaveSingleItem().AppointmentId.ShouldBe(a.Id);
    }
}
