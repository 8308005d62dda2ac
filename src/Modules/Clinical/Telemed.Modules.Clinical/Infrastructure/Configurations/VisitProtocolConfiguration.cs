using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Telemed.BuildingBlocks.Security;
using Telemed.Modules.Clinical.Protocols;

namespace Telemed.Modules.Clinical.Infrastructure.Configurations;

internal sealed class VisitProtocolConfiguration : IEntityTypeConfiguration<VisitProtocol>
{
    public void Configure(EntityTypeBuilder<VisitProtocol> b)
    {
        b.ToTable("visit_protocols");
        b.HasKey(p => p.Id);
        b.HasIndex(p => p.ConsultationId).IsUnique();
        b.HasIndex(p => p.PatientId);
        b.Property(p => p.Status).HasMaxLength(16);
        b.Property(p => p.Complaints).IsEncrypted();
        b.Property(p => p.HistoryOfPresentIllness).IsEncrypted();
        b.Property(p => p.ObjectiveFindings).IsEncrypted();
        b.Property(p => p.Recommendations).IsEncrypted();
        b.Property(p => p.DiagnosesJson).IsEncrypted();
        b.Property(p => p.ReferralsJson).IsEncrypted();
        b.Property(p => p.Version).IsConcurrencyToken();
        // Signing cannot move Version — the signature covers it (ProtocolCanonicalForm) — but it moves Status, so Status is a token
        // too: an autosave or a second signature that read the draft cannot be saved over the signed protocol.
        b.Property(p => p.Status).IsConcurrencyToken();
        b.Property(p => p.SignedBy).HasMaxLength(200);
        b.Ignore(p => p.IsSigned);
        b.Ignore(p => p.Diagnoses);
        b.Ignore(p => p.Referrals);
        b.Ignore(p => p.Content);
    }
}
