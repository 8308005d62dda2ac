using System.Net;
using System.Net.Sockets;
using Telemed.BuildingBlocks.Http;

namespace Telemed.UnitTests.Http;

/// <summary>
/// The one rule for URLs the host calls (server-side request forgery): https without credentials to a host that is not loopback,
/// link-local or unspecified; loopback (http or https) only when allowed; and the resolve-time check that stops DNS rebinding.
/// </summary>
public sealed class OutboundUrlRuleTests
{
    [Theory]
    [InlineData("https://lab.example/fhir")]
    [InlineData("https://203.0.113.7:8443/fhir")]
    [InlineData("https://[2001:db8::1]/fhir")]
    [InlineData("https://lab.example./fhir")]
    public void Given_an_https_url_on_a_public_host_When_checked_Then_it_passes_whatever_loopback_allows(string url)
    {
        OutboundUrlRule.Problem(url, allowLoopback: false).ShouldBeNull();
        OutboundUrlRule.Problem(url, allowLoopback: true).ShouldBeNull();
    }

    [Theory]
    [InlineData("https://127.0.0.1/fhir")]
    [InlineData("https://127.1.2.3:5000/fhir")]
    [InlineData("http://127.0.0.1:5000/fhir")]
    [InlineData("https://localhost/fhir")]
    [InlineData("https://LOCALHOST./fhir")]
    [InlineData("https://lab.localhost/fhir")]
    [InlineData("https://[::1]/fhir")]
    [InlineData("https://[::ffff:127.0.0.1]/fhir")]
    [InlineData("https://2130706433/fhir")] // 127.0.0.1 written as one number
    [InlineData("https://0x7f.1/fhir")]
    public void Given_a_loopback_host_When_checked_Then_it_is_refused_unless_loopback_is_allowed(string url)
    {
        OutboundUrlRule.Problem(url, allowLoopback: false).ShouldBe(OutboundUrlRule.LocalHost);
        OutboundUrlRule.Problem(url, allowLoopback: true).ShouldBeNull();
    }

    [Theory]
    [InlineData("https://169.254.169.254/latest/meta-data/")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("https://169.254.0.1/")]
    [InlineData("https://[fe80::1]/")]
    [InlineData("https://[febf::1]/")]
    [InlineData("https://[::ffff:169.254.169.254]/")]
    [InlineData("https://0.0.0.0/")]
    [InlineData("https://0.1.2.3/")]
    [InlineData("https://[::]/")]
    public void Given_a_link_local_or_unspecified_host_When_checked_Then_it_is_refused_even_where_loopback_is_allowed(string url)
    {
        OutboundUrlRule.Problem(url, allowLoopback: false).ShouldBe(OutboundUrlRule.LocalHost);
        OutboundUrlRule.Problem(url, allowLoopback: true).ShouldBe(OutboundUrlRule.LocalHost);
    }

    [Theory]
    [InlineData("https://user:pass@lab.example/fhir")]
    [InlineData("https://user@lab.example/fhir")]
    [InlineData("http://user:pass@127.0.0.1:5000/fhir")]
    public void Given_a_url_with_credentials_When_checked_Then_it_is_refused(string url)
    {
        OutboundUrlRule.Problem(url, allowLoopback: false).ShouldBe(OutboundUrlRule.HasCredentials);
        OutboundUrlRule.Problem(url, allowLoopback: true).ShouldBe(OutboundUrlRule.HasCredentials);
    }

    [Theory]
    [InlineData("http://lab.example/fhir")]
    [InlineData("http://203.0.113.7/fhir")]
    [InlineData("ftp://lab.example/fhir")]
    [InlineData("file:///etc/passwd")]
    public void Given_plain_http_or_another_scheme_to_a_remote_host_When_checked_Then_it_is_refused_even_where_loopback_is_allowed(string url)
    {
        OutboundUrlRule.Problem(url, allowLoopback: false).ShouldNotBeNull();
        OutboundUrlRule.Problem(url, allowLoopback: true).ShouldNotBeNull();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("lab.example/fhir")]
    [InlineData("javascript:alert(1)")]
    public void Given_no_absolute_url_When_checked_Then_it_is_refused(string? url) =>
        OutboundUrlRule.Problem(url, allowLoopback: true).ShouldBe(OutboundUrlRule.NotAbsolute);

    [Fact]
    public async Task Given_a_name_that_resolves_to_loopback_When_the_guarded_handler_connects_Then_it_refuses_before_sending_and_connects_only_where_allowed()
    {
        // "localhost" stands for any name an attacker's DNS answers with a loopback address after the URL was checked.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        using (var guarded = new HttpClient(OutboundConnect.Handler(allowLoopback: false)) { Timeout = TimeSpan.FromSeconds(10) })
        {
            var refused = await Should.ThrowAsync<HttpRequestException>(() => guarded.GetAsync($"http://localhost:{port}/"));
            refused.ToString().ShouldContain(OutboundUrlRule.LocalHost);
            await Should.ThrowAsync<HttpRequestException>(() => guarded.GetAsync($"http://127.0.0.1:{port}/"));
            listener.Pending().ShouldBeFalse("nothing may reach the loopback listener");
        }

        using var allowed = new HttpClient(OutboundConnect.Handler(allowLoopback: true)) { Timeout = TimeSpan.FromSeconds(10) };
        var answering = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            var buffer = new byte[4096];
            _ = await stream.ReadAsync(buffer);
            await stream.WriteAsync("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n"u8.ToArray());
        });
        (await allowed.GetAsync($"http://localhost:{port}/")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await answering;
    }
}
