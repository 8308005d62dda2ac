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

/// <summary>Walks the sealed chain in order and reports the first entry that was edited, removed, inserted or re-linked.</summary>
internal sealed class AuditChainVerifier(AuditDbContext db)
{
    private const int BatchSize = 2000;

    public async Task<AuditVerificationReport> VerifyAsync(CancellationToken ct)
    {
        var unsealed = await db.Entries.AsNoTracking().Where(e => e.Sequence == null)
            .GroupBy(_ => 1).Select(g => new { Count = g.LongCount(), First = g.Min(e => e.Id), Last = g.Max(e => e.Id) }).SingleOrDefaultAsync(ct);
        var report = await VerifySealedAsync(ct);
        return unsealed is null ? report : report with { UnsealedEntries = unsealed.Count, FirstUnsealedId = unsealed.First, LastUnsealedId = unsealed.Last };
    }

    private async Task<AuditVerificationReport> VerifySealedAsync(CancellationToken ct)
    {
        long expectedSequence = 1;
        var previousHash = AuditEntry.GenesisHash;
        long checkedEntries = 0;
        while (true)
        {
            var batch = await db.Entries.AsNoTracking().Where(e => e.Sequence >= expectedSequence)
                .OrderBy(e => e.Sequence).Take(BatchSize).ToListAsync(ct);
            if (batch.Count == 0)
            {
                break;
            }

            foreach (var entry in batch)
            {
                if (entry.Sequence != expectedSequence)
                {
                    return Broken(checkedEntries, expectedSequence, $"Entry {expectedSequence} is missing.");
                }

                if (entry.PreviousHash != previousHash)
                {
                    return Broken(checkedEntries, expectedSequence, $"Entry {expectedSequence} does not link to the entry before it.");
                }

                if (entry.ComputeHash() != entry.Hash)
                {
                    return Broken(checkedEntries, expectedSequence, $"Entry {expectedSequence} was altered after it was written.");
                }

                previousHash = entry.Hash;
                expectedSequence++;
                checkedEntries++;
            }
        }

        var head = await db.Heads.AsNoTracking().SingleOrDefaultAsync(h => h.Id == 1, ct);
        var lastSequence = expectedSequence - 1;
        if (head is not null && (head.LastSequence != lastSequence || head.LastHash != previousHash))
        {
            return head.LastSequence > lastSequence
                ? Broken(checkedEntries, lastSequence + 1, $"Entries after {lastSequence} are missing (the head records {head.LastSequence}).")
                : Broken(checkedEntries, head.LastSequence + 1, $"Entries after {head.LastSequence} were added outside the sealer (the head records {head.LastSequence}).");
        }

        return new AuditVerificationReport(true, checkedEntries, null, null);
    }

    private static AuditVerificationReport Broken(long checkedEntries, long sequence, string problem) => new(false, checkedEntries, sequence, problem);
}
