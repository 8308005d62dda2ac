using System.Security.Cryptography.X509Certificates;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Clinical.Infrastructure;
using Telemed.Modules.Directory.Contracts;

namespace Telemed.Modules.Clinical.Signing.Credentials;

/// <summary>
/// A signing certificate as its doctor or an admin sees it (never the key): subject, serial number (hex), validity (UTC),
/// and <c>status</c> <c>active</c>, <c>revoked</c> (with the reason) or <c>expired</c>. <c>DoctorName</c> is the doctor's name as the
/// directory shows it now (null when the doctor's profile is gone; the subject keeps the name at issue).
/// </summary>
public sealed record SigningCredentialView(Guid Id, Guid DoctorUserId, string Subject, string SerialNumber, DateTime IssuedAt, DateTime NotAfter,
    string Status, DateTime? RevokedAt, string? RevocationReason, string? DoctorName = null);

/// <summary>Why an admin revokes a certificate: <c>keyCompromise</c> or <c>withdrawn</c> (RFC 5280 reason names).</summary>
public sealed record RevokeCredentialRequest(string Reason);

internal sealed class RevokeCredentialRequestValidator : AbstractValidator<RevokeCredentialRequest>
{
    public RevokeCredentialRequestValidator() =>
        RuleFor(r => r.Reason).Must(r => r is "keyCompromise" or "withdrawn").WithMessage("Use keyCompromise or withdrawn.");
}

/// <summary>
/// The doctor's own certificate (GET /clinical/signing/credential, issued on first use; POST .../rotate issues a new one and
/// revokes the old as superseded), the admin's list and revocation (GET /admin/signing/credentials, POST
/// /admin/signing/credentials/{id}/revoke; 404 <c>clinical.credential_not_found</c>), and the clinic CA's certificate for
/// anyone who verifies signatures outside Telemed (GET /clinical/signing/authority.pem). Rotation and revocation are audited.
/// </summary>
internal static class SigningCredentialEndpoints
{
    public static readonly Error NotFound = new("clinical.credential_not_found", "No such signing certificate.", ErrorKind.NotFound);

    public static async Task<Ok<SigningCredentialView>> MineAsync(ClinicCaSignatureProvider provider, IDirectoryModule directory, ICurrentUser user,
        TimeProvider clock, CancellationToken ct)
    {
        var me = user.RequireUserId();
        var (root, _) = await provider.AuthoritiesAsync(ct);
        var name = (await directory.GetDoctorByUserAsync(me, ct))?.DisplayName ?? "Doctor";
        var credential = await provider.ActiveCredentialAsync(me, name, root, clock.GetUtcNow().UtcDateTime, ct);
        return TypedResults.Ok(View(credential, clock.GetUtcNow().UtcDateTime) with { DoctorName = name });
    }

    /// <summary>
    /// POST /clinical/signing/credential/rotate. With an <c>Idempotency-Key</c>, a retry (a lost answer) is answered with the
    /// credential the first request issued and rotates nothing more, also when the two are sent at once; the same key after another
    /// operation's use is 422 <c>idempotency.key_reused</c>. Without one, two rotations at once: one wins, the other is 409
    /// <c>conflict.concurrent_update</c> and issues nothing.
    /// </summary>
    public static async Task<Results<Ok<SigningCredentialView>, ProblemHttpResult>> RotateAsync(HttpRequest http, ClinicCaSignatureProvider provider,
        IDirectoryModule directory, ICurrentUser user, ClinicalDbContext db, AuditScope audit, TimeProvider clock, CancellationToken ct)
    {
        var me = user.RequireUserId();
        var now = clock.GetUtcNow().UtcDateTime;
        // The rotation has no body: the key alone names the request.
        var claim = await db.ClaimAsync(http, me, RotateOperation, new { }, now, ct);
        var name = (await directory.GetDoctorByUserAsync(me, ct))?.DisplayName ?? "Doctor";
        if (claim.Answer is { } answered)
        {
            return await answered.AnswerAsync(id => IssuedEarlierAsync(db, me, name, id, now, ct), NotFound);
        }

        SigningCredential credential;
        try
        {
            credential = await provider.RotateAsync(me, name, claim.Key, ct);
        }
        catch (DbUpdateConcurrencyException) when (claim.Key is not null)
        {
            // The same request sent twice at once: the one that committed first has issued the credential this one answers with.
            db.ChangeTracker.Clear();
            if (await db.EarlierAsync(claim.Key, ct) is not { } earlier)
            {
                throw;
            }

            return await earlier.AnswerAsync(id => IssuedEarlierAsync(db, me, name, id, now, ct), NotFound);
        }

        audit.Record("signing.credential_rotated", AuditOutcome.Success, "SigningCredential", credential.Id.ToString());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(View(credential, now) with { DoctorName = name });
    }

    private const string RotateOperation = "clinical.rotate_credential";

    private static async Task<Ok<SigningCredentialView>?> IssuedEarlierAsync(ClinicalDbContext db, Guid doctorUserId, string doctorName, Guid id, DateTime now,
        CancellationToken ct) =>
        await db.SigningCredentials.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id && c.DoctorUserId == doctorUserId, ct) is { } found
            ? TypedResults.Ok(View(found, now) with { DoctorName = doctorName })
            : null;

    public static async Task<Ok<IReadOnlyList<SigningCredentialView>>> ListAsync(ClinicalDbContext db, IDirectoryModule directory, TimeProvider clock,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var all = await db.SigningCredentials.AsNoTracking().OrderByDescending(c => c.IssuedAt).Take(500).ToListAsync(ct);
        var names = await directory.GetDoctorNamesByUserAsync([.. all.Select(c => c.DoctorUserId).Distinct()], ct);
        return TypedResults.Ok<IReadOnlyList<SigningCredentialView>>([.. all.Select(c => View(c, now) with { DoctorName = names.GetValueOrDefault(c.DoctorUserId) })]);
    }

    public static async Task<Results<Ok<SigningCredentialView>, ProblemHttpResult>> RevokeAsync(Guid credentialId, RevokeCredentialRequest request, ClinicalDbContext db,
        IDirectoryModule directory, TimeProvider clock, CancellationToken ct)
    {
        var credential = await db.SigningCredentials.FirstOrDefaultAsync(c => c.Id == credentialId, ct);
        if (credential is null)
        {
            return Problems.From(NotFound);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        credential.Revoke(request.Reason, now);
        // With the save, in its transaction: a save that fails leaves no success in the trail.
        db.AuditWithNextSave("signing.credential_revoked", "SigningCredential", credentialId.ToString(), request.Reason);
        await db.SaveChangesAsync(ct);
        var names = await directory.GetDoctorNamesByUserAsync([credential.DoctorUserId], ct);
        return TypedResults.Ok(View(credential, now) with { DoctorName = names.GetValueOrDefault(credential.DoctorUserId) });
    }

    public static async Task<ContentHttpResult> AuthorityAsync(ClinicCaSignatureProvider provider, CancellationToken ct)
    {
        var (root, _) = await provider.AuthoritiesAsync(ct);
        using var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(root.CertificateDer));
        return TypedResults.Text(certificate.ExportCertificatePem(), "application/x-pem-file");
    }

    private static SigningCredentialView View(SigningCredential c, DateTime now) => new(c.Id, c.DoctorUserId, c.SubjectName, c.SerialNumber, c.IssuedAt,
        c.NotAfter, c.RevokedAt is not null ? "revoked" : c.NotAfter <= now ? "expired" : "active", c.RevokedAt, c.RevocationReason);
}
