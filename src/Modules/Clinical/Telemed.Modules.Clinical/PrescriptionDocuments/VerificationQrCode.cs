using System.Collections;
using QRCoder;

namespace Telemed.Modules.Clinical.PrescriptionDocuments;

/// <summary>
/// The QR code of a prescription's public verification address as a square matrix of dark modules (true = dark), quiet
/// zone included, so the PDF can draw it as vector squares (sharp at any print resolution, no image decoding).
/// </summary>
internal static class VerificationQrCode
{
    /// <summary>The module matrix for <paramref name="url"/>, error correction level M (15 %: survives a crease or a stamp).</summary>
    public static IReadOnlyList<BitArray> Modules(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return data.ModuleMatrix.ToList();
    }
}
