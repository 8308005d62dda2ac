using System.Collections.Concurrent;

namespace Telemed.Modules.Consultations.Calls;

/// <summary>What a chat consultation's page is told when it starts watching: its kind and who, if anyone, proposed video ("doctor" or "patient").</summary>
public sealed record ChatCallState(string Kind, string? ProposedBy);

/// <summary><c>videoProposed</c>: one side asks to turn a chat into a video call. <c>By</c> is "doctor" or "patient".</summary>
public sealed record VideoProposal(Guid ConsultationId, string By);

/// <summary><c>videoAnswered</c>: the other side agreed (the consultation is now a video call) or declined.</summary>
public sealed record VideoAnswer(Guid ConsultationId, bool Accepted);

/// <summary>
/// Open proposals to switch a chat consultation to video, on this host: one per consultation, by one side, answered by
/// the other. Nothing turns on until the other side accepts.
/// </summary>
internal sealed class VideoProposals
{
    private readonly ConcurrentDictionary<Guid, string> _open = new();

    public static string WatchGroupOf(Guid consultationId) => $"call-watch:{consultationId:N}";

    public void Propose(Guid consultationId, string by) => _open[consultationId] = by;

    public string? ProposedBy(Guid consultationId) => _open.GetValueOrDefault(consultationId);

    /// <summary>Rule: only the side that did not propose may answer; true when <paramref name="answerer"/> may, and the proposal is then closed.</summary>
    public bool TryAnswer(Guid consultationId, string answerer) =>
        _open.TryGetValue(consultationId, out var by) && by != answerer && _open.TryRemove(new KeyValuePair<Guid, string>(consultationId, by));

    public void Forget(Guid consultationId) => _open.TryRemove(consultationId, out _);
}
