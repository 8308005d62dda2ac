using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Telemed.Modules.Clinical.Signing;

/// <summary>
/// Makes the clinic's certificates with ECDSA P-256 keys: the self-signed CA (10 years), the host's timestamp certificate
/// (5 years, extended key usage timeStamping) and each doctor's signing certificate (2 years, digitalSignature and
/// nonRepudiation), each issued by the CA with a random 16-byte serial number. Private keys leave only as PKCS#8.
/// </summary>
internal static class CertificateFactory
{
    public static X509Certificate2 CreateAuthority(string clinicName, DateTime nowUtc)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={Escape(clinicName)} Signing CA, O={Escape(clinicName)}"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(nowUtc.AddMinutes(-5), nowUtc.AddYears(10));
    }

    public static X509Certificate2 IssueTimestamp(X509Certificate2 authority, string clinicName, DateTime nowUtc) =>
        Issue(authority, $"CN={Escape(clinicName)} Timestamp, O={Escape(clinicName)}", nowUtc, nowUtc.AddYears(5),
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, new OidCollection { new Oid("1.3.6.1.5.5.7.3.8") });

    public static X509Certificate2 IssueSigner(X509Certificate2 authority, string doctorName, string clinicName, DateTime nowUtc) =>
        Issue(authority, $"CN={Escape(doctorName)}, O={Escape(clinicName)}", nowUtc, nowUtc.AddYears(2),
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, new OidCollection { new Oid("1.3.6.1.4.1.311.10.3.12") });

    /// <summary>The certificate with its private key restored from PKCS#8.</summary>
    public static X509Certificate2 WithKey(byte[] certificateDer, byte[] pkcs8)
    {
        var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(pkcs8, out _);
        using var certificate = X509CertificateLoader.LoadCertificate(certificateDer);
        return certificate.CopyWithPrivateKey(key);
    }

    public static byte[] PrivateKeyOf(X509Certificate2 certificate) =>
        (certificate.GetECDsaPrivateKey() ?? throw new InvalidOperationException("The certificate has no ECDSA private key.")).ExportPkcs8PrivateKey();

    private static X509Certificate2 Issue(X509Certificate2 authority, string subject, DateTime from, DateTime until, X509KeyUsageFlags usage, OidCollection extendedUsage)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName(subject), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(extendedUsage, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));
        var notAfter = until < authority.NotAfter.ToUniversalTime() ? until : authority.NotAfter.ToUniversalTime().AddMinutes(-1);
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // a positive INTEGER, as RFC 5280 §4.1.2.2 asks
        using var issued = request.Create(authority, from.AddMinutes(-5), notAfter, serial);
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>Keeps a display name from adding attributes to a distinguished name.</summary>
    private static string Escape(string value) => new(value.Where(c => c is not (',' or '=' or '+' or '"' or '\\' or '<' or '>' or ';')).ToArray());
}
