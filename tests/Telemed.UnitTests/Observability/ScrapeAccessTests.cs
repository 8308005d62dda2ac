using System.Net;
using Microsoft.AspNetCore.Http;
using Telemed.Host.Platform.Observability;

namespace Telemed.UnitTests.Observability;

/// <summary>Who may scrape the metrics: direct loopback or allowed-network connections only, never a proxied request.</summary>
public sealed class ScrapeAccessTests
{
    private static bool Allows(string remote, string[]? networks = null, string? proxyHeader = null)
    {
        var headers = new HeaderDictionary();
        if (proxyHeader is not null)
        {
            headers[proxyHeader] = "198.51.100.9";
        }

        return new ScrapeAccess(networks ?? []).Allows(IPAddress.Parse(remote), headers);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    public void Loopback_may_scrape(string remote) => Allows(remote).ShouldBeTrue();

    [Theory]
    [InlineData("203.0.113.7")]
    [InlineData("10.0.0.5")]
    [InlineData("2001:db8::1")]
    public void Any_other_address_may_not_by_default(string remote) => Allows(remote).ShouldBeFalse();

    [Fact]
    public void An_allowed_network_may_scrape_and_its_neighbours_may_not()
    {
        Allows("10.20.3.4", ["10.20.0.0/16"]).ShouldBeTrue();
        Allows("::ffff:10.20.3.4", ["10.20.0.0/16"]).ShouldBeTrue();
        Allows("10.21.0.1", ["10.20.0.0/16"]).ShouldBeFalse();
    }

    [Theory]
    [InlineData("X-Forwarded-For")]
    [InlineData("Forwarded")]
    [InlineData("X-Real-IP")]
    public void A_request_relayed_by_a_proxy_is_refused_even_from_loopback(string header) =>
        Allows("127.0.0.1", proxyHeader: header).ShouldBeFalse();

    [Fact]
    public void A_network_that_is_not_CIDR_is_refused_at_start_up() =>
        Should.Throw<FormatException>(() => new ScrapeAccess(["10.0.0.0/33"]));
}
