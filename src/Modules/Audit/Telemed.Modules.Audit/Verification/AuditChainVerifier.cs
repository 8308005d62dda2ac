using Microsoft.EntityFrameworkCore;
using Telemed.Modules.Audit.Trail;

namespace Telemed.Modules.Audit.Verification;

public sealed record AuditVerificationReport(bool Intact, long CheckedEntries, long? FirstBrokenSequence, string? Problem);

/// <summary>Walks the chain in order and reports the first entry that was edited, removed or re-linked.</summary>
internal sealed class AuditChainVerifier(AuditDbContext db)
{
    private const int BatchSize = 2000;

    public async Task<AuditVerificationReport> VerifyAsync(CancellationToken ct)
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
                    return Broken(checkedEntries, entry.Sequence, $"Entry {entry.Sequence} does not link to the entry before it.");
                }

                if (entry.ComputeHash() != entry.Hash)
                {
                    return Broken(checkedEntries, entry.Sequence, $"Entry {entry.Sequence} was altered after it was written.");
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
            return Broken(checkedEntries, lastSequence + 1, $"Entries after {lastSequence} are missing (the head records {head.LastSequence}).");
        }

        return new AuditVerificationReport(true, checkedEntries, null, null);
    }

    private static AuditVerificationReport Broken(long checkedEntries, long sequence, string problem) => new(false, checkedEntries, sequence, problem);
}
