using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Telemed.BuildingBlocks.Http;

/// <summary>
/// <c>Outbound:AllowLoopback</c>: lets a URL an admin gives the host to call (a partner lab's FHIR base URL) be plain http on a
/// loopback host (127.0.0.0/8, ::1, localhost), for a fake partner beside a development or test host. Honoured only in the
/// Development environment (<see cref="OutboundPolicy"/>); elsewhere the host keeps refusing such URLs. Default false.
/// </summary>
public sealed class OutboundOptions
{
    public const string Section = "Outbound";

    public bool AllowLoopback { get; set; }
}

/// <summary>
/// Whether loopback and plain-http targets are allowed on this host: <see cref="OutboundOptions.AllowLoopback"/> in the
/// Development environment, never otherwise (docs/security.md, "Addresses the host calls").
/// </summary>
public sealed class OutboundPolicy(IOptions<OutboundOptions> options, IHostEnvironment environment)
{
    public bool AllowLoopback { get; } = options.Value.AllowLoopback && environment.IsDevelopment();

    /// <summary>Null when the host may call <paramref name="url"/>, else why not (<see cref="OutboundUrlRule.Problem"/>).</summary>
    public string? Problem(string? url) => OutboundUrlRule.Problem(url, AllowLoopback);
}

/// <summary>
/// The one rule for a URL the host will call on an operator's or admin's say-so (server-side request forgery): absolute https,
/// no user name or password in it, and a host that is not loopback (127.0.0.0/8, ::1, <c>localhost</c>), link-local
/// (169.254.0.0/16 — the cloud metadata address 169.254.169.254 — and fe80::/10) or unspecified (0.0.0.0/8, ::). With
/// <c>allowLoopback</c> loopback hosts pass, over http or https (a fake partner in development); plain http to any other host,
/// link-local, unspecified and credentials never do. A host name is checked again when it is resolved (<see cref="OutboundConnect"/>), so DNS cannot
/// rebind a name that passed here onto such an address.
/// </summary>
public static class OutboundUrlRule
{
    public const string NotAbsolute = "not an absolute URL";
    public const string NotHttps = "not https";
    public const string HasCredentials = "carries a user name or password";
    public const string LocalHost = "names a loopback, link-local or unspecified address";

    /// <summary>Null when <paramref name="url"/> may be called, else one of this class's reasons (English, no URL echoed).</summary>
    public static string? Problem(string? url, bool allowLoopback)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            return NotAbsolute;
        }

        if (uri.UserInfo.Length > 0)
        {
            return HasCredentials;
        }

        var host = uri.IdnHost.TrimEnd('.');
        var address = IPAddress.TryParse(host.Trim('[', ']'), out var parsed) ? parsed : null;
        var loopback = host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            || (address is not null && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address));
        if (loopback && !allowLoopback || address is not null && IsForbidden(address, allowLoopback))
        {
            return LocalHost;
        }

        // Plain http only to this machine (a fake partner beside a development host), never across a network.
        return uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && loopback && allowLoopback) ? null : NotHttps;
    }

    /// <summary>
    /// Whether the host must not connect to <paramref name="address"/>: loopback (unless <paramref name="allowLoopback"/>),
    /// link-local, unspecified (0.0.0.0/8 and ::, which reach this machine), also as an IPv4-mapped IPv6 address.
    /// </summary>
    public static bool IsForbidden(IPAddress address, bool allowLoopback)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] == 0 || (b[0] == 169 && b[1] == 254) || (b[0] == 127 && !allowLoopback);
        }

        return address.Equals(IPAddress.IPv6Any) || address.IsIPv6LinkLocal || (IPAddress.IsLoopback(address) && !allowLoopback);
    }
}

/// <summary>
/// A <see cref="SocketsHttpHandler"/> whose connections go only to addresses <see cref="OutboundUrlRule.IsForbidden"/> allows:
/// the host name is resolved here, forbidden addresses are dropped, and the first allowed one is dialled; a name that resolves
/// only to forbidden addresses fails the request (<see cref="HttpRequestException"/>) before any byte is sent. This is what
/// stops DNS rebinding — a name that was public when the URL was checked and points at 169.254.169.254 when it is called.
/// </summary>
public static class OutboundConnect
{
    public static SocketsHttpHandler Handler(bool allowLoopback) => new()
    {
        ConnectCallback = async (context, ct) =>
        {
            var host = context.DnsEndPoint.Host;
            var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
            var allowed = addresses.Where(a => !OutboundUrlRule.IsForbidden(a, allowLoopback)).ToArray();
            if (allowed.Length == 0)
            {
                throw new HttpRequestException($"The host refuses to connect: the name resolves only to addresses that {OutboundUrlRule.LocalHost}.");
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    /// <summary>
    /// Gives the named <see cref="HttpClient"/> the guarded handler, allowing loopback as <see cref="OutboundPolicy"/> says, and
    /// registers the policy (with <see cref="OutboundOptions"/>) if no module has yet.
    /// </summary>
    public static IHttpClientBuilder GuardOutbound(this IHttpClientBuilder builder)
    {
        builder.Services.AddOutboundPolicy();
        return builder.ConfigurePrimaryHttpMessageHandler(sp => Handler(sp.GetRequiredService<OutboundPolicy>().AllowLoopback));
    }

    /// <summary>Registers <see cref="OutboundPolicy"/> and binds <see cref="OutboundOptions"/> (once, whoever calls first).</summary>
    public static IServiceCollection AddOutboundPolicy(this IServiceCollection services)
    {
        services.AddOptions<OutboundOptions>().BindConfiguration(OutboundOptions.Section);
        services.TryAddSingleton<OutboundPolicy>();
        return services;
    }
}
