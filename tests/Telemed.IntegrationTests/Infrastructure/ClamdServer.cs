using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Telemed.IntegrationTests.Infrastructure;

/// <summary>
/// A real ClamAV daemon for tests: Debian's clamd (<c>apt-get install -y clamav-daemon</c>, done by scripts/test.sh) on 127.0.0.1
/// and a free port, with a signature database this fixture makes (RECIPES.md "ClamAV"): the MD5 signature
/// (<c>md5:size:name</c>, what <c>sigtool --md5</c> prints) of <see cref="InfectedPdf"/>, a PDF-looking file of random bytes, and of
/// the EICAR test file. clamd names its matches <c>Telemed.Test.Signature.UNOFFICIAL</c>.
/// </summary>
public sealed class ClamdServer : IAsyncLifetime
{
    public const string Executable = "/usr/sbin/clamd";
    public const string SignatureName = "Telemed.Test.Signature";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "telemed-clamd-" + Guid.NewGuid().ToString("N")[..10]);
    private Process? _process;

    /// <summary>A file that starts like a PDF (so the content check lets it in) and carries the test signature.</summary>
    public byte[] InfectedPdf { get; } = PdfWithRandomBody();

    public int Port { get; private set; }

    /// <summary>The host's settings that point its virus scanner at this clamd.</summary>
    public Dictionary<string, string?> HostSettings() => new()
    {
        ["Security:VirusScan:Clamd:Host"] = "127.0.0.1",
        ["Security:VirusScan:Clamd:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Records:ScanIntervalMilliseconds"] = "200",
    };

    public static byte[] PdfWithRandomBody() => [.. "%PDF-1.4\n"u8.ToArray(), .. RandomNumberGenerator.GetBytes(2048)];

    public async Task InitializeAsync()
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"{Executable} is missing. Run scripts/test.sh, which installs clamav-daemon, or apt-get install -y clamav-daemon.");
        }

        var db = Directory.CreateDirectory(Path.Combine(_root, "db")).FullName;
        var eicar = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"u8.ToArray();
        await File.WriteAllTextAsync(Path.Combine(db, "telemed-test.hdb"), Signature(InfectedPdf, SignatureName) + Signature(eicar, "Telemed.Test.Eicar"));
        Port = LoopbackPorts.Free();
        var config = Path.Combine(_root, "clamd.conf");
        await File.WriteAllTextAsync(config, $"DatabaseDirectory {db}\nTCPSocket {Port}\nTCPAddr 127.0.0.1\nForeground yes\nLogFile {Path.Combine(_root, "clamd.log")}\n");
        _process = Process.Start(new ProcessStartInfo(Executable) { ArgumentList = { "-c", config }, RedirectStandardOutput = true, RedirectStandardError = true })!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            if (Listening())
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"clamd did not start on port {Port}: {Log()}");
    }

    public string Log() => File.Exists(Path.Combine(_root, "clamd.log")) ? File.ReadAllText(Path.Combine(_root, "clamd.log")) : "";

    /// <summary>A line of an .hdb database, as <c>sigtool --md5</c> writes it.</summary>
    private static string Signature(byte[] content, string name) =>
        $"{Convert.ToHexStringLower(MD5.HashData(content))}:{content.Length}:{name}\n";

    private bool Listening()
    {
        try
        {
            using var probe = new TcpClient();
            probe.Connect(IPAddress.Loopback, Port);
            using var stream = probe.GetStream();
            stream.Write("zPING\0"u8);
            var buffer = new byte[16];
            var read = stream.Read(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("PONG", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or IOException)
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
            // clamd may still hold its log; the temp folder is cleaned by the OS.
        }

        return Task.CompletedTask;
    }
}
