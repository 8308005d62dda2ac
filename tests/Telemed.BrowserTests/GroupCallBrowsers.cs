using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Telemed.BuildingBlocks.Data;
using Telemed.IntegrationTests.Infrastructure;
using static Telemed.IntegrationTests.Infrastructure.ConsultationsApi;

namespace Telemed.BrowserTests;

/// <summary>Chromium with fake camera, microphone and screen, a real Janus in its own network namespace, and a host using it.</summary>
public sealed class GroupCallJourneyFixture : IAsyncLifetime
{
    public JanusServer Janus { get; } = new();
    public TelemedHost Host { get; private set; } = null!;
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Janus.InitializeAsync();
        var settings = Janus.HostSettings();
        Host = new TelemedHost(DatabaseProvider.Sqlite, settings);
        await Host.InitializeAsync();
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", "--allow-loopback-in-peer-connection",
                "--auto-accept-this-tab-capture", "--auto-select-desktop-capture-source=Entire screen",
            ],
        });
    }

    public async Task<IPage> PageAsync()
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = Host.BaseAddress.ToString().TrimEnd('/'), Locale = "en-US", ViewportSize = new() { Width = 1280, Height = 900 },
            Permissions = ["camera", "microphone"],
        });
        context.SetDefaultTimeout(20_000);
        UrlPhiGuard.Watch(context);
        return await context.NewPageAsync();
    }

    /// <summary>Takes the root side of Janus's link down (or up): every browser loses Janus at once, the host's own API does not.</summary>
    public async Task LinkAsync(bool up)
    {
        using var process = Process.Start(new ProcessStartInfo("ip", ["link", "set", Janus.InterfaceName, up ? "up" : "down"])
        {
            RedirectStandardError = true, RedirectStandardOutput = true,
        })!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.ShouldBe(0, $"ip link set {Janus.InterfaceName} {(up ? "up" : "down")}: {error}");
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await Host.DisposeAsync();
        await Janus.DisposeAsync();
    }
}

/// <summary>What the group call journeys do in and to the pages.</summary>
internal static class GroupCallPages
{
    /// <summary>framesDecoded per remote display, from the page's Janus subscribers (<c>window.__telemedSfu</c>).</summary>
    public static async Task<Dictionary<string, long>> FramesAsync(IPage page)
    {
        var frames = await page.EvaluateAsync<JsonElement>("async () => window.__telemedSfu ? await window.__telemedSfu.framesDecodedByFeed() : {}");
        return frames.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.Number ? (long)p.Value.GetDouble() : -1);
    }

    /// <summary>Waits until the page's subscribers have decoded frames from each of <paramref name="displays"/> (and they keep coming).</summary>
    public static async Task DecodesAsync(IPage page, string[] displays, int seconds = 40)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        Dictionary<string, long> last = [];
        Dictionary<string, long>? first = null;
        while (DateTime.UtcNow < deadline)
        {
            last = await FramesAsync(page);
            if (displays.All(d => last.GetValueOrDefault(d) > 0))
            {
                if (first is not null && displays.All(d => last[d] > first.GetValueOrDefault(d)))
                {
                    return;
                }

                first ??= last;
            }

            await Task.Delay(500);
        }

        throw new ShouldAssertException($"Expected frames decoded from {string.Join(", ", displays)}; the page decoded {JsonSerializer.Serialize(last)}.");
    }

    /// <summary>An on-demand dermatology video consultation the doctor accepted (the doctor goes on duty for it).</summary>
    public static async Task<Guid> StartVideoConsultationAsync(TelemedHost host, string doctorEmail, string patientEmail)
    {
        using var doctor = await host.SignedInAsync(doctorEmail);
        using var patient = await host.SignedInAsync(patientEmail);
        await (await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty = true })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var requested = await patient.PostAsync("/api/v1/consultations/on-demand", new { specialty = "dermatology", kind = "video", complaint = Complaint(["left-arm"], 3, "weeks", description: "a rash") });
        await requested.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var id = (await requested.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("consultation").GetProperty("id").GetGuid();
        await (await doctor.PostAsync($"/api/v1/consultations/{id}/accept")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        return id;
    }
}
