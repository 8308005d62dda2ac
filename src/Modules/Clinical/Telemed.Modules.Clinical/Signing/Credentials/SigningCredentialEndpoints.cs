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

/// <summary>What the admin's list narrows to: a certificate that can sign, one revoked (for any reason), one past its validity.</summary>
public enum CredentialStatus
{
    Active,
    Revoked,
    Expired,
}

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
/// /admin/signing/credentials/{id}/revoke; 404 <c>clinical.credential_not_found</c>, 409 <c>clinical.credential_already_revoked</c>), and the clinic CA's certificate for
/// anyone who verifies signatures outside Telemed (GET /clinical/signing/authority.pem). Rotation and revocation are audited.
/// </summary>
internal static class SigningCredentialEndpoints
{
    public static readonly Error NotFound = new("clinical.credential_not_found", "No such signing certificate.", ErrorKind.NotFound);

    /// <summary>
    /// 409: the certificate was already revoked (by an administrator, or superseded by its doctor's rotation, perhaps a moment before):
    /// its revocation and reason stand, nothing is changed and no second revocation is written to the trail.
    /// </summary>
    public static readonly Error AlreadyRevoked = new("clinical.credential_already_revoked",
        "This signing certificate was already revoked; its revocation and reason stand.", ErrorKind.Conflict);

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
    /// credential the first request issued and rotates nothing more, also when the two are sent at once (keys are the doctor's own and
    /// this operation's: another doctor's, or an addendum's, same key is another request). The rotation has no body, so a body sent with
    /// a retry is not read and never makes it 422 <c>idempotency.key_reused</c>; a key over 100 characters, or two, is 400
    /// <c>idempotency.key_invalid</c> and rotates nothing. Without one, two rotations at once: one wins, the other is 409
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

    /// <summary>
    /// GET /admin/signing/credentials?status=&amp;doctor=&amp;page=&amp;pageSize=: every doctor's certificates, newest first, a page at a time
    /// (the one paging rule, <see cref="PageRequest"/>), narrowed to a <see cref="CredentialStatus"/> (<c>active</c>, <c>revoked</c>,
    /// <c>expired</c>) and to doctors whose name (the directory's now, else the certificate's subject) contains <c>doctor</c> (at most
    /// <see cref="DoctorFilterMaxLength"/> characters, any case). Before, the list was the 500 newest certificates and the page filtered
    /// them: once a clinic had issued 500 more (every rotation issues one), a doctor's active certificate issued earlier was in no list
    /// and could not be revoked. Errors: 400 <c>validation.failed</c> on <c>status</c>, <c>doctor</c>, <c>page</c>, <c>pageSize</c>.
    /// </summary>
    public static async Task<Results<Ok<PagedResult<SigningCredentialView>>, ProblemHttpResult>> ListAsync(string? status, string? doctor, int? page, int? pageSize,
        ClinicalDbContext db, IDirectoryModule directory, TimeProvider clock, CancellationToken ct)
    {
        if (!FilterValues.TryParse<CredentialStatus>(status, out var wanted, s => StatusName(s)))
        {
            return Problems.From(Error.ValidationFailed(new Dictionary<string, string[]> { ["status"] = ["Use active, revoked or expired."] }));
        }

        var needle = doctor?.Trim() ?? "";
        if (needle.Length > DoctorFilterMaxLength)
        {
            return Problems.From(Error.ValidationFailed(new Dictionary<string, string[]>
            {
                ["doctor"] = [$"Search by at most {DoctorFilterMaxLength} characters of the doctor's name."],
            }));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var paging = PageRequest.From(page, pageSize);
        var query = db.SigningCredentials.AsNoTracking();
        query = wanted switch
        {
            CredentialStatus.Active => query.Where(c => c.RevokedAt == null && c.NotAfter > now),
            CredentialStatus.Revoked => query.Where(c => c.RevokedAt != null),
            CredentialStatus.Expired => query.Where(c => c.RevokedAt == null && c.NotAfter <= now),
            _ => query,
        };
        if (needle.Length > 0)
        {
            var doctors = await DoctorsNamedAsync(db, directory, needle, ct);
            query = query.Where(c => doctors.Contains(c.DoctorUserId));
        }

        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(c => c.IssuedAt).ThenByDescending(c => c.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        var names = await directory.GetDoctorNamesByUserAsync([.. rows.Select(c => c.DoctorUserId).Distinct()], ct);
        return TypedResults.Ok(new PagedResult<SigningCredentialView>([.. rows.Select(c => View(c, now) with { DoctorName = names.GetValueOrDefault(c.DoctorUserId) })],
            total, paging.Page, paging.PageSize));
    }

    /// <summary>The longest <c>doctor</c> filter of the admin's list (the web's search field holds as many).</summary>
    public const int DoctorFilterMaxLength = 100;

    private static string StatusName(CredentialStatus status) => status switch
    {
        CredentialStatus.Active => "active",
        CredentialStatus.Revoked => "revoked",
        _ => "expired",
    };

    /// <summary>
    /// The doctors with a certificate whose name contains <paramref name="needle"/> (any case): the directory's name now, or for a doctor
    /// the directory no longer has, a subject the certificates were issued to. One query and one directory call, however many doctors.
    /// </summary>
    private static async Task<List<Guid>> DoctorsNamedAsync(ClinicalDbContext db, IDirectoryModule directory, string needle, CancellationToken ct)
    {
        var issued = await db.SigningCredentials.AsNoTracking().Select(c => new { c.DoctorUserId, c.SubjectName }).Distinct().ToListAsync(ct);
        var names = await directory.GetDoctorNamesByUserAsync([.. issued.Select(c => c.DoctorUserId).Distinct()], ct);
        return [.. issued.Where(c => (names.GetValueOrDefault(c.DoctorUserId) ?? c.SubjectName).Contains(needle, StringComparison.CurrentCultureIgnoreCase))
            .Select(c => c.DoctorUserId).Distinct()];
    }

    /// <summary>
    /// POST /admin/signing/credentials/{id}/revoke: the certificate can sign no more (documents signed before stay valid), audited with
    /// the reason in the save's transaction. Errors: 404 <see cref="NotFound"/>; 409 <see cref="AlreadyRevoked"/>, and 409
    /// <c>conflict.concurrent_update</c> when its doctor's rotation superseded it at the same moment.
    /// </summary>
    public static async Task<Results<Ok<SigningCredentialView>, ProblemHttpResult>> RevokeAsync(Guid credentialId, RevokeCredentialRequest request, ClinicalDbContext db,
        IDirectoryModule directory, TimeProvider clock, CancellationToken ct)
    {
        var credential = await db.SigningCredentials.FirstOrDefaultAsync(c => c.Id == credentialId, ct);
        if (credential is null)
        {
            return Problems.From(NotFound);
        }

        if (credential.RevokedAt is not null)
        {
            // Before, the answer was 200 and the trail gained a revocation with the new reason that never took place (the certificate
            // kept its first reason and time): an investigator would read a key compromise that the certificate does not say.
            return Problems.From(AlreadyRevoked);
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
