namespace Telemed.Modules.Consultations.Calls.Media;

/// <summary>What a browser needs to take part in an SFU room: where, which room, its own token and publisher ids.</summary>
/// <param name="Server">The SFU's browser URL (janus.js <c>server</c>).</param>
/// <param name="Token">The participant's own token: accepted by the SFU for this room only, withdrawn when they are removed or the call ends.</param>
/// <param name="Room">The room id.</param>
/// <param name="FeedId">The id the participant publishes their camera under.</param>
/// <param name="ScreenFeedId">The id they publish a shared screen under.</param>
/// <param name="Display">The name the others see.</param>
public sealed record SfuSeat(string Server, string Token, long Room, long FeedId, long ScreenFeedId, string Display);

/// <summary>
/// The media port for calls of more than two (issue 16). Peer-to-peer WebRTC (the browser's own adapter, signalled through
/// <see cref="CallHub"/>) stays the default for one-to-one calls; this port is the other adapter: a selective forwarding unit
/// whose rooms the host creates and destroys and whose door it controls participant by participant. Room secrets never leave
/// the host. Every method throws <see cref="SfuUnavailableException"/> when the SFU does not answer or refuses.
/// </summary>
internal interface ISelectiveForwardingUnit
{
    /// <summary>False when no SFU is configured: group calls are off.</summary>
    bool Available { get; }

    /// <summary>Creates the room (idempotent) for at most <paramref name="publishers"/> publishers, nobody allowed in yet.</summary>
    Task OpenRoomAsync(long room, int publishers, CancellationToken ct);

    /// <summary>
    /// The room number for a consultation's call: positive, below 2^53 (browsers read it exactly), the same on every host and
    /// unguessable without the SFU's secret. Being the same everywhere is what makes two first moves to the SFU at once (two
    /// admissions, an admission and a consent, on any hosts) open one room: the second create is a no-op. <paramref name="attempt"/>
    /// gives the next candidate, for the improbable case that another consultation's room holds this number already.
    /// </summary>
    long RoomIdOf(Guid consultationId, int attempt);

    /// <summary>Lets one participant in (idempotent) and returns their seat.</summary>
    Task<SfuSeat> AdmitAsync(long room, Guid userId, string display, CancellationToken ct);

    /// <summary>Drops a participant at once: their token stops working and their feeds are kicked out of the room.</summary>
    Task DropAsync(long room, Guid userId, CancellationToken ct);

    /// <summary>Kicks a participant's screen publisher out of the room (idempotent); their camera stays.</summary>
    Task DropScreenAsync(long room, Guid userId, CancellationToken ct);

    /// <summary>Destroys the room (everyone in it is disconnected) and withdraws the tokens of <paramref name="participants"/>.</summary>
    Task CloseRoomAsync(long room, IReadOnlyCollection<Guid> participants, CancellationToken ct);

    /// <summary>False when the SFU has nowhere to record to: recording is never offered.</summary>
    bool CanRecord { get; }

    /// <summary>
    /// Starts recording every publisher of the room, now and joining later, into <paramref name="directory"/> (a folder of the
    /// SFU's recordings directory, one per recording: letters and digits).
    /// </summary>
    Task StartRecordingAsync(long room, string directory, CancellationToken ct);

    /// <summary>Stops recording the room at once (idempotent; a room that no longer exists records nothing).</summary>
    Task StopRecordingAsync(long room, CancellationToken ct);

    /// <summary>The camera publisher id of a participant in a room (the screen is this + 1).</summary>
    long FeedIdOf(long room, Guid userId);
}

/// <summary>The SFU did not answer or refused a request; nothing the host holds was changed by it. <c>Code</c>: the SFU's error code, if it answered one.</summary>
public sealed class SfuUnavailableException(string message, Exception? inner = null, int? code = null) : Exception(message, inner)
{
    public int? Code { get; } = code;
}

/// <summary>The adapter when no SFU is configured.</summary>
internal sealed class NoSelectiveForwardingUnit : ISelectiveForwardingUnit
{
    public bool Available => false;

    public Task OpenRoomAsync(long room, int publishers, CancellationToken ct) => throw new SfuUnavailableException("No SFU is configured.");

    public long RoomIdOf(Guid consultationId, int attempt) => throw new SfuUnavailableException("No SFU is configured.");

    public Task<SfuSeat> AdmitAsync(long room, Guid userId, string display, CancellationToken ct) => throw new SfuUnavailableException("No SFU is configured.");

    public Task DropAsync(long room, Guid userId, CancellationToken ct) => Task.CompletedTask;

    public Task DropScreenAsync(long room, Guid userId, CancellationToken ct) => Task.CompletedTask;

    public Task CloseRoomAsync(long room, IReadOnlyCollection<Guid> participants, CancellationToken ct) => Task.CompletedTask;

    public bool CanRecord => false;

    public Task StartRecordingAsync(long room, string directory, CancellationToken ct) => throw new SfuUnavailableException("No SFU is configured.");

    public Task StopRecordingAsync(long room, CancellationToken ct) => Task.CompletedTask;

    public long FeedIdOf(long room, Guid userId) => 0;
}
