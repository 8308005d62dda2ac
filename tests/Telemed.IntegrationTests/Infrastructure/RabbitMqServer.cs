using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Telemed.IntegrationTests.Infrastructure;

/// <summary>
/// A throwaway RabbitMQ 3.10 for tests: Debian's rabbitmq-server (installed by scripts/test.sh) run directly with every
/// folder in a temp directory and free ports (RECIPES.md, "RabbitMQ 3.10"), and its own epmd on a port of its own, both
/// stopped by pid on dispose. Takes about 10 s to start: share one per test class. <see cref="StopAsync"/> and
/// <see cref="StartAsync"/> make an outage (same node, same data: durable queues and persistent messages survive).
/// </summary>
public sealed class RabbitMqServer : IAsyncLifetime
{
    public const string Executable = "/usr/lib/rabbitmq/bin/rabbitmq-server";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "telemed-rabbit-" + Guid.NewGuid().ToString("N")[..10]);
    private readonly StringBuilder _output = new();
    private readonly string _nodeName = "telemed" + Guid.NewGuid().ToString("N")[..8] + "@localhost";
    private Process? _epmd;
    private Process? _server;
    private int _epmdPort;
    private int _distPort;

    public int Port { get; private set; }

    /// <summary>The default guest account, which RabbitMQ allows from loopback only.</summary>
    public string ConnectionString => $"amqp://guest:guest@127.0.0.1:{Port}/";

    /// <summary>The host's settings for events through this broker.</summary>
    public Dictionary<string, string?> HostSettings(bool consume = true) => new()
    {
        ["Messaging:RabbitMq:ConnectionString"] = ConnectionString,
        ["Messaging:RabbitMq:Consume"] = consume ? "true" : "false",
        ["Messaging:RabbitMq:ReconnectDelay"] = "00:00:00.500",
    };

    public async Task InitializeAsync()
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"{Executable} is missing. Run scripts/test.sh, which installs rabbitmq-server, or apt-get install -y rabbitmq-server.");
        }

        Directory.CreateDirectory(_root);
        await File.WriteAllTextAsync(Path.Combine(_root, "enabled_plugins"), "[].");
        (Port, _distPort, _epmdPort) = (LoopbackPorts.Free(), LoopbackPorts.Free(), LoopbackPorts.Free());
        // Our own epmd, started first so the server uses it rather than daemonising one we could not stop by pid.
        var epmd = new ProcessStartInfo("/usr/bin/epmd") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-port", _epmdPort.ToString(), "-address", "127.0.0.1" })
        {
            epmd.ArgumentList.Add(arg);
        }

        _epmd = Start(epmd);
        await WaitForPortAsync(_epmdPort, TimeSpan.FromSeconds(10), "epmd");
        await StartAsync();
    }

    /// <summary>Starts the broker (again) and returns once it accepts AMQP connections.</summary>
    public async Task StartAsync()
    {
        var info = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in new Dictionary<string, string>
        {
            ["HOME"] = _root,
            ["RABBITMQ_NODENAME"] = _nodeName,
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = Port.ToString(),
            ["RABBITMQ_DIST_PORT"] = _distPort.ToString(),
            ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
            ["ERL_EPMD_PORT"] = _epmdPort.ToString(),
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(_root, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(_root, "log"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(_root, "enabled_plugins"),
            ["RABBITMQ_PID_FILE"] = Path.Combine(_root, "rabbit.pid"),
            ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}",
        })
        {
            info.Environment[name] = value;
        }

        _server = Start(info);
        await WaitForPortAsync(Port, TimeSpan.FromSeconds(60), "RabbitMQ");
    }

    /// <summary>Stops the broker as an operator would (SIGTERM: a clean shutdown) and waits until it is gone.</summary>
    public async Task StopAsync()
    {
        if (_server is not { HasExited: false } server)
        {
            return;
        }

        // The start script turns SIGTERM into a clean stop of the Erlang VM.
        using (var kill = Process.Start("kill", ["-TERM", server.Id.ToString()]))
        {
            await kill.WaitForExitAsync();
        }

        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await server.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }

        server.Dispose();
        _server = null;
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

    public async Task DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (Exception)
        {
            _server?.Kill(entireProcessTree: true);
        }

        try
        {
            if (_epmd is { HasExited: false })
            {
                _epmd.Kill();
                await _epmd.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        _epmd?.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A log still open; the temp folder is cleaned by the OS.
        }
    }

    private Process Start(ProcessStartInfo info)
    {
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => { lock (_output) { _output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (_output) { _output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task WaitForPortAsync(int port, TimeSpan patience, string what)
    {
        var deadline = DateTime.UtcNow + patience;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(200);
            }
        }

        throw new InvalidOperationException($"{what} did not open port {port}: {Output}");
    }
}
