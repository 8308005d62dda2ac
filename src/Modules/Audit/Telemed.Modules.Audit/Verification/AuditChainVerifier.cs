using Microsoft.EntityFrameworkCore;
using Telemed.Modules.Audit.Trail;

namespace Telemed.Modules.Audit.Verification;

/// <summary>
/// The result of walking the chain. <paramref name="FirstBrokenSequence"/> is the first entry that was edited, removed,
/// inserted or moved; <paramref name="UnsealedEntries"/> entries (ids <paramref name="FirstUnsealedId"/> to
/// <paramref name="LastUnsealedId"/>) are written but not chained yet, so the chain cannot vouch for them.
/// </summary>
public sealed record AuditVerificationReport(bool Intact, long CheckedEntries, long? FirstBrokenSequence, string? Problem,
    long UnsealedEntries = 0, long? FirstUnsealedId = null, long? LastUnsealedId = null);

/// <summary>
/// Walks the chain's links in sequence order, each with the entry it seals, and reports the first entry that was edited,
/// removed, inserted or re-linked; counts the entries no link seals (written but not sealed yet).
/// </summary>
internal sealed class AuditChainVerifier(AuditDbContext db)
{
    private const int BatchSize = 2000;

    public async Task<AuditVerificationReport> VerifyAsync(CancellationToken ct)
    {
        var unsealed = await db.Entries.AsNoTracking().Where(e => !db.Links.Any(l => l.EntryId == e.Id))
            .GroupBy(_ => 1).Select(g => new { Count = g.LongCount(), First = g.Min(e => e.Id), Last = g.Max(e => e.Id) }).SingleOrDefaultAsync(ct);
        var report = await VerifySealedAsync(ct);
        return unsealed is null ? report : report with { UnsealedEntries = unsealed.Count, FirstUnsealedId = unsealed.First, LastUnsealedId = unsealed.Last };
    }

    private async Task<AuditVerificationReport> VerifySealedAsync(CancellationToken ct)
    {
        var walk = new Walk();
        // A sealer on a live host may commit while this walks: the head read after the walk can then be ahead of
        // what was walked. The walk goes on from where it stopped (a few times) before calling entries missing.
        for (var attempt = 0; ; attempt++)
        {
            if (await ContinueWalkAsync(walk, ct) is { } broken)
            {
                return broken;
            }

            var head = await db.Heads.AsNoTracking().SingleOrDefaultAsync(h => h.Id == 1, ct);
            var lastSequence = walk.ExpectedSequence - 1;
            if (head is null || (head.LastSequence == lastSequence && head.LastHash == walk.PreviousHash))
            {
                return new AuditVerificationReport(true, walk.CheckedEntries, null, null);
            }

            if (head.LastSequence < lastSequence)
            {
                return Broken(walk.CheckedEntries, head.LastSequence + 1, $"Entries after {head.LastSequence} were added outside the sealer (the head records {head.LastSequence}).");
            }

            if (attempt == 3)
            {
                return head.LastSequence == lastSequence
                    ? Broken(walk.CheckedEntries, lastSequence, $"Entry {lastSequence} is not the one the head records.")
                    : Broken(walk.CheckedEntries, lastSequence + 1, $"Entries after {lastSequence} are missing (the head records {head.LastSequence}).");
            }
        }
    }

    private sealed class Walk
    {
        public long ExpectedSequence { get; set; } = 1;
        public string PreviousHash { get; set; } = AuditEntry.GenesisHash;
        public long CheckedEntries { get; set; }
    }

    private async Task<AuditVerificationReport?> ContinueWalkAsync(Walk walk, CancellationToken ct)
    {
        while (true)
        {
            var from = walk.ExpectedSequence;
            var links = await db.Links.AsNoTracking().Where(l => l.Sequence >= from).OrderBy(l => l.Sequence).Take(BatchSize).ToListAsync(ct);
            if (links.Count == 0)
            {
                return null;
            }

            var ids = links.Select(l => l.EntryId).ToList();
            var entries = await db.Entries.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
            foreach (var link in links)
            {
                var expected = walk.ExpectedSequence;
                if (link.Sequence != expected || entries.GetValueOrDefault(link.EntryId) is not { } entry)
                {
                    return Broken(walk.CheckedEntries, expected, $"Entry {expected} is missing.");
                }

                if (link.PreviousHash != walk.PreviousHash)
                {
                    return Broken(walk.CheckedEntries, expected, $"Entry {expected} does not link to the entry before it.");
                }

                entry.Sequence = link.Sequence;
                entry.PreviousHash = link.PreviousHash;
                if (entry.ComputeHash() != link.Hash)
                {
                    return Broken(walk.CheckedEntries, expected, $"Entry {expected} was altered after it was written.");
                }

                walk.PreviousHash = link.Hash;
                walk.ExpectedSequence++;
                walk.CheckedEntries++;
            }
        }
    }

    private static AuditVerificationReport Broken(long checkedEntries, long sequence, string problem) => new(false, checkedEntries, sequence, problem);
}
