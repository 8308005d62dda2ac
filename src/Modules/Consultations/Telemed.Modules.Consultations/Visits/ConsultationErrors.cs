using Telemed.BuildingBlocks.Results;

namespace Telemed.Modules.Consultations.Visits;

internal static class ConsultationErrors
{
    public static readonly Error NotFound = new("consultation.not_found", "There is no such consultation.", ErrorKind.NotFound);
    public static readonly Error AppointmentNotFound = new("consultation.appointment_not_found", "There is no such appointment.", ErrorKind.NotFound);
    public static readonly Error NotAVisitOnline = new("consultation.not_online", "Only video and chat appointments take place here; come to the clinic for this one.", ErrorKind.Unprocessable);
    public static readonly Error TooEarly = new("consultation.too_early", "The waiting room opens 15 minutes before the appointment.", ErrorKind.Unprocessable);
    public static readonly Error TooLate = new("consultation.too_late", "This appointment's time has passed.", ErrorKind.Unprocessable);
    public static readonly Error AppointmentNotActive = new("consultation.appointment_not_active", "This appointment was cancelled or has already taken place.", ErrorKind.Unprocessable);
    public static readonly Error AlreadyTaken = Error.Conflict("consultation.already_taken", "Another doctor has already accepted this request.");
    public static readonly Error NotWaiting = Error.Conflict("consultation.not_waiting", "The patient is not waiting any more.");
    public static readonly Error DoctorBusy = Error.Conflict("consultation.doctor_busy", "You already have a consultation in progress; end it first.");
    public static readonly Error CallClosed = Error.Conflict("consultation.call_closed", "The call is open only while the consultation is in progress.");
    /// <summary>The doctor's licence ended before today (<c>DoctorPractisesOnlyWhileLicensed</c>): they take no consultation until it is renewed.</summary>
    public static readonly Error LicenceExpired = new("consultation.licence_expired",
        "Your licence to practise has expired, so you cannot take consultations. Ask an administrator to record the renewed licence.", ErrorKind.Unprocessable);
    public static readonly Error NotADoctor = Error.Forbidden("consultation.not_a_doctor", "Only doctors with a profile take consultations.");
    public static readonly Error PatientNotFound = new("consultation.patient_not_found", "There is no patient profile for this account.", ErrorKind.NotFound);
    public static readonly Error NoSuchSpecialty = new("consultation.no_such_specialty", "No doctor of this specialty works here.", ErrorKind.Unprocessable);
    public static readonly Error PatientMayOnlyLeave = Error.Forbidden("consultation.patient_may_only_leave", "Patients may only leave the queue.");

    public static readonly Error NotEscalated = Error.Conflict("consultation.not_escalated", "This request is no longer waiting on the front desk's list.");
    public static readonly Error DoctorCannotTake = new("consultation.doctor_cannot_take", "That doctor does not take requests of this specialty.", ErrorKind.Unprocessable);
    public static readonly Error NotAChat = Error.Conflict("consultation.not_a_chat", "Only a chat consultation in progress can switch to video.");
    public static readonly Error NoVideoProposal = Error.Conflict("consultation.no_video_proposal", "Nobody has proposed video; propose it first.");

    public static Error InvalidTransition(ConsultationStatus from, string action) =>
        Error.Conflict("consultation.invalid_transition", $"A consultation that is {from.ToString().ToLowerInvariant()} cannot {action}.");
}
