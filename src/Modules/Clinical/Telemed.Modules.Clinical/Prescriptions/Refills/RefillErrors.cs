using Telemed.BuildingBlocks.Results;

namespace Telemed.Modules.Clinical.Prescriptions.Refills;

/// <summary>The errors of the refill use cases (stable codes; see docs/clinical.md).</summary>
internal static class RefillErrors
{
    public static readonly Error AlreadyRequested = new("clinical.refill_already_requested",
        "A refill of this prescription is already waiting for the doctor.", ErrorKind.Conflict);

    /// <summary>404 <c>clinical.not_found</c> for a refill request (unknown, or not the caller's to decide).</summary>
    public static readonly Error NotFound = new("clinical.not_found", "No such refill request.", ErrorKind.NotFound);

    public static readonly Error AlreadyDecided = new("clinical.refill_already_decided", "This refill request was already decided.", ErrorKind.Conflict);

    public static readonly Error NotRefillable = new("clinical.prescription_not_refillable",
        "Only an active (signed, not expired, not cancelled) prescription can be refilled.", ErrorKind.Conflict);
}
