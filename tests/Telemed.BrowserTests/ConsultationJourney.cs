using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Telemed.BuildingBlocks.Data;
using Telemed.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Telemed.IntegrationTests.Infrastructure.ConsultationsApi;

namespace Telemed.BrowserTests;

/// <summary>
/// Chromium with fake camera and microphone (RECIPES.md), a host for direct peer-to-peer calls, and a host whose
/// calls must go through a real coturn server with the credentials it issues.
/// </summary>
public sealed class ConsultationJourneyFixture : IAsyncLifetime
{
    public CoturnServer Turn { get; } = new();
    public TelemedHost Host { get; private set; } = null!;
    public TelemedHost RelayHost { get; private set; } = null!;
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Turn.InitializeAsync();
        Host = new TelemedHost(DatabaseProvider.Sqlite);
        RelayHost = new TelemedHost(DatabaseProvider.Sqlite, Turn.HostSettings());
        await Task.WhenAll(Host.InitializeAsync(), RelayHost.InitializeAsync());
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", "--allow-loopback-in-peer-connection",
            ],
        });
    }

    public async Task<IPage> PageAsync(TelemedHost host)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = host.BaseAddress.ToString().TrimEnd('/'), Locale = "en-US", ViewportSize = new() { Width = 1280, Height = 900 },
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
        await RelayHost.DisposeAsync();
        await Turn.DisposeAsync();
    }
}

[Collection(BrowserCollection.Name)]
public sealed class ConsultationJourney(ConsultationJourneyFixture fixture) : IClassFixture<ConsultationJourneyFixture>
{
    private const string Patient = "oliver.grant@demo.telemed.dev";
    private const string Doctor = "sergey.volkov@demo.telemed.dev";
    private const string RemoteFramesDecoded = "() => Number(document.querySelector('[data-testid=remote-video]')?.getAttribute('data-frames-decoded') ?? 0) > 0";

    /// <summary>The candidate types the page's peer connection gathered and, once connected, the local type of the pair in use.</summary>
    private const string CandidateTypes = """
        async () => {
          const pc = window.__telemedCall?.peerConnection;
          if (!pc) return { gathered: [], selected: null };
          const stats = await pc.getStats();
          const gathered = [];
          let selected = null;
          stats.forEach(s => {
            if (s.type === 'local-candidate') gathered.push(s.candidateType);
            if (s.type === 'transport' && s.selectedCandidatePairId) {
              const pair = stats.get(s.selectedCandidatePairId);
              selected = pair ? stats.get(pair.localCandidateId)?.candidateType ?? null : null;
            }
          });
          return { gathered, selected };
        }
        """;

