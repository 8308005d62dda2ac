using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Telemed.BuildingBlocks.Auditing;

namespace Telemed.Modules.Audit.Trail;

/// <summary>
/// One entry of the append-only trail. The request path writes it (in the same transaction as the change it describes)
/// and never touches it again; <see cref="AuditSealer"/> later gives it its place in the chain and the hash that links it
/// to the entry before it, stored as an <see cref="AuditChainLink"/>. <see cref="Sequence"/>, <see cref="PreviousHash"/>
/// and <see cref="Hash"/> are that link's values while an entry is being sealed or verified (not columns of the entry).
/// </summary>
internal sealed class AuditEntry
{
    /// <summary>Assigned by the database on insert; orders entries for sealing, not for verification.</summary>
    public long Id { get; init; }

    /// <summary>The entry's place in the hash chain, from 1; null until sealed.</summary>
    public long? Sequence { get; set; }
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

    /// <summary>The directory patient whose record the entry is about (the access report's key); null for entries about no patient and for entries written before it existed.</summary>
    public Guid? SubjectPatientId { get; init; }
    public string? PreviousHash { get; set; }
    public string? Hash { get; set; }

    public bool IsSealed => Sequence is not null;

    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>An unsealed entry for <paramref name="record"/>, as the request path writes it.</summary>
    public static AuditEntry Unsealed(AuditRecord record) => new()
    {
        OccurredAt = StoredInstant(record.OccurredAt),
        ActorId = record.ActorId,
        ActorDisplay = record.ActorDisplay,
        IpAddress = record.IpAddress,
        Action = record.Action,
        RecordType = record.RecordType,
        RecordId = record.RecordId,
        Outcome = record.Outcome,
        Reason = record.Reason,
        BreakGlass = record.BreakGlass,
        SubjectPatientId = record.SubjectPatientId,
    };

    /// <summary>Both databases keep microseconds at most: hash what will be read back.</summary>
    public static DateTime StoredInstant(DateTime instant) => new(instant.ToUniversalTime().Ticks - (instant.ToUniversalTime().Ticks % 10), DateTimeKind.Utc);

    /// <summary>Gives this entry the next place in the chain after <paramref name="previousHash"/>.</summary>
    public void Seal(long sequence, string previousHash)
    {
        Sequence = sequence;
        PreviousHash = previousHash;
        Hash = ComputeHash();
    }

    /// <summary>A sealed entry in one step (tests and tools that build a chain directly).</summary>
    public static AuditEntry Append(long sequence, string previousHash, AuditRecord record)
    {
        var entry = Unsealed(record);
        entry.Seal(sequence, previousHash);
        return entry;
    }

    /// <summary>SHA-256 over a canonical, length-prefixed rendering of every field and the previous hash.</summary>
    public string ComputeHash()
    {
        var fields = new[]
        {
            PreviousHash ?? "", Sequence?.ToString(CultureInfo.InvariantCulture) ?? "",
            OccurredAt.ToUniversalTime().Ticks.ToString(CultureInfo.InvariantCulture),
            ActorId?.ToString() ?? "", ActorDisplay ?? "", IpAddress ?? "", Action, RecordType ?? "", RecordId ?? "",
            Outcome.ToString(), Reason ?? "", BreakGlass ? "1" : "0",
        };
        if (SubjectPatientId is { } subject)
        {
            // Only when present, so entries sealed before the field existed keep their hash.
            fields = [.. fields, "patient:" + subject];
        }

        var canonical = new StringBuilder();
        foreach (var field in fields)
        {
            canonical.Append(field.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append('|');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
    }
}

/// <summary>
/// The newest link, kept apart so that deleting entries from the end is detected too, and where the sealer's search for
/// unsealed entries starts.
/// </summary>
internal sealed class AuditHead
{
    public int Id { get; init; } = 1;
    public long LastSequence { get; set; }
    public string LastHash { get; set; } = AuditEntry.GenesisHash;

    /// <summary>
    /// Every entry with an id up to this one is sealed, or will never exist (its transaction rolled back): the sealer looks
    /// for unsealed entries above it only. Null: from the start. See <see cref="AuditSealer"/> for how it moves.
    /// </summary>
    public long? SealedThroughId { get; set; }

    /// <summary>PostgreSQL: the id <see cref="SealedThroughId"/> moves to once every transaction that could still hold a lower id has ended.</summary>
    public long? FloorCandidateId { get; set; }

    /// <summary>PostgreSQL: the first transaction id not yet started when the candidate was taken (<c>pg_snapshot_xmax</c>).</summary>
    public long? FloorCandidateXid { get; set; }

    /// <summary>When the candidate was taken (UTC).</summary>
    public DateTime? FloorCandidateAt { get; set; }
}
