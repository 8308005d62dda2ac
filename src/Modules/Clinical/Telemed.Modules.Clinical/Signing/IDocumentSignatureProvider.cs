namespace Telemed.Modules.Clinical.Signing;

/// <summary>A signature made for a document: the detached CMS (DER), the credential that made it and the signing time (UTC).</summary>
public sealed record DocumentSignature(byte[] Cms, Guid CredentialId, DateTime SignedAt);

/// <summary>
/// The port through which clinical documents are signed and verified. The built-in implementation
/// (<see cref="ClinicCaSignatureProvider"/>) uses the clinic's own CA; a clinic that must use a qualified electronic
/// signature (in Russia, a certificate from an accredited CA under 63-FZ) plugs in a provider that calls its signing
/// service or the doctor's token and returns a detached CMS over the same canonical bytes (docs/clinical.md).
/// </summary>
public interface IDocumentSignatureProvider
{
    /// <summary>Signs <paramref name="content"/> as the doctor; issues the doctor's certificate first if they have no active one.</summary>
    Task<DocumentSignature> SignAsync(Guid doctorUserId, string doctorName, byte[] content, CancellationToken ct);

    /// <summary>Checks a signature over <paramref name="content"/>; never throws for a damaged signature.</summary>
    Task<SignatureCheck> VerifyAsync(byte[] content, byte[] cms, CancellationToken ct);
}
