using System.Security.Cryptography;

namespace Telemed.Modules.Scheduling.Infrastructure;

/// <summary>Tokens for links (absolute links themselves come from <see cref="Telemed.BuildingBlocks.Http.PublicUrls"/>).</summary>
internal static class PublicLinks
{
    /// <summary>A fresh unguessable token (256 bits) and the hash under which it is stored.</summary>
    public static (string Token, string Hash) NewToken()
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (token, Hash(token));
    }

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
