using Telemed.BuildingBlocks.Events;

namespace Telemed.Modules.Clinical.Contracts;

/// <summary>The states of a patient's refill request: <c>requested</c> (open), then <c>approved</c> or <c>declined</c>.</summary>
public static class RefillRequestStatuses
{
    public const string Requested = "requested";
    public const string Approved = "approved";
    public const string Declined = "declined";
}

/// <summary>
/// A refill request was decided: approved (its new prescription, <paramref name="NewPrescriptionId"/>, is signed) or
/// declined. Carries no health data — no medicine, no note, no reason; the patient reads those in the portal.
/// <paramref name="PatientUserId"/> is the user who asked (the patient or a guardian). UTC instant.
/// </summary>
public sealed record RefillRequestDecided(Guid RefillRequestId, Guid PrescriptionId, Guid PatientId, Guid PatientUserId, string Status,
    Guid? NewPrescriptionId, DateTime DecidedAt) : IntegrationEvent, IDomainEvent;
