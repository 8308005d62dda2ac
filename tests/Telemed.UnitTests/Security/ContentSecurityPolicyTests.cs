using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Telemed.Host.Platform;
using Telemed.Modules.Billing;
using Telemed.Modules.Consultations;

namespace Telemed.UnitTests.Security;

/// <summary>
/// The app's Content-Security-Policy follows <c>Billing:Gateway</c>: Stripe.js's origins only when Stripe is configured, the
/// strict 'self' policy with the sandbox. Wired as the host wires it: the billing module's services, the middleware built from them.
/// </summary>
public sealed class ContentSecurityPolicyTests
{
    private static async Task<string> PolicyFor(string? gateway, string path = "/patient/appointments", string? sfuBrowserUrl = null)
    {
        var settings = new Dictionary<string, string?> { ["Billing:Gateway"] = gateway, ["Consultations:Video:Sfu:Janus:BrowserUrl"] = sfuBrowserUrl };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        new BillingModule().AddServices(services, configuration);
        new ConsultationsModule().AddServices(services, configuration);
        await using var provider = services.BuildServiceProvider();

        var middleware = ActivatorUtilities.CreateInstance<SecurityHeadersMiddleware>(provider, (RequestDelegate)(_ => Task.CompletedTask));
        var response = new StartingResponse();
        var context = new DefaultHttpContext();
        context.Features.Set<IHttpResponseFeature>(response);
        context.Request.Path = path;
        await middleware.InvokeAsync(context);
        await response.StartAsync();
        return context.Response.Headers.ContentSecurityPolicy.ToString();
    }

    [Fact]
    public async Task Given_the_stripe_gateway_Then_the_app_policy_lets_Stripe_js_its_frames_and_its_api_in()
    {
        var csp = await PolicyFor("stripe");

        csp.ShouldContain("script-src 'self' https://js.stripe.com;");
        csp.ShouldContain("frame-src 'self' https://js.stripe.com https://hooks.stripe.com;");
        csp.ShouldContain("connect-src 'self' https://api.stripe.com;");
        csp.ShouldContain("frame-ancestors 'none'");
        csp.ShouldContain("object-src 'none'");
    }

    [Theory]
    [InlineData("sandbox")]
    [InlineData(null)]
    public async Task Given_the_sandbox_gateway_Then_the_app_policy_stays_self_only(string? gateway)
    {
        var csp = await PolicyFor(gateway);

        csp.ShouldNotContain("stripe");
        csp.ShouldNotContain("https:");
        csp.ShouldContain("script-src 'self';");
        csp.ShouldContain("connect-src 'self';");
        csp.ShouldNotContain("frame-src");
    }

    [Fact]
    public async Task Given_a_Janus_SFU_for_group_calls_Then_the_app_may_connect_to_its_browser_origin_and_nowhere_else()
    {
        var csp = await PolicyFor("stripe", sfuBrowserUrl: "wss://sfu.clinic.example:8989/janus");

        csp.ShouldContain("connect-src 'self' https://api.stripe.com wss://sfu.clinic.example:8989;");
        (await PolicyFor(null)).ShouldContain("connect-src 'self';");
    }

    [Fact]
    public async Task Given_the_stripe_gateway_Then_the_api_docs_keep_their_own_policy_without_Stripe()
    {
        var csp = await PolicyFor("stripe", "/api/docs/index.html");

        csp.ShouldNotContain("stripe");
        csp.ShouldContain("style-src 'self' 'unsafe-inline'");
    }

    /// <summary>A response whose OnStarting callbacks run when the test says the headers go out (DefaultHttpContext never starts).</summary>
    private sealed class StartingResponse : HttpResponseFeature
    {
        private readonly List<(Func<object, Task> Callback, object State)> _starting = [];

        public override void OnStarting(Func<object, Task> callback, object state) => _starting.Add((callback, state));

        public async Task StartAsync()
        {
            foreach (var (callback, state) in _starting)
            {
                await callback(state);
            }
        }
    }
}
