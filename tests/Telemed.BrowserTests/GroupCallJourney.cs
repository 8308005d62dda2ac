using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Telemed.BuildingBlocks.Data;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.IntegrationTests.Scenarios.Consultations;
using static Microsoft.Playwright.Assertions;
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

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await Host.DisposeAsync();
        await Janus.DisposeAsync();
    }
}

/// <summary>
/// Issue 16's done-when, in real browsers through a real Janus: patient, doctor and an interpreter in one consultation each
/// decode the other two's video; the doctor's screen share is decoded by the other two; a fourth user with no invitation is
/// refused by Janus itself; the doctor removes the interpreter and they are out at once.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class GroupCallJourney(GroupCallJourneyFixture fixture) : IClassFixture<GroupCallJourneyFixture>
{
    private const string Patient = "ksenia.orekhova@demo.telemed.dev";
    private const string Doctor = "lena.schneider@demo.telemed.dev";
    private const string Interpreter = "sophie.turner@demo.telemed.dev";
    private const string Stranger = "oliver.grant@demo.telemed.dev";

    /// <summary>framesDecoded per remote display, from the page's Janus subscribers.</summary>
    private const string Frames = "async () => window.__telemedSfu ? await window.__telemedSfu.framesDecodedByFeed() : {}";

    [Fact]
    public async Task Three_people_in_one_consultation_see_each_other_and_the_doctors_screen_through_Janus_and_nobody_else_gets_in()
    {
        var host = fixture.Host;
        var id = await StartVideoConsultationAsync(host);
        var doctor = await fixture.PageAsync();
        await BrowserSignIn.SignInAsync(doctor, Doctor, host);
        var patient = await fixture.PageAsync();
        await BrowserSignIn.SignInAsync(patient, Patient);
        var interpreter = await fixture.PageAsync();
        await BrowserSignIn.SignInAsync(interpreter, Interpreter);
        await doctor.GotoAsync($"/consultations/{id}/call");
        await patient.GotoAsync($"/consultations/{id}/call");

        // The doctor invites by e-mail; the interpreter finds the invitation and asks to join; the doctor lets them in.
        await doctor.GetByTestId("invite-guest-email").FillAsync(Interpreter);
        await doctor.GetByTestId("invite-guest-role").SelectOptionAsync("interpreter");
        await doctor.GetByTestId("invite-guest-submit").ClickAsync();
        await Expect(doctor.GetByTestId("guest-row")).ToHaveAttributeAsync("data-status", "invited");
        await interpreter.GotoAsync("/call-invitations");
        await interpreter.GetByTestId("open-call-invitation").ClickAsync();
        await interpreter.GetByTestId("guest-knock").ClickAsync();
        await Expect(interpreter.GetByTestId("guest-waiting")).ToBeVisibleAsync();
        await Expect(doctor.GetByTestId("guest-row")).ToHaveAttributeAsync("data-status", "waiting");
        await doctor.GetByTestId("admit-guest").ClickAsync();

        // Everyone moves to the room and decodes the other two.
        var names = new Dictionary<IPage, string[]>
        {
            [doctor] = ["Ksenia Orekhova", "Sophie Turner"],
            [patient] = ["Lena Schneider", "Sophie Turner"],
            [interpreter] = ["Lena Schneider", "Ksenia Orekhova"],
        };
        foreach (var (page, others) in names)
        {
            await Expect(page.GetByTestId("sfu-stage")).ToHaveAttributeAsync("data-state", "joined", new() { Timeout = 30_000 });
            await DecodesAsync(page, others);
        }

        // The doctor shares the screen; the other two decode it.
        await doctor.GetByTestId("share-screen").ClickAsync();
        await Expect(doctor.GetByTestId("share-screen")).ToHaveAttributeAsync("aria-pressed", "true");
        await DecodesAsync(patient, ["Lena Schneider (screen)"]);
        await DecodesAsync(interpreter, ["Lena Schneider (screen)"]);

        // A fourth user with no invitation: the host gives them no seat, and Janus itself refuses a token it was never given.
        var stranger = await fixture.PageAsync();
        await BrowserSignIn.SignInAsync(stranger, Stranger);
        await stranger.GotoAsync($"/consultations/{id}/join");
        await Expect(stranger.GetByTestId("guest-knock")).ToHaveCountAsync(0);
        var refusal = await stranger.EvaluateAsync<JsonElement>(
            """
            url => new Promise(resolve => {
              const ws = new WebSocket(url, "janus-protocol");
              ws.onopen = () => ws.send(JSON.stringify({ janus: "create", transaction: "t", token: "a-token-the-host-never-gave" }));
              ws.onmessage = e => { resolve(JSON.parse(e.data)); ws.close(); };
              ws.onerror = () => resolve({ janus: "socket-error" });
            })
            """, fixture.Janus.BrowserUrl);
        refusal.GetProperty("janus").GetString().ShouldBe("error", refusal.ToString());
        refusal.GetProperty("error").GetProperty("code").GetInt32().ShouldBe(403);

        // The doctor removes the interpreter: out of the room at once, and the others' tiles of them go.
        await doctor.GetByRole(AriaRole.Button, new() { Name = "Remove Sophie Turner" }).ClickAsync();
        await Expect(interpreter.GetByTestId("guest-removed")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(patient.Locator("[data-testid=sfu-tile][data-display='Sophie Turner']")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        await Expect(doctor.Locator("[data-testid=sfu-tile][data-display='Sophie Turner']")).ToHaveCountAsync(0);
        await DecodesAsync(patient, ["Lena Schneider"]);
    }

    /// <summary>Waits until the page's subscribers have decoded frames from each of <paramref name="displays"/> (and they keep coming).</summary>
    private static async Task DecodesAsync(IPage page, string[] displays)
    {
        var deadline = DateTime.UtcNow.AddSeconds(40);
        JsonElement last = default;
        Dictionary<string, long>? first = null;
        while (DateTime.UtcNow < deadline)
        {
            last = await page.EvaluateAsync<JsonElement>(Frames);
            var now = last.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.Number ? (long)p.Value.GetDouble() : -1);
            if (displays.All(d => now.GetValueOrDefault(d) > 0))
            {
                if (first is not null && displays.All(d => now[d] > first.GetValueOrDefault(d)))
                {
                    return;
                }

                first ??= now;
            }

            await Task.Delay(500);
        }

        throw new ShouldAssertException($"Expected frames decoded from {string.Join(", ", displays)}; the page decoded {last}.");
    }

    private static async Task<Guid> StartVideoConsultationAsync(TelemedHost host)
    {
        using var doctor = await host.SignedInAsync(Doctor);
        using var patient = await host.SignedInAsync(Patient);
        await (await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty = true })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var requested = await patient.PostAsync("/api/v1/consultations/on-demand", new { specialty = "dermatology", kind = "video", complaint = Complaint(["left-arm"], 3, "weeks", description: "a rash") });
        await requested.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var id = (await requested.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("consultation").GetProperty("id").GetGuid();
        await (await doctor.PostAsync($"/api/v1/consultations/{id}/accept")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        return id;
    }
}
