using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Telemed.BuildingBlocks.Http;

namespace Telemed.UnitTests.Notifications;

public sealed class PublicUrlsTests
{
    [Fact]
    public void The_configured_public_address_wins_and_loses_its_trailing_slash()
    {
        var urls = Urls("https://portal.clinic.example/", request: ("http", "10.0.0.5:8080"), listening: "http://0.0.0.0:5080");
        urls.To("/r/abc").ShouldBe("https://portal.clinic.example/r/abc");
        urls.To("patient/messages/1").ShouldBe("https://portal.clinic.example/patient/messages/1");
    }

    [Fact]
    public void Without_the_setting_the_requests_Host_header_is_never_trusted_and_the_listening_address_is_used()
    {
        // Any client chooses its Host header: a reset link or a FHIR next link built from it could point at the client's server.
        Urls(null, request: ("https", "evil.example"), listening: "http://0.0.0.0:5080").To("/verify-email?token=x")
            .ShouldBe("http://127.0.0.1:5080/verify-email?token=x");
    }

    [Theory]
    [InlineData("http://0.0.0.0:5080", "http://127.0.0.1:5080/r/t")]
    [InlineData("http://[::]:6000", "http://127.0.0.1:6000/r/t")]
    [InlineData("http://+:7000", "http://127.0.0.1:7000/r/t")]
    [InlineData("http://127.0.0.1:5080/", "http://127.0.0.1:5080/r/t")]
    public void Without_the_setting_or_a_request_the_listening_address_is_used_and_wildcards_read_as_loopback(string listening, string expected) =>
        Urls(null, request: null, listening: listening).To("/r/t").ShouldBe(expected);

    [Theory]
    [InlineData("portal.clinic.example")]
    [InlineData("/relative")]
    [InlineData("ftp://clinic.example")]
    public void A_setting_that_is_not_an_absolute_http_address_is_refused_naming_it(string configured) =>
        Should.Throw<InvalidOperationException>(() => Urls(configured, null, "http://127.0.0.1:5080").BaseUrl).Message.ShouldContain("App:PublicBaseUrl");

    private static PublicUrls Urls(string? configured, (string Scheme, string Host)? request, string listening)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [PublicUrls.Setting] = configured }).Build();
        var accessor = new HttpContextAccessor();
        if (request is { } r)
        {
            var context = new DefaultHttpContext();
            context.Request.Scheme = r.Scheme;
            context.Request.Host = new HostString(r.Host);
            accessor.HttpContext = context;
        }

        var services = new ServiceCollection().AddSingleton<IServer>(new FakeServer(listening)).AddSingleton<IHttpContextAccessor>(accessor).BuildServiceProvider();
        return new PublicUrls(configuration, services);
    }

    private sealed class FakeServer : IServer
    {
        public FakeServer(string address)
        {
            var addresses = new ServerAddressesFeature();
            addresses.Addresses.Add(address);
            Features.Set<IServerAddressesFeature>(addresses);
        }

        public IFeatureCollection Features { get; } = new FeatureCollection();

        public void Dispose()
        {
        }

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken) where TContext : notnull => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class ServerAddressesFeature : IServerAddressesFeature
    {
        public ICollection<string> Addresses { get; } = new List<string>();
        public bool PreferHostingUrls { get; set; }
    }
}
