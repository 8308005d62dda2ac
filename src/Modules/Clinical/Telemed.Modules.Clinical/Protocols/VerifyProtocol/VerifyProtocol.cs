using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Clinical.Infrastructure;
using Telemed.Modules.Clinical.Signing;

namespace Telemed.Modules.Clinical.Protocols.VerifyProtocol;

/// <summary>An addendum's signature check, by addendum id.</summary>
public sealed record AddendumCheck(Guid AddendumId, SignatureCheck Check);

/// <summary>The protocol's signature check and each addendum's, oldest first.</summary>
public sealed record ProtocolVerification(Guid ConsultationId, SignatureCheck Protocol, IReadOnlyList<AddendumCheck> Addenda);

/// <summary>
/// GET /consultations/{id}/protocol/verification: recomputes the canonical form of the stored protocol and its addenda and
/// checks their signatures against the clinic's CA: signer, time, certificate status, valid or not. A stored value that
/// no longer decrypts (its ciphertext was edited) is reported as a changed document, not an error. A failed check's
/// <c>problem</c> is in the reader's language (<c>Accept-Language</c>, <see cref="SignatureProblemWording"/>). Errors: 404
/// <c>clinical.not_found</c>; 409 <c>clinical.protocol_not_signed</c>.
/// </summary>
internal static class VerifyProtocol
{
    private static readonly SignatureCheck Unreadable = new(false, false, null, null, null, "untrusted",
        "A stored value of the document can no longer be decrypted: it was changed in the database.");

    public static async Task<Results<Ok<ProtocolVerification>, ProblemHttpResult>> EndpointAsync(Guid id, ProtocolSubjects subjects, ClinicalDbContext db,
        IDocumentSignatureProvider signatures, CancellationToken ct)
    {
        var found = await subjects.FindForItsDoctorAsync(id, ct);
        if (!found.IsSuccess)
        {
            return Problems.From(found.Error!);
        }

        var state = await db.Protocols.AsNoTracking().Where(p => p.ConsultationId == id).Select(p => new { p.Id, p.Status, p.Signature }).FirstOrDefaultAsync(ct);
        if (state is not { Status: "signed", Signature: { } protocolSignature })
        {
            return Problems.From(ProtocolRules.ProtocolNotSigned);
        }

        // The reasons a check failed are shown to the doctor: in their language (the CLI keeps the English).
        var checks = await CheckAsync(id, state.Id, protocolSignature, db, signatures, ct);
        var language = ReaderLanguage.Current;
        return TypedResults.Ok(checks with
        {
            Protocol = SignatureProblemWording.In(checks.Protocol, language),
            Addenda = [.. checks.Addenda.Select(a => a with { Check = SignatureProblemWording.In(a.Check, language) })],
        });
    }

    /// <summary>The checks for one signed protocol (also used by the verification CLI).</summary>
    public static async Task<ProtocolVerification> CheckAsync(Guid consultationId, Guid protocolId, string protocolSignature, ClinicalDbContext db,
        IDocumentSignatureProvider signatures, CancellationToken ct)
    {
        SignatureCheck protocolCheck;
        try
        {
            var protocol = await db.Protocols.AsNoTracking().FirstAsync(p => p.Id == protocolId, ct);
            protocolCheck = await signatures.VerifyAsync(ProtocolCanonicalForm.Protocol(protocol), Convert.FromBase64String(protocolSignature), ct);
        }
        catch (Exception e) when (Tampered(e))
        {
            protocolCheck = Unreadable;
        }

        var checks = new List<AddendumCheck>();
        foreach (var addendumId in await db.Addenda.AsNoTracking().Where(a => a.ProtocolId == protocolId).OrderBy(a => a.CreatedAt).Select(a => a.Id).ToListAsync(ct))
        {
            try
            {
                var addendum = await db.Addenda.AsNoTracking().FirstAsync(a => a.Id == addendumId, ct);
                checks.Add(new AddendumCheck(addendumId, await signatures.VerifyAsync(ProtocolCanonicalForm.Addendum(addendum, protocolSignature),
                    Convert.FromBase64String(addendum.Signature), ct)));
            }
            catch (Exception e) when (Tampered(e))
            {
                checks.Add(new AddendumCheck(addendumId, Unreadable));
            }
        }

        return new ProtocolVerification(consultationId, protocolCheck, checks);
    }

    /// <summary>A stored value that no longer decrypts (EF may wrap the converter's exception).</summary>
    private static bool Tampered(Exception e) => e is CryptographicException or FormatException || e.InnerException is CryptographicException or FormatException;
}
