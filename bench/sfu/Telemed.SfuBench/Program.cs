using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Telemed.IntegrationTests.Infrastructure;

// Group calls through Janus (issue 16). See bench/sfu/README.md; run with bash bench/sfu/run.sh.
var options = Options.Parse(args);
var report = new StringBuilder();
var json = new JsonObject { ["date"] = DateTime.UtcNow.ToString("u", CultureInfo.InvariantCulture), ["mode"] = options.Mode };
void Log(string line)
{
    Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {line}");
}

var home = Path.Combine(Path.GetTempPath(), "telemed-sfu-bench-home");
Directory.CreateDirectory(home);
Environment.SetEnvironmentVariable("HOME", home);
Environment.SetEnvironmentVariable("XDG_CONFIG_HOME", home);

var janus = new JanusServer { DebugLevel = 3 };
await janus.InitializeAsync();
try
{
    var janusPid = Machine.JanusPid(janus.Namespace);
    var token = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
    var added = await janus.AdminAsync("add_token", new() { ["token"] = token, ["plugins"] = new[] { "janus.plugin.videoroom" } });
    Log($"Janus {janus.JanusAddress} pid {janusPid}; add_token: {added.GetProperty("janus").GetString()}");
    var rooms = new RoomApi(janus.ApiUrl, token, janus.RoomAdminKey);

    using var playwright = await Playwright.CreateAsync();
    await using var browser = await playwright.Chromium.LaunchAsync(new()
    {
        ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
        Headless = true,
        Args =
        [
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
            "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", "--autoplay-policy=no-user-gesture-required",
            "--disable-background-timer-throttling", "--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessSendPreflights", "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows",
        ],
    });
    json["chromium"] = browser.Version;
    var context = await browser.NewContextAsync(new() { Permissions = ["camera", "microphone"] });
    await context.RouteAsync("http://localhost:1/**", async route =>
    {
        var path = new Uri(route.Request.Url).AbsolutePath;
        var file = path.StartsWith("/nm/", StringComparison.Ordinal)
            ? Path.Combine(options.NodeModules, path[4..])
            : Path.Combine(AppContext.BaseDirectory, "page", path.TrimStart('/'));
        if (!File.Exists(file))
        {
            await route.FulfillAsync(new() { Status = 404, Body = "missing " + path });
            return;
        }

        await route.FulfillAsync(new() { Status = 200, ContentType = file.EndsWith(".html", StringComparison.Ordinal) ? "text/html" : "application/javascript", BodyBytes = await File.ReadAllBytesAsync(file) });
    });

    async Task<IPage> OpenPageAsync()
    {
        var page = await context.NewPageAsync();
        page.Console += (_, m) => { if (m.Type == "error") Log("page: " + m.Text); };
        await page.GotoAsync("http://localhost:1/bench.html");
        await page.WaitForFunctionAsync("() => typeof window.benchJoin === 'function' && typeof Janus === 'function'");
        return page;
    }

    object JoinArgs(long room, long id, bool publish, bool subscribe) => new { server = janus.BrowserUrl, token, room, id, publish, subscribe };

    // 1. Accept → first decoded remote frame: a room with two publishers; a third participant joins (session create →
    //    publisher join → publish + a subscription per remote feed) and leaves, `joins` times.
    var latency = new List<(double First, double Both)>();
    if (options.Joins > 0)
    {
        var loadBefore = Machine.LoadAverage();
        var room = await rooms.CreateAsync(1000, publishers: 6);
        var hosts = await OpenPageAsync();
        await hosts.EvaluateAsync("a => benchJoin(a)", JoinArgs(room, 1, true, false));
        await hosts.EvaluateAsync("a => benchJoin(a)", JoinArgs(room, 2, true, false));
        var joiner = await OpenPageAsync();
        await Task.Delay(2000);
        for (var i = 0; i < options.Joins; i++)
        {
            var id = 100 + i;
            var frames = await joiner.EvaluateAsync<JsonElement>("""
                async a => {
                  await benchJoin(a);
                  const deadline = performance.now() + 20000;
                  while (performance.now() < deadline) {
                    const f = benchFirstFrames(a.id);
                    if (f.length === 2 && f.every(x => x.firstFrame !== null)) break;
                    await new Promise(r => setTimeout(r, 20));
                  }
                  const f = benchFirstFrames(a.id);
                  await benchLeave(a.id);
                  return f;
                }
                """, JoinArgs(room, id, true, true));
            var times = frames.EnumerateArray().Select(f => f.GetProperty("firstFrame").ValueKind == JsonValueKind.Number ? f.GetProperty("firstFrame").GetDouble() : double.NaN).ToList();
            if (times.Count == 2 && times.All(t => !double.IsNaN(t)))
            {
                latency.Add((times.Min(), times.Max()));
                Log($"join {i + 1}: first remote frame {times.Min():F0} ms, both {times.Max():F0} ms");
            }
            else
            {
                Log($"join {i + 1}: incomplete ({frames})");
            }

            await Task.Delay(1000);
        }

        await hosts.CloseAsync();
        await joiner.CloseAsync();
        var loadAfter = Machine.LoadAverage();
        json["latency"] = new JsonObject
        {
            ["loadBefore"] = loadBefore, ["loadAfter"] = loadAfter, ["joins"] = options.Joins, ["completed"] = latency.Count,
            ["firstMs"] = new JsonArray([.. latency.Select(l => (JsonNode)Math.Round(l.First))]),
            ["bothMs"] = new JsonArray([.. latency.Select(l => (JsonNode)Math.Round(l.Both))]),
        };
        report.AppendLine($"Accept → first decoded remote frame (session create → framesDecoded > 0), {latency.Count}/{options.Joins} joins, load {loadBefore} → {loadAfter}:");
        if (latency.Count > 0)
        {
            report.AppendLine($"- first of the two remote feeds: median {Stats.Percentile(latency.Select(l => l.First), 50):F0} ms, p95 {Stats.Percentile(latency.Select(l => l.First), 95):F0} ms");
            report.AppendLine($"- both remote feeds: median {Stats.Percentile(latency.Select(l => l.Both), 50):F0} ms, p95 {Stats.Percentile(latency.Select(l => l.Both), 95):F0} ms");
        }

        report.AppendLine();
    }

    // 2. N rooms × 3 participants at 640×480.
    var steps = new JsonArray();
    report.AppendLine("| rooms | streams in / out | Janus CPU (% of one core) | forwarded (Mbit/s) | published fps | subscriber fps (mean / min) | loss | load before → after | verdict |");
    report.AppendLine("|---|---|---|---|---|---|---|---|---|");
    var nextRoom = 2000L;
    foreach (var n in options.Counts)
    {
        if (DateTime.UtcNow > options.StopAt)
        {
            Log($"stop time {options.StopAt:HH:mm} reached before N={n}");
            break;
        }

        var loadBefore = Machine.LoadAverage();
        Log($"N={n}: load {loadBefore}");
        var pages = new List<IPage>();
        string? setupError = null;
        try
        {
            for (var r = 0; r < n; r++)
            {
                var room = await rooms.CreateAsync(nextRoom++, publishers: 6);
                var page = await OpenPageAsync();
                pages.Add(page);
                var mesh = options.Mode == "mesh";
                for (var p = 1; p <= 3; p++)
                {
                    await page.EvaluateAsync("a => benchJoin(a)", JoinArgs(room, p, true, mesh));
                }

                if (!mesh)
                {
                    await page.EvaluateAsync("a => benchJoin(a)", JoinArgs(room, 9, false, true));
                }
            }

            var expected = options.Mode == "mesh" ? 6 * n : 3 * n;
            var deadline = DateTime.UtcNow.AddSeconds(40);
            while (true)
            {
                var decoding = 0;
                foreach (var page in pages)
                {
                    var s = await page.EvaluateAsync<JsonElement>("() => benchStats()");
                    decoding += s.GetProperty("subscriptions").EnumerateArray().Count(x => x.GetProperty("framesDecoded").GetInt64() > 0);
                }

                if (decoding >= expected)
                {
                    break;
                }

                if (DateTime.UtcNow > deadline)
                {
                    setupError = $"only {decoding} of {expected} subscriptions decoding after 40 s";
                    break;
                }

                await Task.Delay(500);
            }
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException or InvalidOperationException)
        {
            setupError = e.Message.Split('\n')[0];
        }

        JsonObject step;
        if (setupError is not null)
        {
            Log($"N={n}: {setupError}");
            step = new JsonObject { ["rooms"] = n, ["error"] = setupError, ["loadBefore"] = loadBefore, ["loadAfter"] = Machine.LoadAverage() };
            report.AppendLine($"| {n} | – | – | – | – | – | – | {loadBefore} → {Machine.LoadAverage()} | set-up failed: {setupError} |");
            steps.Add(step);
            await CloseAllAsync(pages);
            break;
        }

        await Task.Delay(TimeSpan.FromSeconds(options.Warmup));
        var a = await Snapshot.TakeAsync(pages, janusPid, janus.InterfaceName);
        await Task.Delay(TimeSpan.FromSeconds(options.Measure));
        var b = await Snapshot.TakeAsync(pages, janusPid, janus.InterfaceName);
        var loadAfter = Machine.LoadAverage();
        var m = Snapshot.Compare(a, b);
        var drops = m.SubscriberFpsMean < 0.9 * m.PublishedFps || m.LossPercent > 2;
        var inOut = options.Mode == "mesh" ? $"{3 * n} / {6 * n}" : $"{3 * n} / {3 * n}";
        Log($"N={n}: Janus {m.JanusCpu:F1} %, fwd {m.ForwardedMbps:F2} Mbit/s (in {m.ReceivedMbps:F2}), pub {m.PublishedFps:F1} fps, sub {m.SubscriberFpsMean:F1}/{m.SubscriberFpsMin:F1} fps, loss {m.LossPercent:F2} %, load {loadAfter}, limitation {m.Limitations}");
        report.AppendLine($"| {n} | {inOut} | {m.JanusCpu:F1} | {m.ForwardedMbps:F2} | {m.PublishedFps:F1} | {m.SubscriberFpsMean:F1} / {m.SubscriberFpsMin:F1} | {m.LossPercent:F2} % | {loadBefore} → {loadAfter} | {(drops ? "**frames drop**" : "ok")} |");
        steps.Add(new JsonObject
        {
            ["rooms"] = n, ["janusCpuPercent"] = Math.Round(m.JanusCpu, 1), ["forwardedMbps"] = Math.Round(m.ForwardedMbps, 2), ["receivedMbps"] = Math.Round(m.ReceivedMbps, 2),
            ["publishedFps"] = Math.Round(m.PublishedFps, 1), ["subscriberFpsMean"] = Math.Round(m.SubscriberFpsMean, 1), ["subscriberFpsMin"] = Math.Round(m.SubscriberFpsMin, 1),
            ["lossPercent"] = Math.Round(m.LossPercent, 2), ["resolution"] = m.Resolution, ["encoderLimitations"] = m.Limitations,
            ["loadBefore"] = loadBefore, ["loadAfter"] = loadAfter, ["framesDrop"] = drops,
        });
        await CloseAllAsync(pages);
        await Task.Delay(3000);
        if (drops)
        {
            break;
        }
    }

    json["steps"] = steps;
    json["janus"] = "1.1.2 (Debian bookworm package)";
}
finally
{
    await janus.DisposeAsync();
}