    [Fact]
    public async Task A_booked_video_visit_from_the_body_map_to_a_completed_call_with_video_both_ways_and_chat_with_a_photo()
    {
        var host = fixture.Host;
        Guid appointmentId;
        using (var doctorApi = await host.SignedInAsync(Doctor))
        using (var booking = await host.SignedInAsync(Patient))
        {
            (appointmentId, _) = await BookVideoVisitAndWaitUntilItIsDueAsync(host, booking, await DoctorIdAsync(doctorApi));
        }

        // 1. The patient describes the problem on the body map and enters the waiting room.
        var patient = await fixture.PageAsync(host);
        await BrowserSignIn.SignInAsync(patient, Patient);
        await patient.GotoAsync($"/patient/visit/{appointmentId}");
        await patient.GetByRole(AriaRole.Button, new() { Name = "Back", Exact = true }).ClickAsync();
        await patient.GetByTestId("body-region-lower-back").ClickAsync();
        await Expect(patient.GetByTestId("body-region-lower-back")).ToHaveAttributeAsync("aria-pressed", "true");
        await patient.GetByLabel("Severity").FillAsync("6");
        await patient.GetByLabel("How long").SelectOptionAsync("days");
        await patient.GetByLabel("Numbness").CheckAsync();
        await patient.GetByLabel("Describe what is happening").FillAsync("Pain since lifting a heavy box on Saturday");
        await patient.GetByRole(AriaRole.Button, new() { Name = "Enter the waiting room" }).ClickAsync();

        // 2. The waiting room shows position 1 and an estimate.
        await Expect(patient).ToHaveURLAsync(new Regex("/patient/consultations/[0-9a-f-]+/waiting"));
        var consultationId = Guid.Parse(new Regex("/patient/consultations/([0-9a-f-]+)/waiting").Match(patient.Url).Groups[1].Value);
        await Expect(patient.GetByTestId("queue-position")).ToContainTextAsync("1");
        await Expect(patient.GetByTestId("queue-estimate")).ToContainTextAsync(new Regex("[0-9]+ minute|Any moment"));

        // 3. The doctor sees the complaint summary in the queue and accepts.
        var doctor = await fixture.PageAsync(host);
        await BrowserSignIn.SignInAsync(doctor, Doctor, host);
        await doctor.GotoAsync("/doctor/consultations");
        var row = doctor.Locator($"[data-testid=queue-item][data-consultation-id='{consultationId}']");
        await Expect(row).ToContainTextAsync("Lower back");
        await Expect(row).ToContainTextAsync("6/10");
        await row.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();

        // 4. Both are put into the call, and each decodes the other's video.
        await Expect(doctor).ToHaveURLAsync(new Regex($"/consultations/{consultationId}/call"));
        await Expect(patient).ToHaveURLAsync(new Regex($"/consultations/{consultationId}/call"));
        await Expect(doctor.GetByTestId("complaint-summary")).ToContainTextAsync("Lower back");
        await doctor.WaitForFunctionAsync(RemoteFramesDecoded, null, new() { Timeout = 30_000 });
        await patient.WaitForFunctionAsync(RemoteFramesDecoded, null, new() { Timeout = 30_000 });

        // 5. Chat both ways, with an image attachment from the patient.
        await patient.GetByTestId("chat-file-input").SetInputFilesAsync(new FilePayload { Name = "bruise.png", MimeType = "image/png", Buffer = PngWithText("bruise") });
        await patient.GetByLabel("Message").FillAsync("This is the bruise on my back");
        await patient.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        var fromPatient = doctor.Locator("[data-testid=chat-message][data-sender-role=patient]").Filter(new() { HasText = "This is the bruise on my back" });
        await Expect(fromPatient).ToBeVisibleAsync();
        await Expect(fromPatient.GetByTestId("chat-attachment")).ToBeVisibleAsync();
        await doctor.GetByLabel("Message").FillAsync("Thank you. Does it hurt when you bend forward?");
        await doctor.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await Expect(patient.Locator("[data-testid=chat-message][data-sender-role=doctor]").Filter(new() { HasText = "Does it hurt when you bend forward?" })).ToBeVisibleAsync();

        // 6. The doctor writes a note and ends the call; both see it ended and the consultation is completed with its duration.
        await doctor.GetByTestId("consultation-notes").FillAsync("Lumbar strain suspected; no red flags.");
        await Expect(doctor.GetByTestId("notes-status")).ToHaveAttributeAsync("data-status", "saved", new() { Timeout = 15_000 });
        host.Clock.Advance(TimeSpan.FromMinutes(9));
        await doctor.GetByRole(AriaRole.Button, new() { Name = "End call" }).ClickAsync();
        await doctor.GetByRole(AriaRole.Button, new() { Name = "End consultation" }).ClickAsync();
        await Expect(doctor.GetByTestId("consultation-ended")).ToHaveAttributeAsync("data-status", "completed");
        await Expect(patient.GetByTestId("consultation-ended")).ToHaveAttributeAsync("data-status", "completed");

        using var api = await host.SignedInAsync(Patient);
        var final = await api.GetJsonAsync<JsonElement>($"/api/v1/consultations/{consultationId}");
        final.GetProperty("status").GetString().ShouldBe("completed");
        final.GetProperty("durationSeconds").GetInt32().ShouldBeGreaterThanOrEqualTo(9 * 60);
        final.GetProperty("startedAt").GetDateTime().ShouldBeLessThan(final.GetProperty("endedAt").GetDateTime());
    }

