using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Telemed.IntegrationTests.Infrastructure;

/// <summary>
/// A throwaway Redis from Debian's <c>redis-server</c> package (installed by scripts/test.sh) on 127.0.0.1 and a free port,
/// nothing saved to disk (RECIPES.md "Redis 7"). <see cref="StopAsync"/> and <see cref="StartAsync"/> make an outage on
/// the same port.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    public const string Executable = "/usr/bin/redis-server";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "telemed-redis-" + Guid.NewGuid().ToString("N")[..10]);
    private readonly StringBuilder _output = new();
    private Process? _process;

    public int Port { get; } = LoopbackPorts.Free();

    /// <summary>The StackExchange.Redis configuration string for <c>Cluster:Redis</c>.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartNewAsync()
    {
        var server = new RedisServer();
        await server.StartAsync();
        return server;
    }

    public async Task StartAsync()
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"{Executable} is missing. Run scripts/test.sh, which installs redis-server, or apt-get install -y redis-server.");
        }

        Directory.CreateDirectory(_root);
        var info = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--bind", "127.0.0.1", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--save", "", "--appendonly", "no", "--dir", _root, "--daemonize", "no" })
        {
            info.ArgumentList.Add(arg);
        }

        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, e) => { lock (_output) { _output.AppendLine(e.Data); } };
        _process.ErrorDataReceived += (_, e) => { lock (_output) { _output.AppendLine(e.Data); } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            if (LoopbackPorts.Listening(Port))
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new InvalidOperationException($"redis-server did not start on port {Port}: {Output}");
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

    /// <summary>Kills the server (as a crash would); <see cref="StartAsync"/> brings an empty one back on the same port.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // The temp folder is cleaned by the OS.
        }
    }
}
