using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Events;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Clinical.Contracts;

namespace Telemed.Modules.Clinical.Prescriptions.Refills;

/// <summary>
/// A patient's request (or their guardian's) for more of an active prescription, queued for the prescriber
/// (<see cref="AssignedDoctorUserId"/>). Lifecycle: requested → approved (the new prescription the doctor drafted with
/// <see cref="StartApproval"/> is signed) or declined (with a reason). The patient's note and the decline reason are
/// encrypted at rest. UTC instants. Raises <see cref="RefillRequestDecided"/> when decided. <see cref="Version"/>, the concurrency
/// token, increases with every transition, so of two decisions read from the same state only the first saves.
/// </summary>
internal sealed class RefillRequest : AggregateRoot, IPhiRecord
{
    private RefillRequest()
    {
    }

    public Guid Id { get; private set; }
    public Guid PrescriptionId { get; private set; }
    public Guid PatientId { get; private set; }
    public Guid RequestedByUserId { get; private set; }
    public Guid AssignedDoctorUserId { get; private set; }
    public string Status { get; private set; } = RefillRequestStatuses.Requested;
    public string? PatientNote { get; private set; }
    public string? DeclineReason { get; private set; }

    /// <summary>The draft (later signed) prescription the doctor started when approving; null until then.</summary>
    public Guid? NewPrescriptionId { get; private set; }

    public DateTime RequestedAt { get; private set; }
    public DateTime? DecidedAt { get; private set; }

    /// <summary>The concurrency token: increases with every transition (approval started, approved, declined).</summary>
    public int Version { get; private set; }

    public string AuditRecordType => "RefillRequest";
    public Guid AuditRecordId => Id;
    public Guid? AuditPatientId => PatientId;

    public bool IsOpen => Status == RefillRequestStatuses.Requested;

    /// <summary>A new open request for <paramref name="prescription"/>, assigned to its prescriber.</summary>
    public static RefillRequest For(Prescription prescription, Guid requestedByUserId, string? note, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(),
        PrescriptionId = prescription.Id,
        PatientId = prescription.PatientId,
        RequestedByUserId = requestedByUserId,
        AssignedDoctorUserId = prescription.PrescriberUserId,
        PatientNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
        RequestedAt = now,
    };

    /// <summary>Links the new draft prescription; the request stays open until it is signed. Error: <c>clinical.refill_already_decided</c>.</summary>
    public Result StartApproval(Guid draftPrescriptionId)
    {
        if (!IsOpen)
        {
            return RefillErrors.AlreadyDecided;
        }

        NewPrescriptionId = draftPrescriptionId;
        Version++;
        return Result.Success;
    }

    /// <summary>The new prescription is signed: the request is approved. Returns false when it was already decided (idempotent).</summary>
    public bool CompleteApproval(DateTime signedAt)
    {
        if (!IsOpen || NewPrescriptionId is null)
        {
            return false;
        }

        Status = RefillRequestStatuses.Approved;
        DecidedAt = signedAt;
        Version++;
        Raise(new RefillRequestDecided(Id, PrescriptionId, PatientId, RequestedByUserId, Status, NewPrescriptionId, signedAt));
        return true;
    }

    /// <summary>The doctor declines with a reason (shown to the patient). Error: <c>clinical.refill_already_decided</c>.</summary>
    public Result Decline(string reason, DateTime now)
    {
        if (!IsOpen)
        {
            return RefillErrors.AlreadyDecided;
        }

        Status = RefillRequestStatuses.Declined;
        DeclineReason = reason.Trim();
        DecidedAt = now;
        Version++;
        Raise(new RefillRequestDecided(Id, PrescriptionId, PatientId, RequestedByUserId, Status, null, now));
        return Result.Success;
    }
}
