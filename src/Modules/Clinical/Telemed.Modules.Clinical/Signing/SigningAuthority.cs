namespace Telemed.Modules.Clinical.Signing;

/// <summary>
/// One of the clinic's own signing authorities, created once at set-up: <c>ca</c> (the root that issues every signing
/// certificate) or <c>timestamp</c> (the host's key that counter-signs signing times). The certificate is public (DER,
/// base64); the private key (PKCS#8, base64) is encrypted at rest with the data keys.
/// </summary>
internal sealed class SigningAuthority
{
    public const string Root = "ca";
    public const string Timestamp = "timestamp";

    public string Kind { get; init; } = "";
    public string CertificateDer { get; init; } = "";
    public string PrivateKey { get; init; } = "";
    public DateTime CreatedAt { get; init; }
}

/// <summary>
/// A doctor's signing key and certificate, issued by the clinic's CA (DER and PKCS#8, base64; the key encrypted at rest).
/// At most one is active per doctor: rotation revokes the previous one as <c>superseded</c>; an admin revokes one as
/// <c>keyCompromise</c> or <c>withdrawn</c>. Signatures made before a revocation stay valid. UTC instants.
/// </summary>
internal sealed class SigningCredential
{
    public Guid Id { get; init; }
    public Guid DoctorUserId { get; init; }
    public string SubjectName { get; init; } = "";
    public string SerialNumber { get; init; } = "";
    public string CertificateDer { get; init; } = "";
    public string PrivateKey { get; init; } = "";
    public DateTime IssuedAt { get; init; }
    public DateTime NotAfter { get; init; }
    public DateTime? RevokedAt { get; private set; }
    public string? RevocationReason { get; private set; }

    public bool IsActiveAt(DateTime now) => RevokedAt is null && NotAfter > now;

    public void Revoke(string reason, DateTime now)
    {
        if (RevokedAt is null)
        {
            RevokedAt = now;
            RevocationReason = reason;
        }
    }
}
