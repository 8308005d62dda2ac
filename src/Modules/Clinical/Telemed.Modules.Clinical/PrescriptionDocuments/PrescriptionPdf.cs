using Telemed.BuildingBlocks.Documents;
using System.Globalization;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Pdf;

namespace Telemed.Modules.Clinical.PrescriptionDocuments;

/// <summary>
/// Renders a signed prescription as a one-page A5 PDF (PDFsharp 6.2.4, MIT): clinic, prescriber, patient, the medicine in
/// "Rp." form with its dosing, quantity, repeats and validity, the electronic signature's details (certificate serial,
/// signing time) in place of a wet signature and stamp, and a QR code of the public verification address for pharmacies
/// without an integration. <see cref="PrescriptionLayout.Russian1071u"/> follows the fields and order of form 107-1/у.
/// </summary>
internal static class PrescriptionPdf
{
    private const double Margin = 28;

    /// <summary>The document's bytes (application/pdf).</summary>
    public static byte[] Render(PrescriptionDocumentModel model)
    {
        BundledFonts.EnsureInstalled();
        var labels = PrescriptionLabels.For(model.Layout == PrescriptionLayout.Russian1071u ? "ru" : model.Language);
        using var document = new PdfDocument();
        document.Info.Title = labels.Title;
        document.Info.Creator = "Telemed";
        var page = document.AddPage();
        page.Size = PageSize.A5;
        using (var graphics = XGraphics.FromPdfPage(page))
        {
            new Writer(graphics, page.Width.Point, page.Height.Point, labels, model).Write();
        }

        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    private sealed class Writer(XGraphics g, double width, double height, PrescriptionLabels l, PrescriptionDocumentModel model)
    {
        private static readonly XFont Small = new(BundledFonts.Family, 7);
        private static readonly XFont Body = new(BundledFonts.Family, 9);
        private static readonly XFont Strong = new(BundledFonts.Family, 9, XFontStyleEx.Bold);
        private static readonly XFont Heading = new(BundledFonts.Family, 13, XFontStyleEx.Bold);
        private readonly XTextFormatter _text = new(g);
        private double _y = Margin;

        public void Write()
        {
            var rx = model.Prescription;
            var culture = CultureInfo.GetCultureInfo(l.Culture);
            if (model.Layout == PrescriptionLayout.Russian1071u)
            {
                Block(Small, l.FormHeader, XParagraphAlignment.Right, width / 2);
            }

            Block(Strong, rx.ClinicName);
            Block(Small, model.ClinicCity);
            _y += 6;
            Block(Heading, l.Title, XParagraphAlignment.Center);
            Block(Small, $"{l.Number} {rx.VerificationCode}", XParagraphAlignment.Center);
            _y += 8;
            Field(l.IssuedOn, Local(rx.IssuedAt).ToString("d", culture));
            Field(l.Patient, model.PatientFullName);
            Field(l.BirthYear, rx.PatientBirthYear.ToString(CultureInfo.InvariantCulture));
            Field(l.Prescriber, rx.PrescriberName);
            _y += 6;
            Block(Strong, $"Rp.: {rx.MedicineName} ({rx.ActiveIngredient}) {rx.Strength}, {rx.Form}");
            Block(Body, $"D.t.d. N {rx.Quantity} {rx.QuantityUnit}");
            Block(Body, $"S. {rx.DosageInstructions} ({l.Route}: {Prescriptions.DosageWording.Route(rx.Route, l.Culture)})");
            Field(l.Repeats, rx.Refills.ToString(CultureInfo.InvariantCulture));
            Field(l.ValidUntil, Local(rx.ValidUntil).ToString("d", culture));
            _y += 8;
            Block(Strong, l.SignedElectronically);
            Block(Small, $"{l.Certificate}: {rx.SignerCertificateSerial ?? "—"}");
            Block(Small, $"{l.Signer}: {rx.PrescriberName}");
            QrCode(rx);
        }

        private DateTime Local(DateTime utc)
        {
            var zone = TimeZoneInfo.TryFindSystemTimeZoneById(model.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
            return TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
        }

        private void Field(string label, string value) => Block(Body, $"{label}: {value}");

        private void Block(XFont font, string text, XParagraphAlignment alignment = XParagraphAlignment.Left, double? left = null)
        {
            var x = left ?? Margin;
            var lines = Math.Max(1, (int)Math.Ceiling(g.MeasureString(text, font).Width / (width - Margin - x)) + text.Count(c => c == '\n'));
            var blockHeight = lines * font.GetHeight() + 2;
            _text.Alignment = alignment;
            _text.DrawString(text, font, XBrushes.Black, new XRect(x, _y, width - Margin - x, blockHeight), XStringFormats.TopLeft);
            _y += blockHeight;
        }

        private void QrCode(Contracts.PrescriptionForDispensing rx)
        {
            var modules = VerificationQrCode.Modules(model.VerificationUrl);
            const double size = 110;
            var cell = size / modules.Count;
            var top = Math.Max(_y + 8, height - Margin - size - 30);
            var left = width - Margin - size;
            for (var row = 0; row < modules.Count; row++)
            {
                for (var column = 0; column < modules[row].Count; column++)
                {
                    if (modules[row][column])
                    {
                        g.DrawRectangle(XBrushes.Black, left + column * cell, top + row * cell, cell + 0.05, cell + 0.05);
                    }
                }
            }

            _text.Alignment = XParagraphAlignment.Left;
            _text.DrawString($"{l.VerifyAt}\n{model.VerificationUrl}", Small, XBrushes.Black,
                new XRect(Margin, top + size + 4, width - 2 * Margin, 24), XStringFormats.TopLeft);
            _text.DrawString(l.ValidityNote(rx.Status), Small, XBrushes.Black, new XRect(Margin, top, width - 2 * Margin - size - 8, size), XStringFormats.TopLeft);
        }
    }
}
