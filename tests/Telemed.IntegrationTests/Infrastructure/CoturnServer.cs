using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Telemed.IntegrationTests.Infrastructure;

/// <summary>
/// A real TURN server for tests: Debian's coturn (<c>apt-get install -y coturn</c>, done by scripts/test.sh) on
/// 127.0.0.1 and a free port, checking short-lived credentials by the TURN REST scheme against a shared secret
/// (RECIPES.md). <see cref="HostSettings"/> points the host's video settings at it.
/// </summary>
public sealed class CoturnServer : IAsyncLifetime
{
    public const string Executable = "/usr/bin/turnserver";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "telemed-turn-" + Guid.NewGuid().ToString("N")[..10]);
    private readonly StringBuilder _output = new();
    private Process? _process;

    public string Secret { get; } = Convert.ToHexString(Guid.NewGuid().ToByteArray());
    public int Port { get; private set; }
    public string Url => $"turn:127.0.0.1:{Port}?transport=udp";

    /// <summary>The host's settings for calls through this server only (relay policy); <paramref name="secret"/> to test a wrong one.</summary>
    public Dictionary<string, string?> HostSettings(string? secret = null) => new()
    {
        ["Consultations:Video:TurnUrls:0"] = Url,
        ["Consultations:Video:TurnSecret"] = secret ?? Secret,
        ["Consultations:Video:IceTransportPolicy"] = "relay",
        ["Consultations:Video:TurnCredentialMinutes"] = "10",
    };

    public async Task InitializeAsync()
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"{Executable} is missing. Run scripts/test.sh, which installs coturn, or apt-get install -y coturn.");
        }

        Directory.CreateDirectory(_root);
        Port = LoopbackPorts.Free();
        var info = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[]
        {
            "-n", "--listening-ip=127.0.0.1", "--relay-ip=127.0.0.1", $"--listening-port={Port}", "--min-port=49160", "--max-port=49260",
            "--use-auth-secret", $"--static-auth-secret={Secret}", "--realm=telemed.test", "--fingerprint", "--no-tls", "--no-dtls", "--no-cli",
            "--allow-loopback-peers", $"--userdb={Path.Combine(_root, "turndb")}", $"--pidfile={Path.Combine(_root, "turn.pid")}", "--log-file=stdout",
        })
        {
            info.ArgumentList.Add(arg);
        }

        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, e) => { lock (_output) { _output.AppendLine(e.Data); } };
        _process.ErrorDataReceived += (_, e) => { lock (_output) { _output.AppendLine(e.Data); } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (Listening())
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"coturn did not start on port {Port}: {Output}");
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

    /// <summary>coturn listens on UDP and TCP; a TCP connect tells it is up.</summary>
    private bool Listening()
    {
        try
        {
            using var probe = new TcpClient();
            probe.Connect(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public Task DisposeAsync()
    {
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
            // coturn may still hold its log; the temp folder is cleaned by the OS.
        }

        return Task.CompletedTask;
    }
}
