using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Telemed.Modules.Fhir.Scopes;

/// <summary>
/// SMART-style scoped access tokens for FHIR API clients: <c>patient/*.read</c> (one patient's record, read-only) or
/// <c>user/*.read</c> (what the user may read). A token names its user, the session that asked for it, its scope and patient,
/// and expires after <see cref="Lifetime"/>; it is encrypted and signed with the host's data-protection keys, so it is stored
/// nowhere and cannot be forged or altered. It is only honoured while its session lives (checked on every use by
/// <see cref="Access.FhirViewerResolver"/>), so signing out or suspension revokes it at once. It reads only: the FHIR API has no writes. Prefix <see cref="Prefix"/> tells it from a
/// session token.
/// </summary>
internal sealed class SmartTokens(IDataProtectionProvider protection, TimeProvider clock)
{
    public const string Prefix = "smart.";
    public const string PatientRead = "patient/*.read";
    public const string UserRead = "user/*.read";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("Telemed.Fhir.SmartToken.v2").ToTimeLimitedDataProtector();

    /// <summary>
    /// A token for <paramref name="userId"/> asked for by the session <paramref name="sessionId"/>; <paramref name="patientId"/> is
    /// set for <see cref="PatientRead"/> and null for <see cref="UserRead"/>. Expires after <see cref="Lifetime"/> (UTC instant returned).
    /// </summary>
    public (string Token, DateTime ExpiresAt) Issue(Guid userId, Guid sessionId, Guid? patientId)
    {
        var expires = clock.GetUtcNow().Add(Lifetime);
        return (Prefix + _protector.Protect($"{userId:N}:{sessionId:N}:{patientId:N}", expires), expires.UtcDateTime);
    }

    /// <summary>The user, issuing session and (for a patient-scoped token) the patient of a valid, unexpired token; null otherwise.</summary>
    public (Guid UserId, Guid SessionId, Guid? PatientId)? Read(string token)
    {
        if (!token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            var payload = _protector.Unprotect(token[Prefix.Length..], out var expiration);
            var parts = payload.Split(':');
            if (expiration <= clock.GetUtcNow() || parts.Length != 3 || !Guid.TryParseExact(parts[0], "N", out var userId)
                || !Guid.TryParseExact(parts[1], "N", out var sessionId))
            {
                return null;
            }

            return (userId, sessionId, Guid.TryParseExact(parts[2], "N", out var patientId) ? patientId : null);
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
