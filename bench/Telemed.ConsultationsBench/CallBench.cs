using Telemed.IntegrationTests.Infrastructure;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;

namespace Telemed.ConsultationsBench;

/// <summary>Milestones of one side of a call, in ms after the doctor's click on Accept (null: not reached).</summary>
internal sealed record CallSide(double? PeerConnection, double? Connected, double? FirstFrame, int FramesDecoded, string? Resolution);

/// <summary>One traced step of a page (a fetch, a WebSocket opening, getUserMedia, a navigation), ms after the click.</summary>
internal sealed record CallStep(string What, long Start, long End)
{
    public override string ToString() => $"{What} {Start}–{End}";
}

internal sealed record CallRep(int Number, double? AcceptAnswered, CallSide? Doctor, CallSide? Patient, string? Error)
{
    public List<CallStep> DoctorSteps { get; init; } = [];

    public List<CallStep> PatientSteps { get; init; } = [];

    /// <summary>Both sides decode video: the slower of the two.</summary>
    public double? Both => Doctor?.FirstFrame is { } d && Patient?.FirstFrame is { } p ? Math.Max(d, p) : null;
}

internal sealed record CallRun(string Flow, string Browser, string LoadAtStart, string Environment, DateTime At, List<CallRep> Repetitions, string? Skipped);

/// <summary>
/// Time from the doctor's Accept to the first decoded video frame on each side, in Debian's Chromium with a fake camera.
/// The patient waits on the waiting-room page (which opens the call when the consultation starts); the doctor's queue page
/// shows the request live; the bench clicks Accept there and polls <c>getStats()</c> of both pages every 50 ms.
/// </summary>
internal static partial class CallBench
{
    [System.Text.RegularExpressions.GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial System.Text.RegularExpressions.Regex Guid { get; }

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
        "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", "--allow-loopback-in-peer-connection", "--autoplay-policy=no-user-gesture-required",
    ];

    // Runs in a page: milestones of the call the page holds, for one consultation, polled every 50 ms.
    private const string PollScript = """
        async ([consultationId, deadlineMs]) => {
          const out = { peerConnection: null, connected: null, firstFrame: null, framesDecoded: 0, resolution: null };
          const deadline = Date.now() + deadlineMs;
          while (Date.now() < deadline) {
            const call = window.__telemedCall;
            const pc = call && call.consultationId === consultationId ? call.peerConnection : null;
            if (pc) {
              out.peerConnection ??= Date.now();
              if (out.connected === null && (pc.connectionState === "connected" || pc.iceConnectionState === "connected" || pc.iceConnectionState === "completed")) out.connected = Date.now();
              const stats = await pc.getStats();
              for (const s of stats.values()) {
                if (s.type === "inbound-rtp" && s.kind === "video" && s.framesDecoded > 0) {
                  out.firstFrame = Date.now();
                  out.framesDecoded = s.framesDecoded;
                  out.resolution = s.frameWidth ? `${s.frameWidth}x${s.frameHeight}` : null;
                  out.connected ??= out.firstFrame;
                  return out;
                }
              }
            }
            await new Promise((r) => setTimeout(r, 50));
          }
          return out;
        }
        """;

