using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Telemed.BuildingBlocks.Auditing;

namespace Telemed.Modules.Audit.Trail;

/// <summary>One link of the append-only trail: it carries the hash of the entry before it.</summary>
internal sealed class AuditEntry
{
    public long Sequence { get; init; }
    public DateTime OccurredAt { get; init; }
    public Guid? ActorId { get; init; }
    public string? ActorDisplay { get; init; }
    public string? IpAddress { get; init; }
    public required string Action { get; init; }
    public string? RecordType { get; init; }
    public string? RecordId { get; init; }
    public AuditOutcome Outcome { get; init; }
    public string? Reason { get; init; }
    public bool BreakGlass { get; init; }
    public required string PreviousHash { get; init; }
    public string Hash { get; set; } = "";

    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    public static AuditEntry Append(long sequence, string previousHash, AuditRecord record)
    {
        var entry = new AuditEntry
        {
            Sequence = sequence,
            // Both databases keep microseconds at most: hash what will be read back.
            OccurredAt = new DateTime(record.OccurredAt.Ticks - (record.OccurredAt.Ticks % 10), DateTimeKind.Utc),
            ActorId = record.ActorId,
            ActorDisplay = record.ActorDisplay,
            IpAddress = record.IpAddress,
            Action = record.Action,
            RecordType = record.RecordType,
            RecordId = record.RecordId,
            Outcome = record.Outcome,
            Reason = record.Reason,
            BreakGlass = record.BreakGlass,
            PreviousHash = previousHash,
        };
        entry.Hash = entry.ComputeHash();
        return entry;
    }

    /// <summary>SHA-256 over a canonical, length-prefixed rendering of every field and the previous hash.</summary>
    public string ComputeHash()
    {
        var fields = new[]
        {
            PreviousHash, Sequence.ToString(CultureInfo.InvariantCulture),
            OccurredAt.ToUniversalTime().Ticks.ToString(CultureInfo.InvariantCulture),
            ActorId?.ToString() ?? "", ActorDisplay ?? "", IpAddress ?? "", Action, RecordType ?? "", RecordId ?? "",
            Outcome.ToString(), Reason ?? "", BreakGlass ? "1" : "0",
        };
        var canonical = new StringBuilder();
        foreach (var field in fields)
        {
            canonical.Append(field.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append('|');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
    }
}

/// <summary>The newest link, kept apart so that deleting entries from the end is detected too.</summary>
internal sealed class AuditHead
{
    public int Id { get; init; } = 1;
    public long LastSequence { get; set; }
    public string LastHash { get; set; } = AuditEntry.GenesisHash;
}
