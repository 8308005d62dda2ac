using Telemed.BuildingBlocks.Results;

namespace Telemed.Modules.Clinical.Prescriptions.Refills;

/// <summary>The errors of the refill use cases (stable codes; see docs/clinical.md).</summary>
internal static class RefillErrors
{
    public static readonly Error AlreadyRequested = new("clinical.refill_already_requested",
        "A refill of this prescription is already waiting for the doctor.", ErrorKind.Conflict);

    public static readonly Error AlreadyDecided = new("clinical.refill_already_decided", "This refill request was already decided.", ErrorKind.Conflict);

    public static readonly Error NotRefillable = new("clinical.prescription_not_refillable",
        "Only an active (signed, not expired, not cancelled) prescription can be refilled.", ErrorKind.Conflict);
}