Console.WriteLine();
Console.WriteLine(report.ToString());
if (options.Out is { } outFile)
{
    await File.WriteAllTextAsync(outFile + ".json", json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    await File.WriteAllTextAsync(outFile + ".md", report.ToString());
}

static async Task CloseAllAsync(List<IPage> pages)
{
    foreach (var page in pages)
    {
        try
        {
            await page.EvaluateAsync("async () => { await Promise.all(Object.keys(window.participants).map(id => benchLeave(Number(id)))); }").WaitAsync(TimeSpan.FromSeconds(10));
            await page.CloseAsync();
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            // the page is gone already, or the leave is stuck: closing the context at the end drops it
        }
    }
}

internal sealed record Options(string Mode, int[] Counts, int Warmup, int Measure, int Joins, string NodeModules, string? Out, DateTime StopAt)
{
    public static Options Parse(string[] args)
    {
        string? Get(string name)
        {
            var i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        return new Options(
            Get("mode") ?? "mesh",
            (Get("rooms") ?? "1,2,4,6,8,10,12,16").Split(',').Select(int.Parse).ToArray(),
            int.Parse(Get("warmup") ?? "10", CultureInfo.InvariantCulture),
            int.Parse(Get("measure") ?? "15", CultureInfo.InvariantCulture),
            int.Parse(Get("joins") ?? "12", CultureInfo.InvariantCulture),
            Get("node-modules") ?? throw new ArgumentException("--node-modules <web/node_modules> is required"),
            Get("out"),
            Get("stop-at") is { } stop ? DateTime.Parse(stop, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal) : DateTime.MaxValue);
    }
}

internal sealed class RoomApi(string apiUrl, string token, string adminKey)
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(20) };

    /// <summary>Creates a room the way the host does (JanusSfu: vp8/opus, 512 kbit/s cap, fir_freq 10), without secret or allowed list.</summary>
    public async Task<long> CreateAsync(long room, int publishers)
    {
        var session = (await PostAsync(apiUrl, new JsonObject { ["janus"] = "create", ["token"] = token }))["data"]!["id"]!.GetValue<long>();
        var handle = (await PostAsync($"{apiUrl}/{session}", new JsonObject { ["janus"] = "attach", ["plugin"] = "janus.plugin.videoroom", ["token"] = token }))["data"]!["id"]!.GetValue<long>();
        var body = new JsonObject
        {
            ["request"] = "create", ["room"] = room, ["admin_key"] = adminKey, ["permanent"] = false, ["publishers"] = publishers, ["bitrate"] = 512_000, ["bitrate_cap"] = true,
            ["fir_freq"] = 10, ["audiocodec"] = "opus", ["videocodec"] = "vp8", ["notify_joining"] = true,
        };
        var answer = await PostAsync($"{apiUrl}/{session}/{handle}", new JsonObject { ["janus"] = "message", ["token"] = token, ["body"] = body });
        var data = answer["plugindata"]?["data"];
        if (data?["videoroom"]?.GetValue<string>() != "created")
        {
            throw new InvalidOperationException("Janus did not create the room: " + answer.ToJsonString());
        }

        await PostAsync($"{apiUrl}/{session}", new JsonObject { ["janus"] = "destroy", ["token"] = token });
        return room;
    }

    private async Task<JsonNode> PostAsync(string url, JsonObject request)
    {
        request["transaction"] = Guid.NewGuid().ToString("N");
        using var response = await _http.PostAsJsonAsync(url, request);
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }
}

