using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Telemed.IntegrationTests.Infrastructure;

/// <summary>Starts a Kestrel server on 127.0.0.1 and a free port that answers every request with one handler: the stand-ins for remote APIs (Twilio, Stripe).</summary>
public static class LoopbackServer
{
    /// <summary>The started server (dispose it to stop) and its base URL without a trailing slash, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public static async Task<(WebApplication App, string BaseUrl)> StartAsync(RequestDelegate handler)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync();
        return (app, app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/'));
    }
}
