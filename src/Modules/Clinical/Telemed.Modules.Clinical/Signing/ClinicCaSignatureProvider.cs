using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Telemed.BuildingBlocks.Data;
using Telemed.Modules.Clinical.Infrastructure;

namespace Telemed.Modules.Clinical.Signing;

/// <summary>
/// The default signing provider: the clinic's own CA (created at set-up by <see cref="SigningAuthoritySetup"/>) issues
/// each doctor a certificate on their first signature (one active certificate per doctor); the host's timestamp key counter-signs
/// the time.
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

    /// <summary>
    /// The doctor's active credential; when there is none, one is issued, an expired one revoked as <c>expired</c> in the same save.
    /// A doctor has at most one unrevoked credential (a unique index, migration 0009): of two first signatures at once (two documents
    /// signed in two tabs) one issues the credential and the other, refused by the index or by the expired one's concurrency token,
    /// signs with it. Errors: the save's own when it is not such a race.
    /// </summary>
    public async Task<SigningCredential> ActiveCredentialAsync(Guid doctorUserId, string doctorName, SigningAuthority root, DateTime now, CancellationToken ct)
    {
        if (await ActiveAsync(doctorUserId, now, ct) is { } active)
        {
            return active;
        }

        try
        {
            // Only expired ones: a credential another request issued since the read above is active and makes this issue fail.
            foreach (var expired in await db.SigningCredentials.Where(c => c.DoctorUserId == doctorUserId && c.RevokedAt == null && c.NotAfter <= now)
                         .ToListAsync(ct))
            {
                expired.Revoke("expired", now);
            }

            return await IssueAsync(doctorUserId, doctorName, root, now, ct);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || e.IsUniqueViolation())
        {
            ForgetUnsavedCredentials();
            return await ActiveAsync(doctorUserId, now, ct) ?? throw new InvalidOperationException("No signing credential after a concurrent issue.", e);
        }
    }

    private Task<SigningCredential?> ActiveAsync(Guid doctorUserId, DateTime now, CancellationToken ct) =>
        db.SigningCredentials.Where(c => c.DoctorUserId == doctorUserId && c.RevokedAt == null && c.NotAfter > now)
            .OrderByDescending(c => c.IssuedAt).FirstOrDefaultAsync(ct);

    /// <summary>After a refused save: the credential it would have added is dropped, the ones it would have revoked are read again.</summary>
    private void ForgetUnsavedCredentials()
    {
        foreach (var entry in db.ChangeTracker.Entries<SigningCredential>().ToList())
        {
            entry.State = EntityState.Detached;
        }

        foreach (var entry in db.ChangeTracker.Entries<CreateRequestKey>().ToList())
        {
            entry.State = EntityState.Detached;
        }
    }

    /// <summary>
    /// Revokes the doctor's active credentials as superseded and issues a new one, in one save. Serialised by the credentials themselves:
    /// <see cref="SigningCredential.RevokedAt"/> is a concurrency token, so of two rotations at once (a double click, two tabs) exactly
    /// one revokes the old credential and keeps its new one; the other throws <see cref="DbUpdateConcurrencyException"/> (the host's 409
    /// <c>conflict.concurrent_update</c>) and issues nothing, also when its new credential meets the other's on the one-active index.
    /// <paramref name="requestKey"/> (the request's <c>Idempotency-Key</c>, or null) is saved with the new credential, so a retry of the
    /// rotation finds the credential it issued instead of rotating again.
    /// </summary>
    public async Task<SigningCredential> RotateAsync(Guid doctorUserId, string doctorName, CreateRequestKey? requestKey, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (root, _) = await AuthoritiesAsync(ct);
        foreach (var old in await db.SigningCredentials.Where(c => c.DoctorUserId == doctorUserId && c.RevokedAt == null).ToListAsync(ct))
        {
            old.Revoke("superseded", now);
        }

        try
        {
            return await IssueAsync(doctorUserId, doctorName, root, now, ct, requestKey);
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException && e.IsUniqueViolation())
        {
            // The other rotation's new credential was written first (one active credential per doctor): the same race as above.
            ForgetUnsavedCredentials();
            throw new DbUpdateConcurrencyException("Another rotation of this doctor's credential was saved first.", e);
        }
    }

    public async Task<(SigningAuthority Root, SigningAuthority Timestamp)> AuthoritiesAsync(CancellationToken ct)
    {
        var all = await db.SigningAuthorities.AsNoTracking().ToListAsync(ct);
        return (all.FirstOrDefault(a => a.Kind == SigningAuthority.Root) ?? throw new InvalidOperationException("The clinic's signing CA is not set up."),
            all.FirstOrDefault(a => a.Kind == SigningAuthority.Timestamp) ?? throw new InvalidOperationException("The clinic's timestamp key is not set up."));
    }

    private async Task<SigningCredential> IssueAsync(Guid doctorUserId, string doctorName, SigningAuthority root, DateTime now, CancellationToken ct,
        CreateRequestKey? requestKey = null)
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
        if (requestKey is not null)
        {
            requestKey.ResourceId = credential.Id;
            db.Set<CreateRequestKey>().Add(requestKey);
        }

        await db.SaveChangesAsync(ct);
        return credential;
    }

    /// <summary><c>Clinical:Signing:OrganisationName</c>, the O= of every certificate (default "Telemed").</summary>
    public static string OrganisationName(IConfiguration configuration) => configuration["Clinical:Signing:OrganisationName"] is { Length: > 0 } name ? name : "Telemed";
}
