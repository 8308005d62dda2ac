using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Telemed.Modules.Consultations.Infrastructure;

namespace Telemed.Modules.Consultations.Calls;

public sealed record IceServer(IReadOnlyList<string> Urls, string? Username, string? Credential);

/// <summary>
/// STUN and TURN servers for a call. TURN credentials follow the TURN REST scheme that coturn checks with
/// <c>use-auth-secret</c>: the user name is "expiry:user", the password an HMAC-SHA1 of it under the shared
/// secret, so they expire by themselves and the host never stores them.
/// </summary>
internal sealed class IceServers(IOptions<ConsultationsOptions> options, TimeProvider clock)
{
    public string TransportPolicy => options.Value.Video.IceTransportPolicy == "relay" ? "relay" : "all";

    public IReadOnlyList<IceServer> For(Guid userId)
    {
        var video = options.Value.Video;
        var servers = new List<IceServer>();
        if (video.StunUrls.Count > 0)
        {
            servers.Add(new IceServer(video.StunUrls, null, null));
        }

        if (video.TurnUrls.Count > 0 && !string.IsNullOrEmpty(video.TurnSecret))
        {
            var expires = clock.GetUtcNow().AddMinutes(video.TurnCredentialMinutes).ToUnixTimeSeconds();
            var (username, credential) = TurnCredentials(video.TurnSecret, expires, userId);
            servers.Add(new IceServer(video.TurnUrls, username, credential));
        }

        return servers;
    }

    public static (string Username, string Credential) TurnCredentials(string secret, long expiresUnixSeconds, Guid userId)
    {
        var username = $"{expiresUnixSeconds}:{userId:N}";
        var credential = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(username)));
        return (username, credential);
    }
}
