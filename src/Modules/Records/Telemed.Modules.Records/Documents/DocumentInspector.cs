namespace Telemed.Modules.Records.Documents;

/// <summary>
/// Decides a document's type from its first bytes, never from its name or the declared content type: PDF, JPEG and PNG only.
/// </summary>
internal static class DocumentInspector
{
    /// <summary>"application/pdf", "image/jpeg", "image/png", or null for anything else.</summary>
    public static string? DetectContentType(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("%PDF-"u8))
        {
            return "application/pdf";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "image/jpeg";
        }

        return head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? "image/png" : null;
    }

    public static string ExtensionFor(string contentType) => contentType switch
    {
        "image/jpeg" => ".jpg",
        "image/png" => ".png",
        _ => ".pdf",
    };

    /// <summary>Keeps a readable name for the download but never trusts its extension or path.</summary>
    public static string SafeName(string? name, string contentType)
    {
        var stem = Path.GetFileNameWithoutExtension(name ?? "");
        stem = new string([.. stem.Where(c => char.IsLetterOrDigit(c) || c is '-' or '_' or ' ').Take(80)]).Trim();
        return (stem.Length == 0 ? "document" : stem) + ExtensionFor(contentType);
    }
}