internal sealed record Snapshot(DateTime At, long JanusTicks, long RxBytes, long TxBytes, Dictionary<string, (long Frames, long Bytes, string Limitation, string Resolution)> Publishers, Dictionary<string, (long Decoded, long Received, long Lost)> Subscriptions)
{
    public static async Task<Snapshot> TakeAsync(List<IPage> pages, int janusPid, string hostInterface)
    {
        var publishers = new Dictionary<string, (long, long, string, string)>();
        var subscriptions = new Dictionary<string, (long, long, long)>();
        var at = DateTime.UtcNow;
        var ticks = Machine.CpuTicks(janusPid);
        var rx = long.Parse(File.ReadAllText($"/sys/class/net/{hostInterface}/statistics/rx_bytes").Trim(), CultureInfo.InvariantCulture);
        var tx = long.Parse(File.ReadAllText($"/sys/class/net/{hostInterface}/statistics/tx_bytes").Trim(), CultureInfo.InvariantCulture);
        for (var i = 0; i < pages.Count; i++)
        {
            var s = await pages[i].EvaluateAsync<JsonElement>("() => benchStats()");
            foreach (var p in s.GetProperty("publishers").EnumerateArray())
            {
                publishers[$"{i}/{p.GetProperty("id").GetInt64()}"] = (p.GetProperty("framesEncoded").GetInt64(), p.GetProperty("bytesSent").GetInt64(), p.GetProperty("limitation").GetString() ?? "",
                    $"{p.GetProperty("width").GetInt32()}x{p.GetProperty("height").GetInt32()}");
            }

            foreach (var x in s.GetProperty("subscriptions").EnumerateArray())
            {
                subscriptions[$"{i}/{x.GetProperty("key").GetString()}"] = (x.GetProperty("framesDecoded").GetInt64(), x.GetProperty("packetsReceived").GetInt64(), x.GetProperty("packetsLost").GetInt64());
            }
        }

        return new Snapshot(at, ticks, rx, tx, publishers, subscriptions);
    }

