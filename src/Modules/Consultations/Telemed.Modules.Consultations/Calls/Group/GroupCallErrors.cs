using Telemed.BuildingBlocks.Results;

namespace Telemed.Modules.Consultations.Calls.Group;

/// <summary>Stable error codes of group calls (ProblemDetails <c>code</c>).</summary>
internal static class GroupCallErrors
{
    public static readonly Error Unavailable = Error.Conflict("consultation.group_calls_unavailable", "Calls with more than two people are not set up at this clinic.");
    public static readonly Error InvalidGuest = Error.Validation("consultation.invalid_guest", "Give the guest's e-mail address and say whether they are an interpreter, a family member or a consulting doctor.");
    public static readonly Error AccountNotFound = new("consultation.guest_account_not_found", "Nobody has an account with that e-mail address; ask them to register first.", ErrorKind.NotFound);
    public static readonly Error Participant = Error.Conflict("consultation.guest_is_participant", "The patient and the doctor are in the call already.");
    public static readonly Error AlreadyInvited = Error.Conflict("consultation.already_invited", "That person is already invited to this call.");
    public static readonly Error Limit = Error.Conflict("consultation.guest_limit", "This call has as many guests as it can take; remove one first.");
    public static readonly Error NotWaiting = Error.Conflict("consultation.guest_not_waiting", "The guest has not asked to join yet.");
    public static readonly Error NotAdmitted = Error.Conflict("consultation.guest_not_admitted", "The doctor has not let you in yet.");
    public static readonly Error GuestRemoved = new("consultation.not_found", "There is no such consultation.", ErrorKind.NotFound);
    public static readonly Error RoomChanged = Error.Conflict("consultation.call_room_changed", "The call moved to the group call server meanwhile; try again.");
    public static readonly Error SfuFailed = new("consultation.sfu_unavailable", "The group call server did not answer; try again in a moment.", ErrorKind.Unavailable);
}
