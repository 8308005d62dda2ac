using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Telemed.IntegrationTests.Infrastructure;

/// <summary>
/// Debian's Prometheus (<c>apt-get install -y prometheus</c>, done by scripts/test.sh) on 127.0.0.1 and a free port,
/// scraping one host's <c>/metrics</c> every second and loading the repository's alert rules. Stopped on dispose.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    public const string Executable = "/usr/bin/prometheus";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "telemed-prometheus-" + Guid.NewGuid().ToString("N")[..10]);
    private readonly StringBuilder _output = new();
    private Process? _process;

    public HttpClient Api { get; private set; } = null!;

    /// <summary>Starts Prometheus scraping <paramref name="target"/> (e.g. <c>http://127.0.0.1:41234</c>) with <paramref name="ruleFile"/>.</summary>
    public static async Task<PrometheusServer> StartAsync(Uri target, string ruleFile)
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"{Executable} is missing. Run scripts/test.sh, which installs prometheus, or apt-get install -y prometheus.");
        }

        var server = new PrometheusServer();
        await server.RunAsync(target, ruleFile);
        return server;
    }

    private async Task RunAsync(Uri target, string ruleFile)
    {
        Directory.CreateDirectory(_root);
        var config = Path.Combine(_root, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            rule_files:
              - "{ruleFile}"
            scrape_configs:
              - job_name: telemed
                metrics_path: /metrics
                static_configs:
                  - targets: ["{target.Authority}"]
            """);
        var port = LoopbackPorts.Free();
        var info = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(_root, "data")}", $"--web.listen-address=127.0.0.1:{port}" })
        {
            info.ArgumentList.Add(arg);
        }

        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, e) => { lock (_output) { _output.AppendLine(e.Data); } };
        _process.ErrorDataReceived += (_, e) => { lock (_output) { _output.AppendLine(e.Data); } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                if ((await Api.GetAsync("/-/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(200);
        }

        throw new InvalidOperationException($"Prometheus did not become ready: {Output}");
    }

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

    /// <summary>The result vector of an instant query (<c>/api/v1/query</c>).</summary>
    public async Task<JsonElement> QueryAsync(string promql)
    {
        var body = await Api.GetStringAsync("/api/v1/query?query=" + Uri.EscapeDataString(promql));
        return JsonDocument.Parse(body).RootElement.GetProperty("data").GetProperty("result").Clone();
    }

    /// <summary>The loaded alerting rules (name and health) from <c>/api/v1/rules</c>.</summary>
    public async Task<IReadOnlyList<(string Name, string Health)>> RulesAsync()
    {
        var body = JsonDocument.Parse(await Api.GetStringAsync("/api/v1/rules")).RootElement;
        return body.GetProperty("data").GetProperty("groups").EnumerateArray()
            .SelectMany(g => g.GetProperty("rules").EnumerateArray())
            .Select(r => (r.GetProperty("name").GetString()!, r.GetProperty("health").GetString()!)).ToList();
    }

    public ValueTask DisposeAsync()
    {
        Api?.Dispose();
        try
        {
            if (_process is { HasExited: false })
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        _process?.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // the OS cleans temp folders
        }

        return ValueTask.CompletedTask;
    }
}
