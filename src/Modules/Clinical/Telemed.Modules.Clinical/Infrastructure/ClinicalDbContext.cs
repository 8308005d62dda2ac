using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Data;
using Telemed.Modules.Clinical.Icd10;
using Telemed.Modules.Clinical.Infrastructure.Configurations;
using Telemed.Modules.Clinical.Jurisdictions;
using Telemed.Modules.Clinical.Protocols;
using Telemed.Modules.Clinical.Signing;

namespace Telemed.Modules.Clinical.Infrastructure;

internal sealed class ClinicalDbContext(DbContextOptions<ClinicalDbContext> options) : ModuleDbContext(options)
{
    public override string ModuleName => "clinical";

    public DbSet<Icd10Code> Icd10Codes => Set<Icd10Code>();
    public DbSet<ClinicJurisdiction> Jurisdictions => Set<ClinicJurisdiction>();
    public DbSet<VisitProtocol> Protocols => Set<VisitProtocol>();
    public DbSet<ProtocolAddendum> Addenda => Set<ProtocolAddendum>();
    public DbSet<SigningAuthority> SigningAuthorities => Set<SigningAuthority>();
    public DbSet<SigningCredential> SigningCredentials => Set<SigningCredential>();
    public DbSet<Telemed.Modules.Clinical.Formulary.FormularyMedicine> Formulary => Set<Telemed.Modules.Clinical.Formulary.FormularyMedicine>();
    public DbSet<Telemed.Modules.Clinical.Prescriptions.Prescription> Prescriptions => Set<Telemed.Modules.Clinical.Prescriptions.Prescription>();
    public DbSet<Telemed.Modules.Clinical.Prescriptions.Refills.RefillRequest> RefillRequests => Set<Telemed.Modules.Clinical.Prescriptions.Refills.RefillRequest>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ClinicalDbContext).Assembly, t => t.Namespace == typeof(Icd10CodeConfiguration).Namespace);
        // A prescription sent again with its Idempotency-Key (a lost answer) finds the draft it wrote (migration 0007).
        modelBuilder.MapCreateRequestKeys();
    }
}