    // Added to every page before its scripts run: start and end (Date.now()) of the steps between the click and the peer
    // connection, so the report can say where the time goes. Wraps fetch, WebSocket, getUserMedia and RTCPeerConnection.
    private const string TraceScript = """
        (() => {
          const trace = (window.__benchTrace = []);
          const mark = (what, start) => trace.push({ what, start, end: Date.now() });
          const origFetch = window.fetch.bind(window);
          window.fetch = async (input, init) => {
            const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
            const method = (init && init.method) || (typeof input === "object" && input.method) || "GET";
            const start = Date.now();
            try { return await origFetch(input, init); } finally { mark(`${method} ${new URL(url, location.href).pathname}`, start); }
          };
          const OrigWs = window.WebSocket;
          window.WebSocket = class extends OrigWs {
            constructor(url, protocols) {
              super(url, protocols);
              const start = Date.now();
              this.addEventListener("open", () => mark(`WebSocket ${new URL(url, location.href).pathname}`, start), { once: true });
            }
          };
          if (navigator.mediaDevices) {
            const origGum = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
            navigator.mediaDevices.getUserMedia = async (c) => { const start = Date.now(); try { return await origGum(c); } finally { mark("getUserMedia", start); } };
          }
          const OrigPc = window.RTCPeerConnection;
          window.RTCPeerConnection = class extends OrigPc {
            constructor(...a) {
              const start = Date.now();
              super(...a);
              mark("RTCPeerConnection", start);
              const now = (what) => mark(what, Date.now());
              this.addEventListener("signalingstatechange", () => now(`signaling ${this.signalingState}`));
              this.addEventListener("iceconnectionstatechange", () => now(`ice ${this.iceConnectionState}`));
              this.addEventListener("connectionstatechange", () => now(`dtls ${this.connectionState}`));
              this.addEventListener("icecandidate", (e) => now(e.candidate ? `candidate ${e.candidate.type ?? ""}` : "gathered"));
              this.addEventListener("track", (e) => now(`track ${e.track.kind}`));
            }
            async setRemoteDescription(d) { const start = Date.now(); try { return await super.setRemoteDescription(d); } finally { mark(`setRemote ${d?.type ?? ""}`, start); } }
            async addIceCandidate(c) { const start = Date.now(); try { return await super.addIceCandidate(c); } finally { mark("addIceCandidate", start); } }
          };
          const origPush = history.pushState.bind(history);
          history.pushState = (...a) => { mark(`navigate ${String(a[2] ?? "")}`, Date.now()); return origPush(...a); };
        })();
        """;

