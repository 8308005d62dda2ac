using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Telemed.IntegrationTests.Infrastructure;

/// <summary>
/// A real Janus SFU for the group call tests (issue 16): Debian's janus 1.1 (<c>apt-get install -y janus</c>, done by
/// scripts/test.sh) with only the videoroom plugin and the HTTP and WebSocket transports, <c>token_auth</c> on and an
/// admin secret of its own. Janus gathers no ICE candidate on loopback, so each instance runs in a network namespace of
/// its own, joined to the root namespace by a veth pair on a /30 of 10.99.x.y picked per instance: the host and Chromium
/// stay in the root namespace and reach Janus at <see cref="JanusAddress"/>, and <see cref="ShapeAsync"/> puts
/// <c>tc netem</c> on that link (the weak-network tests). Needs root (or CAP_NET_ADMIN and CAP_SYS_ADMIN) for <c>ip netns</c>.
/// </summary>
public sealed class JanusServer : IAsyncLifetime
{
    public const string Executable = "/usr/bin/janus";
    public const int ApiPort = 8088;
    public const int AdminPort = 7088;
    public const int WebSocketPort = 8188;

    private static readonly Lock SubnetLock = new();
    private static readonly HashSet<int> SubnetsInUse = [];

    private readonly string _id = Convert.ToHexString(RandomNumberGenerator.GetBytes(3)).ToLowerInvariant();
    private readonly string _root;
    private readonly StringBuilder _output = new();
    private Process? _process;
    private int _subnet = -1;
    private bool _namespaceCreated;
    private bool _linkCreated;

    public JanusServer()
    {
        _root = Path.Combine(Path.GetTempPath(), "telemed-janus-" + _id);
    }

    /// <summary>Janus's <c>debug_level</c> (0–7); 5 shows ICE and DTLS in <see cref="Output"/>.</summary>
    public int DebugLevel { get; init; } = 4;

    /// <summary>The network namespace Janus runs in (<c>tmj</c> + 6 hex digits).</summary>
    public string Namespace => "tmj" + _id;

    /// <summary>The root namespace's end of the veth pair: what the host and the browsers send to Janus leaves through it.</summary>
    public string InterfaceName => "tmj" + _id + "h";

    /// <summary>Janus's end of the veth pair, inside <see cref="Namespace"/> (its <c>ice_enforce_list</c>).</summary>
    public string JanusInterfaceName => "tmj" + _id + "j";

    /// <summary>Janus's address (the namespace's end of the link); its only ICE candidate.</summary>
    public string JanusAddress => Address(1);

    /// <summary>The root namespace's address on the link (the browsers' host candidate towards Janus).</summary>
    public string HostAddress => Address(2);

    public string AdminSecret { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
    public string ApiUrl => $"http://{JanusAddress}:{ApiPort}/janus";
    public string AdminUrl => $"http://{JanusAddress}:{AdminPort}/admin";
    public string BrowserUrl => $"ws://{JanusAddress}:{WebSocketPort}";
    public string ConfigDirectory => Path.Combine(_root, "config");

    /// <summary>Where rooms created with <c>rec_dir</c> set to it record (Janus runs as the same user as the tests).</summary>
    public string RecordingsDirectory => Path.Combine(_root, "recordings");

    /// <summary>The video room plugin's <c>admin_key</c>: needed to create rooms.</summary>
    public string RoomAdminKey { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    /// <summary>The host's settings for group calls through this Janus (the contract's <c>Consultations:Video:Sfu:Janus:*</c>).</summary>
    public Dictionary<string, string?> HostSettings() => new()
    {
        ["Consultations:Video:Sfu:Janus:RecordingsDirectory"] = RecordingsDirectory,
        ["Consultations:Video:Sfu:Janus:RoomAdminKey"] = RoomAdminKey,
        ["Consultations:Video:Sfu:Janus:ApiUrl"] = ApiUrl,
        ["Consultations:Video:Sfu:Janus:AdminUrl"] = AdminUrl,
        ["Consultations:Video:Sfu:Janus:BrowserUrl"] = BrowserUrl,
        ["Consultations:Video:Sfu:Janus:AdminSecret"] = AdminSecret,
    };

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public async Task InitializeAsync()
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"{Executable} is missing. Run scripts/test.sh, which installs janus, or apt-get install -y janus.");
        }

