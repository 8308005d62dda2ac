using Telemed.BuildingBlocks.Results;

namespace Telemed.Modules.Consultations.Calls.Group;

/// <summary>Why a guest is in the call: FHIR Encounter.participant.type spirit (interpreter, a family member, a consultant).</summary>
public enum CallGuestRole { Interpreter, Family, ConsultingDoctor }

/// <summary>Invited → Waiting (the guest asked to join) → Admitted (by the doctor) → Removed; removal is possible from any earlier state.</summary>
public enum CallGuestStatus { Invited, Waiting, Admitted, Removed }

/// <summary>
/// A third participant of one consultation's call (table <c>call_guests</c>): invited by the consultation's doctor by the
/// e-mail of an existing account, bound to that consultation and only while it is in progress, in the room only after the
/// doctor admits them. Instants are UTC.
/// </summary>
internal sealed class CallGuest
{
    private CallGuest()
    {
    }

    public CallGuest(Guid consultationId, Guid userId, CallGuestRole role, Guid invitedBy, DateTime now)
    {
        Id = Guid.NewGuid();
        ConsultationId = consultationId;
        UserId = userId;
        Role = role;
        InvitedByUserId = invitedBy;
        InvitedAt = now;
        Status = CallGuestStatus.Invited;
    }

    public Guid Id { get; private set; }

    public Guid ConsultationId { get; private set; }

    public Guid UserId { get; private set; }

    public CallGuestRole Role { get; private set; }

    public CallGuestStatus Status { get; private set; }

    public Guid InvitedByUserId { get; private set; }

    public DateTime InvitedAt { get; private set; }

    public DateTime? AdmittedAt { get; private set; }

    public DateTime? RemovedAt { get; private set; }

    /// <summary>
    /// Optimistic concurrency, raised by every change of state: an admission and a removal (or a knock and a removal) at the same
    /// moment cannot both be stored, so a removal is never overwritten by a change read before it.
    /// </summary>
    public int Version { get; private set; }

    /// <summary>The guest asks to be let in; asking again while waiting or admitted changes nothing. Error: <c>consultation.not_found</c> once removed.</summary>
    public Result Knock()
    {
        if (Status == CallGuestStatus.Removed)
        {
            return GroupCallErrors.GuestRemoved;
        }

        if (Status == CallGuestStatus.Invited)
        {
            Status = CallGuestStatus.Waiting;
            Version++;
        }

        return Result.Success;
    }

    /// <summary>Rule: the doctor admits only a guest who has asked to join (so nobody is put into a call without being there). Error: <c>consultation.guest_not_waiting</c>.</summary>
    public Result Admit(DateTime now)
    {
        if (Status == CallGuestStatus.Admitted)
        {
            return Result.Success;
        }

        if (Status != CallGuestStatus.Waiting)
        {
            return GroupCallErrors.NotWaiting;
        }

        Status = CallGuestStatus.Admitted;
        AdmittedAt = now;
        Version++;
        return Result.Success;
    }

    /// <summary>The doctor removes the guest (or the consultation ended); final.</summary>
    public void Remove(DateTime now)
    {
        if (Status != CallGuestStatus.Removed)
        {
            Status = CallGuestStatus.Removed;
            RemovedAt = now;
            Version++;
        }
    }
}
