namespace Telemed.Modules.Scheduling.Appointments;

/// <summary>
/// The actions a participant can take on an appointment right now, worked out with the same rules the transitions
/// enforce (<see cref="AppointmentRules"/>), so the web app offers only what can succeed and does not repeat the rules.
/// Names (camelCase, as in <see cref="AppointmentView.AllowedActions"/>): <c>confirm</c>, <c>reschedule</c>, <c>cancel</c>,
/// <c>checkIn</c>, <c>noShow</c>, <c>complete</c>.
/// </summary>
internal static class AppointmentActions
{
    public const string Confirm = "confirm";
    public const string Reschedule = "reschedule";
    public const string Cancel = "cancel";
    public const string CheckIn = "checkIn";
    public const string NoShow = "noShow";
    public const string Complete = "complete";

    /// <summary>
    /// What <paramref name="role"/> may do at <paramref name="now"/> (UTC). <paramref name="reminderSent"/>: a reminder
    /// (which asks the patient to confirm) has gone out for the appointment's current time.
    /// </summary>
    public static IReadOnlyList<string> For(Appointment a, AppointmentRole role, DateTime now, bool reminderSent)
    {
        var actions = new List<string>();
        var open = AppointmentRules.OnlyAnOpenAppointmentCanChange(a.Status, "changed") is null;
        var byPatientOrDesk = role is AppointmentRole.Patient or AppointmentRole.FrontDesk;
        var byStaff = role is AppointmentRole.Doctor or AppointmentRole.FrontDesk;
        if (byPatientOrDesk && a.Status == AppointmentStatus.Booked && AppointmentRules.ConfirmationIsAskedOnlyOnceAReminderHasGone(reminderSent, role == AppointmentRole.FrontDesk)
            && AppointmentRules.AVisitThatHasStartedCannotBeMovedOrCancelled(a.Start, now) is null)
        {
            actions.Add(Confirm);
        }

        if (byPatientOrDesk && open && AppointmentRules.AVisitThatHasStartedCannotBeMovedOrCancelled(a.Start, now) is null)
        {
            actions.Add(Reschedule);
            actions.Add(Cancel);
        }

        if (byStaff && open && now < a.End)
        {
            actions.Add(CheckIn);
        }

        if (byStaff && open && AppointmentRules.NoShowCanOnlyBeRecordedAfterTheStart(a.Start, now) is null)
        {
            actions.Add(NoShow);
        }

        if (role == AppointmentRole.Doctor && a.Status == AppointmentStatus.CheckedIn)
        {
            actions.Add(Complete);
        }

        return actions;
    }
}