    public static Measurement Compare(Snapshot a, Snapshot b)
    {
        // The stats are read page by page after the CPU and byte counters: the window is the wall time between the two reads.
        var seconds = (b.At - a.At).TotalSeconds;
        var cpu = (b.JanusTicks - a.JanusTicks) / (double)Machine.TicksPerSecond / seconds * 100;
        var published = b.Publishers.Where(p => a.Publishers.ContainsKey(p.Key)).Select(p => (p.Value.Frames - a.Publishers[p.Key].Frames) / seconds).ToList();
        var subs = b.Subscriptions.Where(s => a.Subscriptions.ContainsKey(s.Key)).Select(s => (
            Fps: (s.Value.Decoded - a.Subscriptions[s.Key].Decoded) / seconds,
            Received: s.Value.Received - a.Subscriptions[s.Key].Received,
            Lost: s.Value.Lost - a.Subscriptions[s.Key].Lost)).ToList();
        var received = subs.Sum(s => s.Received);
        var lost = subs.Sum(s => s.Lost);
        var limitations = string.Join(",", b.Publishers.Values.GroupBy(p => p.Limitation == "" ? "none" : p.Limitation).Select(g => $"{g.Key}:{g.Count()}"));
        var resolutions = string.Join(",", b.Publishers.Values.Select(p => p.Resolution).Distinct());
        return new Measurement(
            cpu,
            (b.RxBytes - a.RxBytes) * 8 / seconds / 1e6,
            (b.TxBytes - a.TxBytes) * 8 / seconds / 1e6,
            published.Count > 0 ? published.Average() : 0,
            subs.Count > 0 ? subs.Average(s => s.Fps) : 0,
            subs.Count > 0 ? subs.Min(s => s.Fps) : 0,
            received + lost > 0 ? lost * 100.0 / (received + lost) : 0,
            limitations,
            resolutions);
    }
}

internal sealed record Measurement(double JanusCpu, double ForwardedMbps, double ReceivedMbps, double PublishedFps, double SubscriberFpsMean, double SubscriberFpsMin, double LossPercent, string Limitations, string Resolution);

internal static class Machine
{
    public const int TicksPerSecond = 100; // USER_HZ on Linux

    public static string LoadAverage() => string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    /// <summary>utime + stime of the process, in clock ticks (/proc/pid/stat fields 14 and 15).</summary>
    public static long CpuTicks(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    public static int JanusPid(string netns)
    {
        using var process = Process.Start(new ProcessStartInfo("ip", ["netns", "pids", netns]) { RedirectStandardOutput = true })!;
        var pids = process.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();
        process.WaitForExit();
        return pids.First(pid => File.ReadAllText($"/proc/{pid}/comm").Trim() == "janus");
    }
}

internal static class Stats
{
    public static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.OrderBy(v => v).ToList();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }
}
