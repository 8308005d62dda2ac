using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Telemed.Modules.Audit.Trail;

/// <summary>
/// An entry's place in the hash chain, kept apart from the entry (<c>audit.chain</c>): the sealer appends one narrow row per
/// entry instead of rewriting the entry, whose seven indexes made every seal a non-HOT update of a wide row
/// (docs/adr/0004-audit-sealed-later.md, "The chain in a table of its own"). No foreign key: an entry deleted behind the
/// trail's back must show up as missing in verification, not take its link with it.
/// </summary>
internal sealed class AuditChainLink
{
    /// <summary>The place in the chain, from 1 (the primary key: two links cannot claim one place).</summary>
    public long Sequence { get; init; }

    /// <summary>The <see cref="AuditEntry.Id"/> sealed here (unique: an entry is sealed once).</summary>
    public long EntryId { get; init; }

    /// <summary>The hash of the link before (64 hex digits; <see cref="AuditEntry.GenesisHash"/> for the first).</summary>
    public required string PreviousHash { get; init; }

    /// <summary>SHA-256 over the entry's fields, this sequence and <see cref="PreviousHash"/> (<see cref="AuditEntry.ComputeHash"/>).</summary>
    public required string Hash { get; init; }

    /// <summary>The link the sealer writes for an entry it has just sealed in memory.</summary>
    public static AuditChainLink Of(AuditEntry entry) =>
        new() { Sequence = entry.Sequence!.Value, EntryId = entry.Id, PreviousHash = entry.PreviousHash!, Hash = entry.Hash! };
}

internal sealed class AuditChainLinkConfiguration : IEntityTypeConfiguration<AuditChainLink>
{
    public void Configure(EntityTypeBuilder<AuditChainLink> builder)
    {
        builder.ToTable("chain");
        builder.HasKey(l => l.Sequence);
        builder.Property(l => l.Sequence).ValueGeneratedNever();
        builder.HasIndex(l => l.EntryId).IsUnique();
        builder.Property(l => l.PreviousHash).HasMaxLength(64);
        builder.Property(l => l.Hash).HasMaxLength(64);
    }
}
