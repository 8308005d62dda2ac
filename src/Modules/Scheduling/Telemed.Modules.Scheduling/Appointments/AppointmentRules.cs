using Telemed.BuildingBlocks.Results;

namespace Telemed.Modules.Scheduling.Appointments;

/// <summary>
/// The appointment's business rules, each a sentence. They return the error to report (or null when the rule holds), so the
/// entity can guard its transitions with them and the rules can be tested one by one.
/// </summary>
internal static class AppointmentRules
{
    public static readonly Error InThePast = new("scheduling.in_the_past", "An appointment cannot be booked or moved into the past.", ErrorKind.Unprocessable);
    public static readonly Error EmptyTime = new("scheduling.empty_time", "An appointment must end after it starts.", ErrorKind.Unprocessable);
    public static readonly Error AlreadyStarted = Error.Conflict("scheduling.already_started", "The visit has already started, so it can no longer be moved or cancelled.");
    public static readonly Error ConfirmationNotAskedYet = Error.Conflict("scheduling.confirmation_not_asked",
        "The appointment can be confirmed once its reminder has asked for it.");
    public static readonly Error CheckInNotOpen = Error.Conflict("scheduling.check_in_not_open",
        "Check-in opens an hour before the visit's start and closes at its end.");
    public static readonly Error NotStarted = Error.Conflict("scheduling.not_started", "A no-show can be recorded only after the appointment's start time.");

    /// <summary>Booking or moving to a start (UTC) at or before now is refused.</summary>
    public static Error? AppointmentCannotBeBookedInThePast(DateTime start, DateTime now) => start <= now ? InThePast : null;

    /// <summary>An appointment takes some time: its end (UTC) is after its start.</summary>
    public static Error? AppointmentMustEndAfterItStarts(DateTime start, DateTime end) => end <= start ? EmptyTime : null;

    /// <summary>Only booked or confirmed appointments can be moved, cancelled, checked in or marked as a no-show.</summary>
    public static Error? OnlyAnOpenAppointmentCanChange(AppointmentStatus status, string action) =>
        status is AppointmentStatus.Booked or AppointmentStatus.Confirmed ? null : Appointment.InvalidTransition(status, action);

    /// <summary>A no-show can only be recorded once the appointment has begun.</summary>
    public static Error? NoShowCanOnlyBeRecordedAfterTheStart(DateTime start, DateTime now) => now < start ? NotStarted : null;

    /// <summary>A visit that has begun (now at or after its UTC start) can no longer be moved or cancelled: it is checked in, completed or a no-show.</summary>
    public static Error? AVisitThatHasStartedCannotBeMovedOrCancelled(DateTime start, DateTime now) => now >= start ? AlreadyStarted : null;

    /// <summary>
    /// The patient is asked to confirm by the reminder (its message and one-tap link), not right after booking; the front desk
    /// may confirm for the patient (on the phone) at any time.
    /// </summary>
    public static bool ConfirmationIsAskedOnlyOnceAReminderHasGone(bool reminderSent, bool byFrontDesk) => reminderSent || byFrontDesk;

    /// <summary>How long before the start check-in opens: arriving early is fine, checking in days before the visit is not.</summary>
    public static readonly TimeSpan CheckInWindowBeforeTheStart = TimeSpan.FromMinutes(60);

    /// <summary>
    /// A patient can be checked in from an hour before the start (UTC) until the end; outside that window the check-in is
    /// refused, so an early mistake cannot lock the patient out of cancelling or moving the visit.
    /// </summary>
    public static Error? CheckInOpensAnHourBeforeTheStartAndClosesAtTheEnd(DateTime start, DateTime end, DateTime now) =>
        now >= start - CheckInWindowBeforeTheStart && now < end ? null : CheckInNotOpen;

    /// <summary>A cancellation less than the clinic's cutoff before the start counts as late (like a no-show, in the clinic's statistics).</summary>
    public static bool CancellationIsLateInsideTheCutoff(DateTime start, DateTime now, TimeSpan cutoff) => start - now < cutoff;

    /// <summary>How long after booking a patient may change their mind for free, whatever the cutoff (a mis-tap, the wrong day).</summary>
    public static readonly TimeSpan CancellationGraceAfterBooking = TimeSpan.FromMinutes(15);

    /// <summary>
    /// A cancellation within 15 minutes of the booking (<paramref name="bookedAt"/>, UTC) is never late, even when the visit was
    /// booked inside the cutoff: the patient undid a mistake, they did not leave the clinic with an empty slot it could have filled.
    /// </summary>
    public static bool CancellationSoonAfterBookingIsNeverLate(DateTime bookedAt, DateTime now) => now - bookedAt <= CancellationGraceAfterBooking;

    /// <summary>Late: inside the cutoff (<see cref="CancellationIsLateInsideTheCutoff"/>) and past the grace after booking (<see cref="CancellationSoonAfterBookingIsNeverLate"/>).</summary>
    public static bool CancellationIsLate(DateTime start, DateTime bookedAt, DateTime now, TimeSpan cutoff) =>
        CancellationIsLateInsideTheCutoff(start, now, cutoff) && !CancellationSoonAfterBookingIsNeverLate(bookedAt, now);

    /// <summary>A patient who has not checked in ten minutes after the start is late.</summary>
    public static bool PatientIsLateTenMinutesAfterTheStart(DateTime start, DateTime now) => now > start.AddMinutes(10);
}
