using Telemed.BuildingBlocks.Results;

namespace Telemed.Modules.Scheduling.Appointments;

/// <summary>
/// The actions a participant can take on an appointment right now, worked out with the same rules the transitions
/// enforce (<see cref="AppointmentRules"/>), so the web app offers only what can succeed and does not repeat the rules.
/// Names (camelCase, as in <see cref="AppointmentView.AllowedActions"/>): <c>confirm</c>, <c>reschedule</c>, <c>cancel</c>,
/// <c>checkIn</c>, <c>noShow</c>, <c>complete</c>.
/// <para>One source of truth: <see cref="For"/> offers exactly the actions <see cref="Refusal"/> lets through, and every
/// transition endpoint asks <see cref="Refusal"/> before it changes anything, so an action not offered is refused with the
/// rule's stable code (409; 403 <c>scheduling.not_allowed</c> for a participant who may never take it).</para>
/// </summary>
internal static class AppointmentActions
{
    public const string Confirm = "confirm";
    public const string Reschedule = "reschedule";
    public const string Cancel = "cancel";
    public const string CheckIn = "checkIn";
    public const string NoShow = "noShow";
    public const string Complete = "complete";

    private static readonly string[] All = [Confirm, Reschedule, Cancel, CheckIn, NoShow, Complete];

    /// <summary>403: the participant may never take this action on an appointment (e.g. a patient completing a visit).</summary>
    public static readonly Error NotAllowed = Error.Forbidden("scheduling.not_allowed", "You cannot do this to the appointment.");

    /// <summary>
    /// What <paramref name="role"/> may do at <paramref name="now"/> (UTC). <paramref name="reminderSent"/>: a reminder
    /// (which asks the patient to confirm) has gone out for the appointment's current time.
    /// </summary>
    public static IReadOnlyList<string> For(Appointment a, AppointmentRole role, DateTime now, bool reminderSent) =>
        // A confirmed appointment is not offered confirmation again, although a repeated confirm (a second tap) is harmless.
        All.Where(action => Refusal(action, a, role, now, reminderSent) is null && !(action == Confirm && a.Status == AppointmentStatus.Confirmed)).ToList();

    /// <summary>
    /// Why <paramref name="role"/> may not take <paramref name="action"/> (one of this class's names) on <paramref name="a"/> at
    /// <paramref name="now"/> (UTC), as the error to answer with; null when the action is allowed.
    /// </summary>
    public static Error? Refusal(string action, Appointment a, AppointmentRole role, DateTime now, bool reminderSent)
    {
        var byPatientOrDesk = role is AppointmentRole.Patient or AppointmentRole.FrontDesk;
        var byStaff = role is AppointmentRole.Doctor or AppointmentRole.FrontDesk;
        return action switch
        {
            Confirm when !byPatientOrDesk => NotAllowed,
            Confirm when a.Status == AppointmentStatus.Confirmed => null,
            Confirm => (a.Status == AppointmentStatus.Booked ? null : Appointment.InvalidTransition(a.Status, "confirmed"))
                ?? AppointmentRules.AVisitThatHasStartedCannotBeMovedOrCancelled(a.Start, now)
                ?? (AppointmentRules.ConfirmationIsAskedOnlyOnceAReminderHasGone(reminderSent, role == AppointmentRole.FrontDesk)
                    ? null : AppointmentRules.ConfirmationNotAskedYet),
            Reschedule or Cancel when !byPatientOrDesk => NotAllowed,
            Reschedule or Cancel => AppointmentRules.OnlyAnOpenAppointmentCanChange(a.Status, action == Cancel ? "cancelled" : "rescheduled")
                ?? AppointmentRules.AVisitThatHasStartedCannotBeMovedOrCancelled(a.Start, now),
            CheckIn when !byStaff => NotAllowed,
            CheckIn => AppointmentRules.OnlyAnOpenAppointmentCanChange(a.Status, "checked in")
                ?? AppointmentRules.CheckInOpensAnHourBeforeTheStartAndClosesAtTheEnd(a.Start, a.End, now),
            NoShow when !byStaff => NotAllowed,
            NoShow => AppointmentRules.OnlyAnOpenAppointmentCanChange(a.Status, "marked as a no-show")
                ?? AppointmentRules.NoShowCanOnlyBeRecordedAfterTheStart(a.Start, now),
            Complete when role != AppointmentRole.Doctor => NotAllowed,
            Complete => a.Status == AppointmentStatus.CheckedIn ? null : Appointment.InvalidTransition(a.Status, "completed"),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Not an appointment action."),
        };
    }
}
