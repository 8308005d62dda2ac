using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Telemed.Modules.Consultations.Calls;

/// <summary>
/// A call token names one consultation and one participant and expires; the hub also checks that the
/// consultation is still in progress, so ending it closes the call whatever the token says.
/// </summary>
internal sealed class CallTokens(IDataProtectionProvider protection, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(2);

    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("Telemed.Consultations.CallToken.v1").ToTimeLimitedDataProtector();

    public (string Token, DateTime ExpiresAt) Issue(Guid consultationId, Guid userId)
    {
        var expires = clock.GetUtcNow().Add(Lifetime);
        return (_protector.Protect($"{consultationId:N}:{userId:N}", expires), expires.UtcDateTime);
    }

    public bool IsValid(string? token, Guid consultationId, Guid userId)
    {
        if (string.IsNullOrEmpty(token))
        {
            return false;
        }

        try
        {
            return _protector.Unprotect(token, out var expiration) == $"{consultationId:N}:{userId:N}" && expiration > clock.GetUtcNow();
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
