using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Telemed.BuildingBlocks.Security;
using Telemed.Modules.Clinical.Prescriptions.Refills;

namespace Telemed.Modules.Clinical.Infrastructure.Configurations;

internal sealed class RefillRequestConfiguration : IEntityTypeConfiguration<RefillRequest>
{
    public void Configure(EntityTypeBuilder<RefillRequest> b)
    {
        b.ToTable("refill_requests");
        b.HasKey(r => r.Id);
        b.HasIndex(r => r.PrescriptionId);
        // One open request per prescription, kept by the database: requests sent at once once all passed the check before the insert.
        // (A named index: the plain one on PrescriptionId above stays for reading a prescription's requests.)
        b.HasIndex(r => r.PrescriptionId, "IX_refill_requests_one_open_per_prescription").IsUnique().HasFilter("\"Status\" = 'requested'");
        b.HasIndex(r => r.AssignedDoctorUserId);
        b.HasIndex(r => r.NewPrescriptionId);
        b.Property(r => r.Status).HasMaxLength(16);
        b.Property(r => r.PatientNote).IsEncrypted();
        b.Property(r => r.DeclineReason).IsEncrypted();
        // Approvals and declines read the request and then write it: the token makes the second of two at once fail instead of
        // overwriting the first (two drafts for one request, a declined request with a draft to sign). Default 0, as migration 0008
        // gives the rows it found.
        b.Property(r => r.Version).IsConcurrencyToken().HasDefaultValue(0);
        b.Ignore(r => r.IsOpen);
    }
}
