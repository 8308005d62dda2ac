using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Telemed.BuildingBlocks.Scanning;

/// <summary>A scanner's answer: <see cref="Clean"/> or not, and a short fixed detail (the signature name or the engine's "OK"), never file content.</summary>
public sealed record ScanVerdict(bool Clean, string Detail);

/// <summary>
/// The virus-scanning port every upload goes through (consultation attachments, record documents). The embedded default
/// (<see cref="EicarSignatureScanner"/>) knows the EICAR test signature only, so the refusal path is real without a scanner;
/// with <c>Security:VirusScan:Clamd</c> configured the host uses <see cref="ClamdScanner"/> (ClamAV's clamd, INSTREAM).
/// </summary>
public interface IVirusScanner
{
    /// <summary>Scans the plaintext bytes. Throws <see cref="VirusScannerUnavailableException"/> when the scanner cannot be reached.</summary>
    Task<ScanVerdict> ScanAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default);
}

/// <summary>The scanner could not be asked (down, refused the connection, answered nonsense); the file stays unscanned.</summary>
public sealed class VirusScannerUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Looks for the EICAR test signature only: the embedded run's scanner, so that refusal is testable anywhere.</summary>
public sealed class EicarSignatureScanner : IVirusScanner
{
    private static readonly byte[] Eicar = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"u8.ToArray();

    public Task<ScanVerdict> ScanAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default) =>
        Task.FromResult(content.Span.IndexOf(Eicar) >= 0
            ? new ScanVerdict(false, "EICAR-Test-Signature")
            : new ScanVerdict(true, "signature-scan:clean"));
}

/// <summary>
/// <c>Security:VirusScan:Clamd</c>: where clamd listens. <see cref="Host"/> + <see cref="Port"/> for its TCP socket, or
/// <see cref="Socket"/> for its Unix socket (path). Neither set: the EICAR-only default scanner.
/// </summary>
public sealed class ClamdOptions
{
    public const string Section = "Security:VirusScan:Clamd";

    public string? Host { get; set; }
    public int Port { get; set; } = 3310;
    public string? Socket { get; set; }

    /// <summary>Seconds to wait for clamd to connect and answer (a large PDF takes a moment).</summary>
    public int TimeoutSeconds { get; set; } = 30;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host) || !string.IsNullOrWhiteSpace(Socket);
}

public static class VirusScanningServices
{
    /// <summary>Registers <see cref="IVirusScanner"/>: clamd when <see cref="ClamdOptions.Section"/> names one, else the EICAR-only default.</summary>
    public static IServiceCollection AddVirusScanner(this IServiceCollection services, IConfiguration configuration)
    {
        var clamd = configuration.GetSection(ClamdOptions.Section).Get<ClamdOptions>() ?? new ClamdOptions();
        return clamd.IsConfigured
            ? services.AddSingleton<IVirusScanner>(new ClamdScanner(clamd))
            : services.AddSingleton<IVirusScanner, EicarSignatureScanner>();
    }
}
