using System.Net;

namespace Telemed.Host.Platform.Observability;

/// <summary>
/// Who may scrape <c>/metrics</c>: a direct connection from loopback or from one of the configured networks, never a
/// request relayed by a proxy (a reverse proxy on the same machine would otherwise make every internet caller look local).
/// Anyone else gets the same 404 as for a path that does not exist.
/// </summary>
public sealed class ScrapeAccess
{
    private static readonly string[] ProxyHeaders = ["Forwarded", "X-Forwarded-For", "X-Real-IP"];
    private readonly IReadOnlyList<IPNetwork> _networks;

    /// <summary>Throws <see cref="FormatException"/> for a network that is not CIDR notation (checked at start-up).</summary>
    public ScrapeAccess(IEnumerable<string> allowedNetworks) => _networks = [.. allowedNetworks.Select(n => IPNetwork.Parse(n.Trim()))];

    /// <summary>True when <paramref name="remote"/> may scrape and the request carries none of the proxy headers.</summary>
    public bool Allows(IPAddress? remote, IHeaderDictionary headers)
    {
        if (remote is null || ProxyHeaders.Any(headers.ContainsKey))
        {
            return false;
        }

        if (remote.IsIPv4MappedToIPv6)
        {
            remote = remote.MapToIPv4();
        }

        return IPAddress.IsLoopback(remote) || _networks.Any(n => n.Contains(remote));
    }
}
