using Telemed.Modules.Consultations.Visits;
using Telemed.Modules.Scheduling.Contracts;

namespace Telemed.UnitTests.Consultations;

/// <summary>Only a visit that can still take place is prepared for (<see cref="ActiveVisitRule"/>).</summary>
public sealed class ActiveVisitRuleTests
{
    private static AppointmentInfo Visit(string status) => new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(),
        "video", status, new DateTime(2026, 12, 10, 9, 0, 0, DateTimeKind.Utc), new DateTime(2026, 12, 10, 9, 30, 0, DateTimeKind.Utc));

    [Theory]
    [InlineData("booked", true)]
    [InlineData("confirmed", true)]
    [InlineData("checkedIn", true)]
    [InlineData("cancelled", false)]
    [InlineData("noShow", false)]
    [InlineData("completed", false)]
    public void A_visit_is_active_until_cancelled_missed_or_done(string status, bool active)
    {
        ActiveVisitRule.AVisitIsActiveUntilCancelledMissedOrDone(Visit(status)).ShouldBe(active);
        (ActiveVisitRule.OnlyAnActiveVisitIsPreparedFor(Visit(status))?.Code).ShouldBe(active ? null : "consultation.appointment_not_active");
    }
}
