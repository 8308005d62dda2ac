using PdfSharp.Fonts;

namespace Telemed.BuildingBlocks.Documents;

/// <summary>
/// Gives PDFsharp the DejaVu Sans faces bundled in this assembly (Latin and Cyrillic; Bitstream Vera licence, see
/// Fonts/LICENSE-DejaVu.txt), so a prescription or a receipt renders the same on a host with no fonts installed. PDFsharp's resolver is
/// process-wide and may be set only once, hence <see cref="EnsureInstalled"/>.
/// </summary>
public sealed class BundledFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";
    private static readonly Lock Gate = new();
    private static bool _installed;

    /// <summary>Installs the resolver unless one is already installed (by us or by the host).</summary>
    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (_installed)
            {
                return;
            }

            GlobalFontSettings.FontResolver ??= new BundledFonts();
            _installed = true;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
        new(isBold ? Bold : Regular, false, isItalic);

    public byte[]? GetFont(string faceName)
    {
        using var stream = typeof(BundledFonts).Assembly.GetManifestResourceStream($"Telemed.BuildingBlocks.Documents.Fonts.{faceName}.ttf");
        if (stream is null)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
