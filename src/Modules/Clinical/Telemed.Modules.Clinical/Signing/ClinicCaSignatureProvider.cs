using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Telemed.Modules.Clinical.Infrastructure;

namespace Telemed.Modules.Clinical.Signing;

/// <summary>
/// The default signing provider: the clinic's own CA (created at set-up by <see cref="SigningAuthoritySetup"/>) issues
/// each doctor a certificate on their first signature; the host's timestamp key counter-signs the time.
/// </summary>
internal sealed class ClinicCaSignatureProvider(ClinicalDbContext db, IConfiguration configuration, TimeProvider clock) : IDocumentSignatureProvider
{
    public async Task<DocumentSignature> SignAsync(Guid doctorUserId, string doctorName, byte[] content, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (root, timestamp) = await AuthoritiesAsync(ct);
        var credential = await ActiveCredentialAsync(doctorUserId, doctorName, root, now, ct);
        using var signer = CertificateFactory.WithKey(Convert.FromBase64String(credential.CertificateDer), Convert.FromBase64String(credential.PrivateKey));
        using var stamp = CertificateFactory.WithKey(Convert.FromBase64String(timestamp.CertificateDer), Convert.FromBase64String(timestamp.PrivateKey));
        return new DocumentSignature(CmsDocumentSignatures.Sign(content, signer, stamp, now), credential.Id, now);
    }

    public async Task<SignatureCheck> VerifyAsync(byte[] content, byte[] cms, CancellationToken ct)
    {
        var (root, _) = await AuthoritiesAsync(ct);
        using var authority = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(root.CertificateDer));
        var first = CmsDocumentSignatures.Verify(content, cms, authority, null);
        if (first.CertificateSerial is null)
        {
            return first;
        }

        var revokedAt = await db.SigningCredentials.AsNoTracking().Where(c => c.SerialNumber == first.CertificateSerial)
            .Select(c => c.RevokedAt).FirstOrDefaultAsync(ct);
        return revokedAt is null ? first : CmsDocumentSignatures.Verify(content, cms, authority, revokedAt);
    }

    /// <summary>The doctor's active credential, issued (and any expired one left as it is) when there is none.</summary>
    public async Task<SigningCredential> ActiveCredentialAsync(Guid doctorUserId, string doctorName, SigningAuthority root, DateTime now, CancellationToken ct)
    {
        var active = await db.SigningCredentials.Where(c => c.DoctorUserId == doctorUserId && c.RevokedAt == null && c.NotAfter > now)
            .OrderByDescending(c => c.IssuedAt).FirstOrDefaultAsync(ct);
        return active ?? await IssueAsync(doctorUserId, doctorName, root, now, ct);
    }

    /// <summary>
    /// Revokes the doctor's active credentials as superseded and issues a new one, in one save. Serialised by the credentials themselves:
    /// <see cref="SigningCredential.RevokedAt"/> is a concurrency token, so of two rotations at once (a double click, two tabs) exactly
    /// one revokes the old credential and keeps its new one; the other throws <see cref="DbUpdateConcurrencyException"/> (the host's 409
    /// <c>conflict.concurrent_update</c>) and issues nothing.
    /// </summary>
    public async Task<SigningCredential> RotateAsync(Guid doctorUserId, string doctorName, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (root, _) = await AuthoritiesAsync(ct);
        foreach (var old in await db.SigningCredentials.Where(c => c.DoctorUserId == doctorUserId && c.RevokedAt == null).ToListAsync(ct))
        {
            old.Revoke("superseded", now);
        }

        return await IssueAsync(doctorUserId, doctorName, root, now, ct);
    }

    public async Task<(SigningAuthority Root, SigningAuthority Timestamp)> AuthoritiesAsync(CancellationToken ct)
    {
        var all = await db.SigningAuthorities.AsNoTracking().ToListAsync(ct);
        return (all.FirstOrDefault(a => a.Kind == SigningAuthority.Root) ?? throw new InvalidOperationException("The clinic's signing CA is not set up."),
            all.FirstOrDefault(a => a.Kind == SigningAuthority.Timestamp) ?? throw new InvalidOperationException("The clinic's timestamp key is not set up."));
    }

    private async Task<SigningCredential> IssueAsync(Guid doctorUserId, string doctorName, SigningAuthority root, DateTime now, CancellationToken ct)
    {
        using var authority = CertificateFactory.WithKey(Convert.FromBase64String(root.CertificateDer), Convert.FromBase64String(root.PrivateKey));
        using var issued = CertificateFactory.IssueSigner(authority, doctorName, OrganisationName(configuration), now);
        var credential = new SigningCredential
        {
            Id = Guid.CreateVersion7(),
            DoctorUserId = doctorUserId,
            SubjectName = issued.Subject,
            SerialNumber = issued.SerialNumber,
            CertificateDer = Convert.ToBase64String(issued.RawData),
            PrivateKey = Convert.ToBase64String(CertificateFactory.PrivateKeyOf(issued)),
            IssuedAt = now,
            NotAfter = issued.NotAfter.ToUniversalTime(),
        };
        db.SigningCredentials.Add(credential);
        await db.SaveChangesAsync(ct);
        return credential;
    }

    /// <summary><c>Clinical:Signing:OrganisationName</c>, the O= of every certificate (default "Telemed").</summary>
    public static string OrganisationName(IConfiguration configuration) => configuration["Clinical:Signing:OrganisationName"] is { Length: > 0 } name ? name : "Telemed";
}
