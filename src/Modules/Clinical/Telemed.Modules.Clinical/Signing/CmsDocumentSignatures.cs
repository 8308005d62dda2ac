using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace Telemed.Modules.Clinical.Signing;

/// <summary>
/// What verifying a signature found: whether the document is exactly what was signed, who signed it and when (the
/// host's counter-signed time, UTC), and the signer's certificate status at that time (<c>valid</c>, <c>revoked</c>,
/// <c>expired</c>, <c>untrusted</c>). <see cref="Valid"/> is true only when all of it holds.
/// </summary>
public sealed record SignatureCheck(bool Valid, bool DocumentIntact, string? SignerName, string? CertificateSerial, DateTime? SignedAt,
    string CertificateStatus, string? Problem);

/// <summary>
/// Detached CMS/PKCS#7 signatures (RFC 5652) over a document's canonical bytes: the signer's SignerInfo carries the
/// signing time as a signed attribute, and the host's timestamp certificate counter-signs it (RFC 5652 §11.4) with its own
/// signing time, so the time is vouched for by a key the doctor does not hold. Certificates chain to the clinic's CA.
/// </summary>
internal static class CmsDocumentSignatures
{
    /// <summary>The DER-encoded SignedCms (detached: the content itself is not embedded).</summary>
    public static byte[] Sign(byte[] content, X509Certificate2 signerWithKey, X509Certificate2 timestampWithKey, DateTime nowUtc)
    {
        var cms = new SignedCms(new ContentInfo(content), detached: true);
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, signerWithKey)
        {
            IncludeOption = X509IncludeOption.EndCertOnly,
            DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1"), // SHA-256
        };
        signer.SignedAttributes.Add(new Pkcs9SigningTime(nowUtc));
        cms.ComputeSignature(signer, silent: true);

        var stamp = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, timestampWithKey)
        {
            IncludeOption = X509IncludeOption.EndCertOnly,
            DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1"),
        };
        stamp.SignedAttributes.Add(new Pkcs9SigningTime(nowUtc));
        cms.SignerInfos[0].ComputeCounterSignature(stamp);
        return cms.Encode();
    }

    /// <summary>
    /// Checks <paramref name="signature"/> against <paramref name="content"/> and the clinic's CA. A changed document, a
    /// signature by a certificate the CA did not issue, or a missing timestamp make it invalid; a certificate revoked
    /// before the signing time too. Never throws for bad input: a garbled signature is reported as a problem.
    /// </summary>
    /// <param name="revokedAt">When the signer's certificate was revoked (UTC), if it was.</param>
    public static SignatureCheck Verify(byte[] content, byte[] signature, X509Certificate2 authority, DateTime? revokedAt)
    {
        var cms = new SignedCms(new ContentInfo(content), detached: true);
        try
        {
            cms.Decode(signature);
        }
        catch (CryptographicException)
        {
            return new SignatureCheck(false, false, null, null, null, "untrusted", "The signature is not a readable CMS structure.");
        }

        if (cms.SignerInfos.Count != 1 || cms.SignerInfos[0].Certificate is not { } certificate)
        {
            return new SignatureCheck(false, false, null, null, null, "untrusted", "The signature names no signer certificate.");
        }

        var signerInfo = cms.SignerInfos[0];
        var name = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        var serial = certificate.SerialNumber;
        bool intact;
        try
        {
            signerInfo.CheckSignature(verifySignatureOnly: true);
            intact = true;
        }
        catch (CryptographicException)
        {
            intact = false;
        }

        var signedAt = TimestampOf(signerInfo, authority);
        var status = StatusOf(certificate, authority, signedAt ?? DateTime.UtcNow, revokedAt);
        var problem = !intact ? "The document was changed after it was signed."
            : signedAt is null ? "The signing time is not counter-signed by the clinic's timestamp certificate."
            : status != "valid" ? $"The signer's certificate is {status}."
            : null;
        return new SignatureCheck(problem is null, intact, name, serial, signedAt, status, problem);
    }

    /// <summary>The host's counter-signed signing time, when the counter-signature verifies and chains to the CA.</summary>
    private static DateTime? TimestampOf(SignerInfo signerInfo, X509Certificate2 authority)
    {
        foreach (var counter in signerInfo.CounterSignerInfos)
        {
            try
            {
                counter.CheckSignature(verifySignatureOnly: true);
            }
            catch (CryptographicException)
            {
                continue;
            }

            if (counter.Certificate is { } tsa && ChainsTo(tsa, authority, DateTime.UtcNow)
                && counter.SignedAttributes.Cast<CryptographicAttributeObject>().SelectMany(a => a.Values.Cast<AsnEncodedData>())
                    .Select(v => v.Oid?.Value == "1.2.840.113549.1.9.5" ? new Pkcs9SigningTime(v.RawData).SigningTime : (DateTime?)null)
                    .FirstOrDefault(t => t is not null) is { } time)
            {
                return DateTime.SpecifyKind(time, DateTimeKind.Utc);
            }
        }

        return null;
    }

    private static string StatusOf(X509Certificate2 certificate, X509Certificate2 authority, DateTime signedAt, DateTime? revokedAt)
    {
        if (!ChainsTo(certificate, authority, signedAt))
        {
            return signedAt > certificate.NotAfter.ToUniversalTime() || signedAt < certificate.NotBefore.ToUniversalTime() ? "expired" : "untrusted";
        }

        return revokedAt is { } revoked && revoked <= signedAt ? "revoked" : "valid";
    }

    private static bool ChainsTo(X509Certificate2 certificate, X509Certificate2 authority, DateTime atUtc)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = DateTime.SpecifyKind(atUtc, DateTimeKind.Utc).ToLocalTime();
        chain.ChainPolicy.VerificationTimeIgnored = false;
        return chain.Build(certificate);
    }
}
