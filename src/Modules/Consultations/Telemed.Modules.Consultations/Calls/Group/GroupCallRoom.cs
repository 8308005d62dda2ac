namespace Telemed.Modules.Consultations.Calls.Group;

/// <summary>
/// The SFU room of one consultation (table <c>call_rooms</c>), opened when the doctor admits the first guest; from then on the
/// whole call (doctor and patient too) goes through it until the consultation ends. <see cref="RoomId"/> is Janus's numeric
/// room id, derived from the consultation (<see cref="Media.ISelectiveForwardingUnit.RoomIdOf"/>) so that every host opening the
/// call's room opens the same one. Rooms stored before that are random; both are below 2^53 so browsers read them exactly.
/// Instants are UTC.
/// </summary>
internal sealed class GroupCallRoom
{
    private GroupCallRoom()
    {
    }

    public GroupCallRoom(Guid consultationId, long roomId, DateTime now)
    {
        ConsultationId = consultationId;
        RoomId = roomId;
        OpenedAt = now;
    }

    public Guid ConsultationId { get; private set; }

    public long RoomId { get; private set; }

    public DateTime OpenedAt { get; private set; }

    public DateTime? ClosedAt { get; private set; }

    /// <summary>The doctor let the patient share a screen (off until they do; the doctor may share at any time).</summary>
    public bool PatientMayShareScreen { get; private set; }

    public void Close(DateTime now) => ClosedAt ??= now;

    public void LetPatientShareScreen(bool allowed) => PatientMayShareScreen = allowed;
}
