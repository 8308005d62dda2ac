using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Telemed.IntegrationTests.Infrastructure;

/// <summary>
/// Debian's nginx (installed by scripts/test.sh) running the compose stack's own <c>deploy/compose/nginx.conf</c> in front
/// of a test host: the upstream servers point at the host, the listener at a free loopback port, and nothing else changes
/// but <c>proxy_bind 127.0.0.2</c>, so the host can tell nginx's address (127.0.0.2) from the client's (127.0.0.1).
/// </summary>
public sealed partial class NginxFront : IAsyncDisposable
{
    public const string Executable = "/usr/sbin/nginx";

    /// <summary>The address nginx connects to the host from.</summary>
    public const string ProxyAddress = "127.0.0.2";

    private readonly string _root;
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private NginxFront(string root, Process process, int port)
    {
        _root = root;
        _process = process;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        _process.OutputDataReceived += (_, e) => { lock (_output) { _output.AppendLine(e.Data); } };
        _process.ErrorDataReceived += (_, e) => { lock (_output) { _output.AppendLine(e.Data); } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }

    [GeneratedRegex(@"server telemed-\d+:\d+")]
    private static partial Regex UpstreamServer();

    [GeneratedRegex(@"listen \d+;")]
    private static partial Regex Listen();

    public static Task<NginxFront> StartAsync(Uri host) => StartAsync([host]);

    /// <summary>nginx in front of one host per upstream server line of the compose file (in order; the last host repeats if fewer are given).</summary>
    public static async Task<NginxFront> StartAsync(IReadOnlyList<Uri> hosts)
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"{Executable} is missing. Run scripts/test.sh, which installs nginx, or apt-get install -y nginx.");
        }

        var root = Path.Combine(Path.GetTempPath(), "telemed-nginx-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(root);
        var port = LoopbackPorts.Free();
        var site = File.ReadAllText(Path.Combine(NodeClients.Folder, "..", "..", "deploy", "compose", "nginx.conf"));
        var next = 0;
        site = UpstreamServer().Replace(site, _ =>
        {
            var host = hosts[Math.Min(next++, hosts.Count - 1)];
            return $"server {host.Host}:{host.Port}";
        });
        site = Listen().Replace(site, $"listen 127.0.0.1:{port};");
        site = site.Replace("proxy_http_version 1.1;", $"proxy_http_version 1.1;\n    proxy_bind {ProxyAddress};", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(root, "site.conf"), site);
        File.WriteAllText(Path.Combine(root, "nginx.conf"), $$"""
            events {}
            http {
                access_log {{Path.Combine(root, "access.log")}};
                client_body_temp_path {{root}}/body;
                proxy_temp_path {{root}}/proxy;
                include {{Path.Combine(root, "site.conf")}};
            }
            """);

        var info = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[]
        {
            "-c", Path.Combine(root, "nginx.conf"), "-p", root,
            "-g", $"daemon off; pid {Path.Combine(root, "nginx.pid")}; error_log {Path.Combine(root, "error.log")};",
        })
        {
            info.ArgumentList.Add(arg);
        }

        var front = new NginxFront(root, Process.Start(info)!, port);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (LoopbackPorts.Listening(port))
            {
                return front;
            }

            if (front._process.HasExited)
            {
                break;
            }

            await Task.Delay(100);
        }

        var output = front.Output;
        await front.DisposeAsync();
        throw new InvalidOperationException($"nginx did not start on port {port}: {output}");
    }

    /// <summary>What nginx printed and wrote to its error log.</summary>
    public string Output
    {
        get
        {
            var errors = Path.Combine(_root, "error.log");
            lock (_output)
            {
                return _output + (File.Exists(errors) ? File.ReadAllText(errors) : "");
            }
        }
    }

    /// <summary>The access log's lines so far (one per finished request; a WebSocket's line comes when it closes).</summary>
    public IReadOnlyList<string> AccessLog()
    {
        var path = Path.Combine(_root, "access.log");
        return File.Exists(path) ? File.ReadAllLines(path) : [];
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A worker may still hold its log for a moment; the temp folder is cleaned by the OS.
        }
    }
}
