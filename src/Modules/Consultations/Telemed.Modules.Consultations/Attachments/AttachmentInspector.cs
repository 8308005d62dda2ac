namespace Telemed.Modules.Consultations.Attachments;

/// <summary>
/// Decides a file's type from its first bytes, never from its name or the declared content type: a script
/// renamed to photo.jpg is refused.
/// </summary>
public static class AttachmentInspector
{
    public static string? DetectContentType(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "image/jpeg";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "image/png";
        }

        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head.Slice(8, 4).SequenceEqual("WEBP"u8))
        {
            return "image/webp";
        }

        if (head.StartsWith("%PDF-"u8))
        {
            return "application/pdf";
        }

        return null;
    }

    public static string ExtensionFor(string contentType) => contentType switch
    {
        "image/jpeg" => ".jpg",
        "image/png" => ".png",
        "image/webp" => ".webp",
        _ => ".pdf",
    };
}

public sealed record ScanVerdict(bool Clean, string Detail);

/// <summary>
/// The virus-scanning port. The default looks for the EICAR test signature only, so the refusal path is
/// real and testable; a clinic plugs in ClamAV (clamd INSTREAM) or a cloud scanner behind this interface.
/// </summary>
public interface IAttachmentScanner
{
    Task<ScanVerdict> ScanAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default);
}

internal sealed class SignatureScanner : IAttachmentScanner
{
    private static readonly byte[] Eicar = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"u8.ToArray();

    public Task<ScanVerdict> ScanAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default) =>
        Task.FromResult(content.Span.IndexOf(Eicar) >= 0
            ? new ScanVerdict(false, "EICAR-Test-Signature")
            : new ScanVerdict(true, "signature-scan:clean"));
}