    public static async Task RunAsync(Options o)
    {
        var baseUrl = o.Need("base-url").TrimEnd('/');
        var repetitions = o.Int("repetitions", 10);
        var loadAtStart = Machine.LoadAverage();
        var work = o.Get("work") ?? Path.GetTempPath();
        var home = Path.Combine(work, "chromium-home");
        Directory.CreateDirectory(home);
        Environment.SetEnvironmentVariable("HOME", home);
        Environment.SetEnvironmentVariable("XDG_CONFIG_HOME", home);
        const string flow = "on-demand video request (patient on /patient/consultations/{id}/waiting) → doctor on duty clicks Accept on /doctor/consultations → " +
            "both pages go to /consultations/{id}/call by client-side navigation; clock starts at the click";

        var accounts = await Api.DemoAccountsAsync(baseUrl);
        var doctorAccount = accounts.First(a => a.Role.Equals("doctor", StringComparison.OrdinalIgnoreCase));
        var patientAccount = accounts.First(a => a.Role.Equals("patient", StringComparison.OrdinalIgnoreCase));
        var doctorApi = await Api.SignInAsync(baseUrl, doctorAccount);
        var patientApi = await Api.SignInAsync(baseUrl, patientAccount);
        var duty = await doctorApi.SendAsync(HttpMethod.Put, "/api/v1/consultations/duty", new { onDuty = true });
        var specialty = duty.GetProperty("specialties")[0].GetString()!;

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArgs,
        });
        var browserName = $"Chromium {browser.Version} (headless, fake camera and microphone)";
        Console.WriteLine($"   {browserName}; doctor {doctorAccount.Email} on duty ({specialty}), patient {patientAccount.Email}");
        var doctorPage = await SignedInPageAsync(browser, baseUrl, doctorAccount);
        var patientPage = await SignedInPageAsync(browser, baseUrl, patientAccount);
        var console = new List<string>();
        doctorPage.Console += (_, m) => { if (m.Type is "error" or "warning") { console.Add($"doctor {m.Type}: {m.Text}"); } };
        patientPage.Console += (_, m) => { if (m.Type is "error" or "warning") { console.Add($"patient {m.Type}: {m.Text}"); } };

        var reps = new List<CallRep>();
        for (var n = 1; n <= repetitions; n++)
        {
            string? id = null;
            console.Clear();
            try
            {
                var admission = await patientApi.SendAsync(HttpMethod.Post, "/api/v1/consultations/on-demand", new
                {
                    specialty, kind = "video",
                    complaint = new { regions = new[] { "head" }, severity = 3, duration = "days", symptoms = new[] { "cough" }, description = "Benchmark call", photoIds = Array.Empty<Guid>() },
                });
                id = admission.GetProperty("consultation").GetProperty("id").GetString()!;

                // The patient waits in the waiting room, the doctor looks at the queue: both pages loaded and live before the clock starts.
                await patientPage.GotoAsync($"/patient/consultations/{id}/waiting");
                await patientPage.Locator("[data-testid=consultation-state][data-status=waiting]").WaitForAsync();
                await doctorPage.GotoAsync("/doctor/consultations");
                var accept = doctorPage.Locator($"[data-testid=queue-item][data-consultation-id='{id}'] button");
                await accept.WaitForAsync();
                await Task.Delay(500); // hub connections settle

                await Task.WhenAll(doctorPage.EvaluateAsync("() => { window.__benchTrace.length = 0; }"), patientPage.EvaluateAsync("() => { window.__benchTrace.length = 0; }"));
                var doctorPoll = doctorPage.EvaluateAsync<JsonElement>(PollScript, new object[] { id, 30_000 });
                var patientPoll = patientPage.EvaluateAsync<JsonElement>(PollScript, new object[] { id, 30_000 });
                var acceptResponse = doctorPage.WaitForResponseAsync(r => r.Url.EndsWith($"/consultations/{id}/accept", StringComparison.Ordinal), new() { Timeout = 30_000 });
                var clicked = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                var watch = Stopwatch.StartNew();
                await accept.ClickAsync();
                var response = await acceptResponse.WaitAsync(TimeSpan.FromSeconds(30));
                double? acceptAnswered = response.Ok ? watch.Elapsed.TotalMilliseconds : null;
                var doctor = Side(await doctorPoll.WaitAsync(TimeSpan.FromSeconds(40)), clicked);
                var patient = Side(await patientPoll.WaitAsync(TimeSpan.FromSeconds(40)), clicked);
                var error = response.Ok ? doctor.FirstFrame is null || patient.FirstFrame is null ? "no decoded frame within 30 s" : null : $"accept answered {response.Status}";
                if (error is not null)
                {
                    error += $" (doctor at {new Uri(doctorPage.Url).AbsolutePath}, patient at {new Uri(patientPage.Url).AbsolutePath}; {string.Join(" | ", console.TakeLast(4))})";
                    await doctorPage.ScreenshotAsync(new() { Path = Path.Combine(work, $"call-{n}-doctor.png"), FullPage = true });
                    await patientPage.ScreenshotAsync(new() { Path = Path.Combine(work, $"call-{n}-patient.png"), FullPage = true });
                }

                var rep = new CallRep(n, acceptAnswered, doctor, patient, error)
                {
                    DoctorSteps = await StepsAsync(doctorPage, clicked, id),
                    PatientSteps = await StepsAsync(patientPage, clicked, id),
                };
                reps.Add(rep);
                Console.WriteLine($"   #{n}: accept answered {acceptAnswered:N0} ms; first frame doctor {doctor.FirstFrame:N0} ms, patient {patient.FirstFrame:N0} ms (connected {doctor.Connected:N0} / {patient.Connected:N0} ms; {patient.Resolution}){(rep.Error is null ? "" : " — " + rep.Error)}");
                Console.WriteLine($"      doctor:  {string.Join(", ", rep.DoctorSteps.Select(s => s.ToString()))}");
                Console.WriteLine($"      patient: {string.Join(", ", rep.PatientSteps.Select(s => s.ToString()))}");
            }
            catch (Exception e) when (e is PlaywrightException or TimeoutException or InvalidOperationException)
            {
                reps.Add(new CallRep(n, null, null, null, e.Message.Split('\n')[0]));
                Console.WriteLine($"   #{n}: failed: {e.Message.Split('\n')[0]}");
            }
            finally
            {
                if (id is not null)
                {
                    // End it so the doctor is free for the next one (or give up on a request nobody took).
                    try
                    {
                        await doctorApi.SendAsync(HttpMethod.Post, $"/api/v1/consultations/{id}/end");
                    }
                    catch (InvalidOperationException)
                    {
                        try
                        {
                            await patientApi.SendAsync(HttpMethod.Post, $"/api/v1/consultations/{id}/fail", new { reason = "patientLeft" });
                        }
                        catch (InvalidOperationException)
                        {
                            // already over
                        }
                    }
                }

                await Task.WhenAll(doctorPage.GotoAsync("about:blank"), patientPage.GotoAsync("about:blank"));
            }
        }

        await doctorApi.SendAsync(HttpMethod.Put, "/api/v1/consultations/duty", new { onDuty = false });
        var run = new CallRun(flow, browserName, loadAtStart, Machine.Describe(), DateTime.UtcNow, reps, null);
        await File.WriteAllTextAsync(o.Need("out"), JsonSerializer.Serialize(run, Api.Json));
    }

    /// <summary>The page's traced steps after the click, in ms after it, the consultation id shortened to "{id}".</summary>
    private static async Task<List<CallStep>> StepsAsync(IPage page, long clickedAt, string consultationId)
    {
        // The page's own steps, and the scripts it loaded (a lazily loaded route's chunk delays the navigation). The trace only
        // explains a repetition: a page that cannot be read any more gives no steps rather than failing a measured repetition.
        JsonElement trace;
        try
        {
            trace = await page.EvaluateAsync<JsonElement>("""
            () => [...(window.__benchTrace ?? []), ...performance.getEntriesByType("resource").filter((e) => e.name.endsWith(".js"))
              .map((e) => ({ what: `script ${new URL(e.name).pathname.split("/").pop()}`, start: Math.round(performance.timeOrigin + e.startTime), end: Math.round(performance.timeOrigin + e.responseEnd) }))]
            """);
        }
        catch (PlaywrightException)
        {
            return [];
        }

        return trace.EnumerateArray()
            .Select(t => new CallStep(Guid.Replace(t.GetProperty("what").GetString()!.Replace(consultationId, "{id}", StringComparison.Ordinal), "{guid}"),
                t.GetProperty("start").GetInt64() - clickedAt, t.GetProperty("end").GetInt64() - clickedAt))
            .Where(t => t.Start >= 0)
            .OrderBy(t => t.Start)
            .ToList();
    }

    private static CallSide Side(JsonElement poll, long clickedAt)
    {
        double? Since(string name) => poll.GetProperty(name) is { ValueKind: JsonValueKind.Number } v ? v.GetInt64() - clickedAt : null;
        return new CallSide(Since("peerConnection"), Since("connected"), Since("firstFrame"), poll.GetProperty("framesDecoded").GetInt32(),
            poll.GetProperty("resolution").ValueKind == JsonValueKind.String ? poll.GetProperty("resolution").GetString() : null);
    }

    /// <summary>A browser context signed in through the API with the session cookie (password, then TOTP for staff), as the sign-in page does.</summary>
    private static async Task<IPage> SignedInPageAsync(IBrowser browser, string baseUrl, DemoAccount account)
    {
        var context = await browser.NewContextAsync(new() { BaseURL = baseUrl, Locale = "en-US", ViewportSize = new() { Width = 1280, Height = 800 } });
        context.SetDefaultTimeout(20_000);
        await context.GrantPermissionsAsync(["camera", "microphone"], new() { Origin = baseUrl });
        var request = context.APIRequest;

        async Task<Dictionary<string, string>> XsrfAsync()
        {
            await request.GetAsync("/api/v1/auth/session");
            var token = (await context.CookiesAsync()).First(c => c.Name == "XSRF-TOKEN").Value;
            return new Dictionary<string, string> { ["X-XSRF-TOKEN"] = token };
        }

        var signIn = await request.PostAsync("/api/v1/auth/sign-in", new() { DataObject = new { email = account.Email, password = account.Password }, Headers = await XsrfAsync() });
        if (!signIn.Ok)
        {
            throw new InvalidOperationException($"Sign-in of {account.Email} failed: {signIn.Status} {await signIn.TextAsync()}");
        }

        if (account.AuthenticatorKey is { Length: > 0 } key)
        {
            var mfa = await request.PostAsync("/api/v1/auth/sign-in/mfa", new() { DataObject = new { code = await Totp.NextCodeAsync(baseUrl, key) }, Headers = await XsrfAsync() });
            if (!mfa.Ok)
            {
                throw new InvalidOperationException($"Second factor of {account.Email} failed: {mfa.Status} {await mfa.TextAsync()}");
            }
        }

        await context.AddInitScriptAsync(TraceScript);
        return await context.NewPageAsync();
    }
}
