using Telemed.BuildingBlocks.Results;

namespace Telemed.Modules.Scheduling.Appointments;

internal static class SchedulingErrors
{
    public static readonly Error SlotTaken = Error.Conflict("scheduling.slot_taken", "This time has just been taken. Please pick another.");
    public static readonly Error SlotUnavailable = new("scheduling.slot_unavailable",
        "The doctor does not offer this time: it is outside their hours, too soon, or too far ahead.", ErrorKind.Unprocessable);
    /// <summary>The slot's day (the clinic's local date) is after the last day of the doctor's licence (<c>DoctorPractisesOnlyWhileLicensed</c>).</summary>
    public static readonly Error DoctorLicenceExpired = new("scheduling.doctor_licence_expired",
        "The doctor's licence to practise ends before this day, so this time cannot be booked. Pick an earlier day or another doctor.", ErrorKind.Unprocessable);
    public static readonly Error DoctorNotFound = new("scheduling.doctor_not_found", "There is no such doctor taking appointments.", ErrorKind.NotFound);
    public static readonly Error AppointmentNotFound = new("scheduling.appointment_not_found", "There is no such appointment.", ErrorKind.NotFound);
    public static readonly Error PatientNotFound = new("scheduling.patient_not_found", "There is no such patient.", ErrorKind.NotFound);
    public static readonly Error IdempotencyKeyReused = new("idempotency.key_reused",
        "This Idempotency-Key was already used for a different request.", ErrorKind.Unprocessable);
    public static readonly Error IdempotencyInFlight = Error.Conflict("idempotency.in_progress", "A request with this Idempotency-Key is still being processed.");
    public static readonly Error OfferExpired = Error.Conflict("scheduling.offer_expired", "This offer has run out; the time has passed to the next patient in line.");
    public static readonly Error LinkExpired = new("scheduling.link_expired", "This link has expired or has already been used.", ErrorKind.Gone);
    public static readonly Error LinkNotFound = new("scheduling.link_not_found", "This link is not valid.", ErrorKind.NotFound);
}