    [Fact]
    public async Task A_call_forced_through_coturn_with_host_issued_credentials_carries_video_through_the_relay()
    {
        var (doctor, patient, id) = await CallInProgressAsync(fixture.RelayHost);
        await doctor.GotoAsync($"/consultations/{id}/call");
        await patient.GotoAsync($"/consultations/{id}/call");
        await doctor.WaitForFunctionAsync(RemoteFramesDecoded, null, new() { Timeout = 30_000 });
        await patient.WaitForFunctionAsync(RemoteFramesDecoded, null, new() { Timeout = 30_000 });

        foreach (var page in new[] { doctor, patient })
        {
            var types = await page.EvaluateAsync<JsonElement>(CandidateTypes).WaitAsync(TimeSpan.FromSeconds(10));
            types.GetProperty("gathered").EnumerateArray().Select(t => t.GetString()).ShouldAllBe(t => t == "relay");
            types.GetProperty("selected").GetString().ShouldBe("relay");
        }

        using var api = await fixture.RelayHost.SignedInAsync(Patient);
        var call = await api.GetJsonAsync<JsonElement>($"/api/v1/consultations/{id}/call");
        call.GetProperty("iceTransportPolicy").GetString().ShouldBe("relay");
        var turn = call.GetProperty("iceServers")[0];
        turn.GetProperty("urls")[0].GetString().ShouldBe(fixture.Turn.Url);
        long.Parse(turn.GetProperty("username").GetString()!.Split(':')[0], System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBeGreaterThan(fixture.RelayHost.Clock.GetUtcNow().ToUnixTimeSeconds());
    }

    [Fact]
    public async Task A_turn_server_refuses_credentials_signed_with_another_secret()
    {
        var wrong = new TelemedHost(DatabaseProvider.Sqlite, fixture.Turn.HostSettings(secret: "not-the-secret"));
        await wrong.InitializeAsync();
        try
        {
            var (doctor, patient, id) = await CallInProgressAsync(wrong);
            await doctor.GotoAsync($"/consultations/{id}/call");
            await patient.GotoAsync($"/consultations/{id}/call");
            await Expect(doctor.GetByTestId("remote-video")).ToBeAttachedAsync();

            // Give ICE the time a good relay needed above several times over; then nothing may have been relayed.
            await Task.Delay(TimeSpan.FromSeconds(8));
            var types = await doctor.EvaluateAsync<JsonElement>(CandidateTypes).WaitAsync(TimeSpan.FromSeconds(10));
            types.GetProperty("gathered").EnumerateArray().ShouldNotContain(t => t.GetString() == "relay");
            (await doctor.EvaluateAsync<bool>(RemoteFramesDecoded)).ShouldBeFalse();
        }
        finally
        {
            await wrong.DisposeAsync();
        }
    }

    private async Task<(IPage Doctor, IPage Patient, Guid ConsultationId)> CallInProgressAsync(TelemedHost host)
    {
        using var doctorApi = await host.SignedInAsync(Doctor);
        using var patientApi = await host.SignedInAsync(Patient);
        var (appointmentId, _) = await BookVideoVisitAndWaitUntilItIsDueAsync(host, patientApi, await DoctorIdAsync(doctorApi));
        using var patientNow = await host.SignedInAsync(Patient);
        using var doctorNow = await host.SignedInAsync(Doctor);
        var admission = await EnterAsync(patientNow, appointmentId, Complaint(["head"], 3, "days"));
        var id = admission.GetProperty("consultation").GetProperty("id").GetGuid();
        await (await doctorNow.PostAsync($"/api/v1/consultations/{id}/accept")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var doctor = await fixture.PageAsync(host);
        await BrowserSignIn.SignInAsync(doctor, Doctor, host);
        var patient = await fixture.PageAsync(host);
        await BrowserSignIn.SignInAsync(patient, Patient);
        return (doctor, patient, id);
    }
}
