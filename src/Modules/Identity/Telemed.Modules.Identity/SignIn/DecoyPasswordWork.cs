using Microsoft.AspNetCore.Identity;
using Telemed.Modules.Identity.Accounts;

namespace Telemed.Modules.Identity.SignIn;

/// <summary>
/// The password hasher's work, done where no real account's password is checked or hashed, so that the time of an answer does not
/// tell which e-mail addresses have accounts. Without it a sign-in with an unknown address answered in 3–4 ms and one with a known
/// address in 90–120 ms (the hash), and a sign-up with a known address in 22 ms against 96 ms for a new one (attacker walk,
/// 2026-12-07). OWASP Authentication Cheat Sheet, "Authentication Responses": the same work on both paths.
/// </summary>
internal static class DecoyPasswordWork
{
    private static readonly UserAccount Nobody = new();
    private static string? decoyHash;

    /// <summary>Verifies <paramref name="password"/> against a hash of no account's password (made once per host, same hasher settings).</summary>
    public static void Verify(IPasswordHasher<UserAccount> hasher, string password)
    {
        var hash = decoyHash ??= hasher.HashPassword(Nobody, Guid.NewGuid().ToString("N"));
        hasher.VerifyHashedPassword(Nobody, hash, password);
    }

    /// <summary>Hashes <paramref name="password"/> and throws the hash away: the work a new account's password costs.</summary>
    public static void Hash(IPasswordHasher<UserAccount> hasher, string password) => hasher.HashPassword(Nobody, password);
}
