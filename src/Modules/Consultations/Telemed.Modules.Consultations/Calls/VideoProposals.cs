using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Telemed.Modules.Consultations.Infrastructure;

namespace Telemed.Modules.Consultations.Calls;

/// <summary>What a chat consultation's page is told when it starts watching: its kind and who, if anyone, proposed video ("doctor" or "patient").</summary>
public sealed record ChatCallState(string Kind, string? ProposedBy);

/// <summary><c>videoProposed</c>: one side asks to turn a chat into a video call. <c>By</c> is "doctor" or "patient".</summary>
public sealed record VideoProposal(Guid ConsultationId, string By);

/// <summary><c>videoAnswered</c>: the other side agreed (the consultation is now a video call) or declined.</summary>
public sealed record VideoAnswer(Guid ConsultationId, bool Accepted);

/// <summary>
/// An open proposal to switch a chat consultation to video (table <c>video_proposals</c>, one row per consultation):
/// who proposed ("doctor" or "patient"), when and until when (UTC instants). Kept in the database so it survives a
/// restart and every host sees it.
/// </summary>
internal sealed class OpenVideoProposal
{
    /// <summary>How long a proposal waits for an answer: long enough to notice it in a chat, short enough that a stale one does not surprise anyone.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    private OpenVideoProposal()
    {
    }

    public OpenVideoProposal(Guid consultationId, string proposedBy, DateTime now)
    {
        ConsultationId = consultationId;
        ProposedBy = proposedBy;
        ProposedAt = now;
        ExpiresAt = now + Lifetime;
    }

    public Guid ConsultationId { get; private set; }

    public string ProposedBy { get; private set; } = "";

    public DateTime ProposedAt { get; private set; }

    public DateTime ExpiresAt { get; private set; }

    /// <summary>Rule: a proposal is open until it expires.</summary>
    public static Expression<Func<OpenVideoProposal, bool>> OpenAt(Guid consultationId, DateTime now) =>
        p => p.ConsultationId == consultationId && p.ExpiresAt > now;

    /// <summary>Rule: only the side that did not propose may answer an open proposal (and only once: answering deletes it).</summary>
    public static Expression<Func<OpenVideoProposal, bool>> AnswerableBy(Guid consultationId, string answerer, DateTime now) =>
        p => p.ConsultationId == consultationId && p.ExpiresAt > now && p.ProposedBy != answerer;
}

/// <summary>
/// Open proposals to switch a chat consultation to video: one per consultation, by one side, answered by the other.
/// Nothing turns on until the other side accepts. Answering is a conditional delete, so of two answers at once (on
/// one host or two) exactly one wins.
/// </summary>
internal sealed class VideoProposals(ConsultationsDbContext db, TimeProvider clock)
{
    public static string WatchGroupOf(Guid consultationId) => $"call-watch:{consultationId:N}";

    /// <summary>Opens (or renews, by <paramref name="by"/>) the consultation's proposal; expired ones of any consultation are cleared on the way.</summary>
    public async Task ProposeAsync(Guid consultationId, string by, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Set<OpenVideoProposal>().Where(p => p.ExpiresAt <= now || p.ConsultationId == consultationId).ExecuteDeleteAsync(ct);
        db.Set<OpenVideoProposal>().Add(new OpenVideoProposal(consultationId, by, now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The other side proposed at the same moment: theirs stands, and this side is asked to answer it.
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>"doctor" or "patient" when a proposal is open, otherwise null.</summary>
    public async Task<string?> ProposedByAsync(Guid consultationId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.Set<OpenVideoProposal>().AsNoTracking().Where(OpenVideoProposal.OpenAt(consultationId, now)).Select(p => p.ProposedBy).FirstOrDefaultAsync(ct);
    }

    /// <summary>True when <paramref name="answerer"/> may answer (see <see cref="OpenVideoProposal.AnswerableBy"/>); the proposal is then closed.</summary>
    public async Task<bool> TryAnswerAsync(Guid consultationId, string answerer, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.Set<OpenVideoProposal>().Where(OpenVideoProposal.AnswerableBy(consultationId, answerer, now)).ExecuteDeleteAsync(ct) == 1;
    }
}