        // Janus once exited at start-up in CI (2026-12-06), unable to bind its HTTP transport to the address just given to its
        // namespace; the same scenarios passed alone right after. A Janus that exits before answering gets a fresh link and
        // another start, twice at most; its earlier output stays in Output.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await CreateLinkAsync();
                WriteConfig();
                await StartAsync();
                return;
            }
            catch (InvalidOperationException) when (attempt < 3 && _process is { HasExited: true })
            {
                await DisposeAsync();
                (_process, _namespaceCreated, _linkCreated, _subnet) = (null, false, false, -1);
                lock (_output)
                {
                    _output.AppendLine($"--- Janus exited before answering (start {attempt}); a new link and start {attempt + 1} ---");
                }
            }
            catch
            {
                await DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>
    /// Puts <c>tc netem</c> (e.g. <c>rate 300kbit loss 5%</c>) on the link. By default on <see cref="InterfaceName"/> only,
    /// which shapes what the browsers send to Janus (a publisher's uplink); <paramref name="bothWays"/> also shapes what
    /// Janus sends to them (the subscribers' downlink). Kernels built without sch_netem (this machine's: only tbf and htb)
    /// get the same for <c>rate</c> and <c>loss</c>: a tbf qdisc for the rate and an nftables rule in Janus's namespace
    /// that drops that share of the packets at random (needs <c>nft</c>, package nftables); other netem options throw there.
    /// </summary>
    public async Task ShapeAsync(string netemArgs, bool bothWays = false)
    {
        var args = netemArgs.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var netem = await RunAsync(Tool("tc"), ["qdisc", "replace", "dev", InterfaceName, "root", "netem", .. args]);
        if (netem.ExitCode == 0)
        {
            if (bothWays)
            {
                await RequireAsync(Tool("ip"), ["netns", "exec", Namespace, Tool("tc"), "qdisc", "replace", "dev", JanusInterfaceName, "root", "netem", .. args]);
            }

            return;
        }

        if (!netem.Output.Contains("unknown", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"`tc qdisc replace dev {InterfaceName} root netem {netemArgs}` exited {netem.ExitCode}: {netem.Output.Trim()}");
        }

        var (rate, lossPercent) = RateAndLoss(args);
        if (rate is not null)
        {
            string[] tbf = ["qdisc", "replace", "dev", InterfaceName, "root", "tbf", "rate", rate, "burst", "32kbit", "latency", "400ms"];
            await RequireAsync(Tool("tc"), tbf);
            if (bothWays)
            {
                tbf[3] = JanusInterfaceName;
                await RequireAsync(Tool("ip"), ["netns", "exec", Namespace, Tool("tc"), .. tbf]);
            }
        }

        if (lossPercent is { } loss)
        {
            // numgen counts 0..9999, so a loss of 0.01 % steps; the input hook is what reaches Janus, the output hook what it sends.
            var below = (int)Math.Round(loss * 100);
            var rule = $"numgen random mod 10000 < {below} counter drop";
            var ruleset = "table inet telemed_shaping {\n"
                + $"  chain towards_janus {{ type filter hook input priority 0; policy accept; {rule}; }}\n"
                + (bothWays ? $"  chain from_janus {{ type filter hook output priority 0; policy accept; {rule}; }}\n" : "")
                + "}\n";
            await RunAsync(Tool("ip"), ["netns", "exec", Namespace, Tool("nft"), "delete", "table", "inet", "telemed_shaping"]);
            var file = Path.Combine(_root, "shaping.nft");
            await File.WriteAllTextAsync(file, ruleset);
            await RequireAsync(Tool("ip"), ["netns", "exec", Namespace, Tool("nft"), "-f", file]);
        }
    }

    /// <summary>Takes the shaping off both ends of the link.</summary>
    public async Task ClearShapingAsync()
    {
        // "del" fails when there is nothing to delete; that is fine.
        await RunAsync(Tool("tc"), ["qdisc", "del", "dev", InterfaceName, "root"]);
        await RunAsync(Tool("ip"), ["netns", "exec", Namespace, Tool("tc"), "qdisc", "del", "dev", JanusInterfaceName, "root"]);
        if (ToolOrNull("nft") is { } nft)
        {
            await RunAsync(Tool("ip"), ["netns", "exec", Namespace, nft, "delete", "table", "inet", "telemed_shaping"]);
        }
    }

    /// <summary>The <c>tc qdisc show</c> of both ends (and the loss rules, where netem is missing), to check what shaping is on.</summary>
    public async Task<string> ShapingAsync()
    {
        var root = await RunAsync(Tool("tc"), ["qdisc", "show", "dev", InterfaceName]);
        var inside = await RunAsync(Tool("ip"), ["netns", "exec", Namespace, Tool("tc"), "qdisc", "show", "dev", JanusInterfaceName]);
        var rules = ToolOrNull("nft") is { } nft ? (await RunAsync(Tool("ip"), ["netns", "exec", Namespace, nft, "list", "ruleset"])).Output : "";
        return root.Output + inside.Output + rules;
    }

    private static (string? Rate, double? LossPercent) RateAndLoss(string[] args)
    {
        string? rate = null;
        double? loss = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "rate" when i + 1 < args.Length:
                    rate = args[++i];
                    break;
                case "loss" when i + 1 < args.Length:
                    if (args[i + 1] == "random" && i + 2 < args.Length)
                    {
                        i++;
                    }

                    loss = double.Parse(args[++i].TrimEnd('%'), System.Globalization.CultureInfo.InvariantCulture);
                    break;
                default:
                    throw new NotSupportedException(
                        $"This kernel has no sch_netem, and only `rate` and `loss` of \"{string.Join(' ', args)}\" can be emulated (tbf and nftables): not \"{args[i]}\".");
            }
        }

        return (rate, loss);
    }

    /// <summary>A request to the admin API (<c>add_token</c>, <c>remove_token</c>, <c>list_tokens</c>…) with the admin secret added.</summary>
    public async Task<JsonElement> AdminAsync(string request, Dictionary<string, object?>? fields = null)
    {
        var body = new Dictionary<string, object?>(fields ?? [])
        {
            ["janus"] = request,
            ["transaction"] = Guid.NewGuid().ToString("N"),
            ["admin_secret"] = AdminSecret,
        };
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var response = await http.PostAsJsonAsync(AdminUrl, body);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private string Address(int offset)
    {
        if (_subnet < 0)
        {
            throw new InvalidOperationException("The Janus server has no link yet: call InitializeAsync first.");
        }

        var value = (_subnet * 4) + offset;
        return $"10.99.{value / 256}.{value % 256}";
    }

    private async Task CreateLinkAsync()
    {
        PickSubnet(await RunAsync(Tool("ip"), ["-4", "-o", "addr", "show"]));
        var add = await RunAsync(Tool("ip"), ["netns", "add", Namespace]);
        if (add.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"Could not create the network namespace {Namespace} for Janus (`ip netns add` exited {add.ExitCode}: {add.Output.Trim()}). "
                + "The group call tests run Janus in a network namespace of their own and need root (or CAP_SYS_ADMIN and CAP_NET_ADMIN); "
                + "run them as root, as scripts/test.sh and CI do.");
        }

        _namespaceCreated = true;
        await RequireAsync(Tool("ip"), ["link", "add", InterfaceName, "type", "veth", "peer", "name", JanusInterfaceName]);
        _linkCreated = true;
        await RequireAsync(Tool("ip"), ["link", "set", JanusInterfaceName, "netns", Namespace]);
        await RequireAsync(Tool("ip"), ["netns", "exec", Namespace, Tool("ip"), "link", "set", "lo", "up"]);
        await RequireAsync(Tool("ip"), ["netns", "exec", Namespace, Tool("ip"), "addr", "add", JanusAddress + "/30", "dev", JanusInterfaceName]);
        await RequireAsync(Tool("ip"), ["netns", "exec", Namespace, Tool("ip"), "link", "set", JanusInterfaceName, "up"]);
        await RequireAsync(Tool("ip"), ["addr", "add", HostAddress + "/30", "dev", InterfaceName]);
        await RequireAsync(Tool("ip"), ["link", "set", InterfaceName, "up"]);
    }

    /// <summary>
    /// A /30 of 10.99.0.0/16 that no interface uses (other test processes' instances included) and no instance of this
    /// process has taken; block 0 (10.99.0.1, the example address of the contract and of manual setups) is left alone.
    /// </summary>
    private void PickSubnet(ProcessResult addresses)
    {
        lock (SubnetLock)
        {
            for (var attempt = 0; attempt < 1000; attempt++)
            {
                var candidate = RandomNumberGenerator.GetInt32(1, 16384);
                var value = candidate * 4;
                var prefix = $"inet 10.99.{value / 256}.";
                var taken = Enumerable.Range(0, 4).Any(i => addresses.Output.Contains(prefix + ((value % 256) + i) + "/", StringComparison.Ordinal));
                if (!taken && SubnetsInUse.Add(candidate))
                {
                    _subnet = candidate;
                    return;
                }
            }
        }

        throw new InvalidOperationException("No free /30 left in 10.99.0.0/16 for a Janus test link.");
    }

    private void WriteConfig()
    {
        Directory.CreateDirectory(ConfigDirectory);
        Directory.CreateDirectory(RecordingsDirectory);
        const string libs = "/usr/lib/x86_64-linux-gnu/janus";
        File.WriteAllText(Path.Combine(ConfigDirectory, "janus.jcfg"), $$"""
            general: {
              configs_folder = "{{ConfigDirectory}}"
              plugins_folder = "{{libs}}/plugins"
              transports_folder = "{{libs}}/transports"
              events_folder = "{{libs}}/events"
              loggers_folder = "{{libs}}/loggers"
              debug_level = {{DebugLevel}}
              interface = "{{JanusAddress}}"
              admin_secret = "{{AdminSecret}}"
              token_auth = true
            }
            media: { rtp_port_range = "20000-20199" }
            nat: { ice_enforce_list = "{{JanusInterfaceName}}" }
            plugins: { disable = "libjanus_audiobridge.so,libjanus_echotest.so,libjanus_nosip.so,libjanus_recordplay.so,libjanus_sip.so,libjanus_streaming.so,libjanus_textroom.so,libjanus_videocall.so,libjanus_voicemail.so,libjanus_duktape.so,libjanus_lua.so" }
            transports: { disable = "libjanus_mqtt.so,libjanus_nanomsg.so,libjanus_pfunix.so,libjanus_rabbitmq.so" }
            loggers: { disable = "libjanus_jsonlog.so" }
            events: { broadcast = false }
            """);
        // No pre-made rooms: the host creates each consultation's room (with its secret, allowed tokens and rec_dir).
        // admin_key: only the host (which is given it) may create, destroy or edit rooms; any other token holder may only join.
        File.WriteAllText(Path.Combine(ConfigDirectory, "janus.plugin.videoroom.jcfg"), $"general: {{\n  admin_key = \"{RoomAdminKey}\"\n}}\n");
        File.WriteAllText(Path.Combine(ConfigDirectory, "janus.transport.http.jcfg"), $$"""
            general: { json = "indented" base_path = "/janus" http = true port = {{ApiPort}} ip = "{{JanusAddress}}" https = false }
            admin: { admin_base_path = "/admin" admin_http = true admin_port = {{AdminPort}} admin_ip = "{{JanusAddress}}" admin_https = false }
            cors: { }
            """);
        File.WriteAllText(Path.Combine(ConfigDirectory, "janus.transport.websockets.jcfg"), $$"""
            general: { json = "indented" ws = true ws_port = {{WebSocketPort}} ws_ip = "{{JanusAddress}}" wss = false }
            admin: { admin_ws = false admin_wss = false }
            """);
    }

    private async Task StartAsync()
    {
        var info = new ProcessStartInfo(Tool("ip")) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "netns", "exec", Namespace, Executable, "-F", ConfigDirectory, "-C", Path.Combine(ConfigDirectory, "janus.jcfg") })
        {
            info.ArgumentList.Add(arg);
        }

        // `ip netns exec` joins the namespace and execs janus: the process is Janus itself.
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, e) => { lock (_output) { _output.AppendLine(e.Data); } };
        _process.ErrorDataReceived += (_, e) => { lock (_output) { _output.AppendLine(e.Data); } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                using var response = await http.GetAsync(ApiUrl + "/info");
                if (response.IsSuccessStatusCode && (await response.Content.ReadAsStringAsync()).Contains("janus.plugin.videoroom", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // not answering yet
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"Janus did not answer {ApiUrl}/info within 10 s{(_process.HasExited ? $" (exited {_process.ExitCode})" : "")}: {Output}");
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (_process is { HasExited: false })
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
        {
            // already gone, or stuck: the namespace's processes are killed below
        }

        _process?.Dispose();
        if (_namespaceCreated)
        {
            var pids = await RunAsync(Tool("ip"), ["netns", "pids", Namespace]);
            foreach (var pid in pids.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                try
                {
                    using var stray = Process.GetProcessById(int.Parse(pid, System.Globalization.CultureInfo.InvariantCulture));
                    stray.Kill();
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or System.ComponentModel.Win32Exception)
                {
                    // gone meanwhile
                }
            }
        }

        if (_linkCreated)
        {
            // Deleting one end deletes the pair (and the netem on it); gone already if the namespace went first.
            await RunAsync(Tool("ip"), ["link", "del", InterfaceName]);
        }

        if (_namespaceCreated)
        {
            await RunAsync(Tool("ip"), ["netns", "del", Namespace]);
        }

        if (_subnet >= 0)
        {
            lock (SubnetLock)
            {
                SubnetsInUse.Remove(_subnet);
            }
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // the temp folder is cleaned by the OS
        }
    }

    private static string Tool(string name) =>
        ToolOrNull(name) ?? throw new InvalidOperationException(
            $"`{name}` is missing: apt-get install -y {(name == "nft" ? "nftables" : "iproute2")} (scripts/test.sh does).");

    private static string? ToolOrNull(string name) =>
        new[] { "/usr/sbin/", "/sbin/", "/usr/bin/", "/bin/" }.Select(dir => dir + name).FirstOrDefault(File.Exists);

    private static async Task RequireAsync(string file, string[] args)
    {
        var result = await RunAsync(file, args);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"`{file} {string.Join(' ', args)}` exited {result.ExitCode}: {result.Output.Trim()}");
        }
    }

    private static async Task<ProcessResult> RunAsync(string file, string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new ProcessResult(process.ExitCode, await stdout + await stderr);
    }

    private sealed record ProcessResult(int ExitCode, string Output);
}
