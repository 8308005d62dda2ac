using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Scheduling.Contracts;

namespace Telemed.Modules.Consultations.Visits;

/// <summary>
/// A booked visit is active while it can still take place: booked, confirmed or checked in. A cancelled, missed or completed
/// visit is not, so nothing is prepared for it any more — its waiting room stays shut and no complaint draft is kept for it
/// (<c>consultation.appointment_not_active</c>, 422).
/// </summary>
internal static class ActiveVisitRule
{
    /// <summary>Whether the visit (status as <see cref="AppointmentInfo.Status"/> names it) can still take place.</summary>
    public static bool AVisitIsActiveUntilCancelledMissedOrDone(AppointmentInfo appointment) =>
        appointment.Status is "booked" or "confirmed" or "checkedIn";

    /// <summary><see cref="ConsultationErrors.AppointmentNotActive"/> for a visit that can no longer take place; null for an active one.</summary>
    public static Error? OnlyAnActiveVisitIsPreparedFor(AppointmentInfo appointment) =>
        AVisitIsActiveUntilCancelledMissedOrDone(appointment) ? null : ConsultationErrors.AppointmentNotActive;
}
