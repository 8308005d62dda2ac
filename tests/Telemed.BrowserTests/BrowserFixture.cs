using Microsoft.Playwright;
using Telemed.BuildingBlocks.Data;
using Telemed.IntegrationTests.Infrastructure;

// One browser journey at a time: they are slow, CPU-bound and share a two-core machine.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Telemed.BrowserTests;

/// <summary>The real host (SQLite, demo clinic) and Debian's Chromium driven by Playwright.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    // The labs journey calls a partner lab on 127.0.0.1 over http, which the host allows only with Outbound:AllowLoopback.
    public TelemedHost Host { get; } = new(DatabaseProvider.Sqlite, PartnerLabProcess.HostSettings());
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Host.InitializeAsync();
        var home = Path.Combine(Path.GetTempPath(), "telemed-chromium-home");
        Directory.CreateDirectory(home);
        Environment.SetEnvironmentVariable("HOME", home);
        Environment.SetEnvironmentVariable("XDG_CONFIG_HOME", home);
        Assertions.SetDefaultExpectTimeout(15_000);
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>
    /// A page in a fresh context (its own cookies) at phone width by default, on the shared host or on <c>host</c> (a journey that moves
    /// its host's clock far has a host of its own). CSP is bypassed so that
    /// <see cref="Axe"/> can inject its script; the app's CSP itself is tested over HTTP.
    /// </summary>
    public async Task<IPage> NewPageAsync(string locale = "en-US", int width = 390, int height = 844, TelemedHost? host = null)
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = (host ?? Host).BaseAddress.ToString().TrimEnd('/'), Locale = locale, ViewportSize = new() { Width = width, Height = height }, BypassCSP = true });
        context.SetDefaultTimeout(15_000);
        UrlPhiGuard.Watch(context);
        // A journey that times out says only what it waited for; the server's refusals and dropped requests on the way
        // go to the test output, so a failure in CI can be read without a rerun (paths carry ids, never PHI: UrlPhiGuard).
        context.Response += (_, response) =>
        {
            if (response.Status >= 500 || response.Status == 429)
            {
                Console.WriteLine($"[browser] {response.Status} {response.Request.Method} {new Uri(response.Url).AbsolutePath}");
            }
        };
        context.RequestFailed += (_, request) => Console.WriteLine($"[browser] failed {request.Method} {new Uri(request.Url).AbsolutePath}: {request.Failure}");
        var page = await context.NewPageAsync();
        // The SignalR client reports a connection it could not start or lost as a console error or warning: without it a
        // live update that never came reads only as a timeout.
        page.Console += (_, message) =>
        {
            if (message.Type == "error" || (message.Type == "warning" && message.Text.Contains("connection", StringComparison.OrdinalIgnoreCase)))
            {
                Console.WriteLine($"[browser console] {DateTime.UtcNow:HH:mm:ss.fff} {message.Type}: {message.Text}");
            }
        };
        return page;
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await Host.DisposeAsync();
        // Journeys that ran after PhiInUrlsJourney are checked here: a URL naming a patient fails the run.
        if (UrlPhiGuard.Violations.Count > 0)
        {
            throw new InvalidOperationException($"{UrlPhiGuard.Violations.Count} requested URL(s) named a seeded patient.");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
