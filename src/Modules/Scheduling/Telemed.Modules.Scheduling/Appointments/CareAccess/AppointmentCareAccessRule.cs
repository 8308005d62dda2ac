namespace Telemed.Modules.Scheduling.Appointments.CareAccess;

/// <summary>
/// How long an appointment lets its doctor see the patient's record: from the booking until <see cref="AfterTheVisit"/> after
/// the end of the last visit that still stands (booked, confirmed, checked in or completed). A cancelled appointment or a
/// no-show justifies nothing, so when no visit stands the access from appointments ends at once. A consultation the doctor
/// took and a care team are other, longer reasons (<c>CareRelationshipKind</c>), untouched by this rule.
/// </summary>
internal static class AppointmentCareAccessRule
{
    /// <summary>Long enough to write up the visit, read the results it ordered and answer the patient's questions about it.</summary>
    public static readonly TimeSpan AfterTheVisit = TimeSpan.FromDays(30);

    /// <summary>Whether an appointment in <paramref name="status"/> still justifies its doctor's access.</summary>
    public static bool AVisitStandsUnlessCancelledOrMissed(AppointmentStatus status) =>
        status is not (AppointmentStatus.Cancelled or AppointmentStatus.NoShow);

    /// <summary>The access lasts until 30 days after the end (UTC) of the last standing visit; null when none stands (it ends now).</summary>
    public static DateTime? AccessLastsUntilThirtyDaysAfterTheLastStandingVisit(IEnumerable<(AppointmentStatus Status, DateTime End)> visits) =>
        visits.Where(v => AVisitStandsUnlessCancelledOrMissed(v.Status)).Select(v => (DateTime?)v.End).Max() is { } last ? last + AfterTheVisit : null;
}
