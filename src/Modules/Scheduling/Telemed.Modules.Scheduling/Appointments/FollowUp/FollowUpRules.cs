using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Identity.Contracts;

namespace Telemed.Modules.Scheduling.Appointments.FollowUp;

/// <summary>Who may book a follow-up for whom, as sentences.</summary>
internal static class FollowUpRules
{
    /// <summary>
    /// A doctor books a follow-up only for a patient in their care: a current care relationship (appointment, consultation,
    /// referral). Break-glass access is for reading in an emergency, not for booking, so it does not count. Anyone else is told
    /// the patient does not exist (404 <c>scheduling.patient_not_found</c>), as for reads.
    /// </summary>
    public static Error? ADoctorBooksAFollowUpOnlyForAPatientInTheirCare(CareAccessDecision decision) =>
        decision.Allowed && !decision.ViaBreakGlass ? null : SchedulingErrors.PatientNotFound;
}
