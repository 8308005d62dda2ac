using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Modules;
using Telemed.Modules.Clinical.Infrastructure;

namespace Telemed.Modules.Clinical.Signing;

/// <summary>
/// Creates the clinic's CA and the host's timestamp certificate on first start (idempotent; a second host starting at the
/// same moment loses on the primary key and uses the first one's). The private keys are stored encrypted.
/// </summary>
internal sealed class SigningAuthoritySetup(ClinicalDbContext db, IConfiguration configuration, TimeProvider clock, ILogger<SigningAuthoritySetup> logger) : IStartupTask
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (await db.SigningAuthorities.AnyAsync(cancellationToken))
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var organisation = ClinicCaSignatureProvider.OrganisationName(configuration);
        using var root = CertificateFactory.CreateAuthority(organisation, now);
        using var timestamp = CertificateFactory.IssueTimestamp(root, organisation, now);
        db.SigningAuthorities.Add(new SigningAuthority
        {
            Kind = SigningAuthority.Root, CertificateDer = Convert.ToBase64String(root.RawData),
            PrivateKey = Convert.ToBase64String(CertificateFactory.PrivateKeyOf(root)), CreatedAt = now,
        });
        db.SigningAuthorities.Add(new SigningAuthority
        {
            Kind = SigningAuthority.Timestamp, CertificateDer = Convert.ToBase64String(timestamp.RawData),
            PrivateKey = Convert.ToBase64String(CertificateFactory.PrivateKeyOf(timestamp)), CreatedAt = now,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Created the clinic's signing CA ({Thumbprint})", root.Thumbprint);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Another host created them first.
        }
    }
}
