using Telemed.BuildingBlocks.Documents;
using System.Globalization;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Pdf;
using Telemed.Modules.Clinical.Prescriptions;

namespace Telemed.Modules.Clinical.PrescriptionDocuments;

/// <summary>
/// Renders a signed prescription as a one-page A5 PDF (PDFsharp 6.2.4, MIT): clinic, prescriber, patient, the medicine in
/// "Rp." form with its dosing, quantity, repeats and validity, the electronic signature's details (certificate serial,
/// signing time) in place of a wet signature and stamp, and a QR code of the public verification address for pharmacies
/// without an integration. <see cref="PrescriptionLayout.Russian1071u"/> follows the fields and order of form 107-1/у, in
/// Russian throughout (see <see cref="MedicineWording"/>). A document whose <see cref="DocumentStanding"/> is not valid
/// (cancelled, expired, a signature that does not match) is the patient's record only: its stamp word is printed in a red
/// box under the title with when and why, and again across the page, and it has no QR code and no invitation to check it.
/// </summary>
internal static class PrescriptionPdf
{
    private const double Margin = 28;

    /// <summary>The document's bytes (application/pdf).</summary>
    public static byte[] Render(PrescriptionDocumentModel model)
    {
        BundledFonts.EnsureInstalled();
        var labels = PrescriptionLabels.For(model.DocumentLanguage);
        using var document = new PdfDocument();
        document.Info.Title = model.Standing.IsValid ? labels.Title : $"{labels.Title} — {labels.Stamp(model.Standing.Standing)}";
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
        private static readonly XFont StampFont = new(BundledFonts.Family, 16, XFontStyleEx.Bold);
        private static readonly XFont Watermark = new(BundledFonts.Family, 40, XFontStyleEx.Bold);
        private static readonly XColor StampRed = XColor.FromArgb(200, 0, 0);
        private readonly XTextFormatter _text = new(g);
        private readonly CultureInfo _culture = CultureInfo.GetCultureInfo(l.Culture);
        private double _y = Margin;

        public void Write()
        {
            var rx = model.Prescription;
            var language = model.DocumentLanguage;
            if (model.Layout == PrescriptionLayout.Russian1071u)
            {
                Block(Small, l.FormHeader, XParagraphAlignment.Right, width / 2);
            }

            Block(Strong, model.ClinicName);
            Block(Small, model.ClinicCity);
            _y += 6;
            Block(Heading, l.Title, XParagraphAlignment.Center);
            Block(Small, $"{l.Number} {rx.VerificationCode}", XParagraphAlignment.Center);
            _y += 8;
            if (!model.Standing.IsValid)
            {
                StampBox();
            }

            Field(l.IssuedOn, Date(rx.IssuedAt));
            Field(l.Patient, model.PatientFullName);
            Field(l.BirthYear, rx.PatientBirthYear.ToString(CultureInfo.InvariantCulture));
            Field(l.Prescriber, rx.PrescriberName);
            _y += 6;
            Block(Strong, $"Rp.: {MedicineWording.Prescribed(model.Medicine, language)}");
            Field(l.Quantity, MedicineWording.Quantity(rx.Quantity, model.Medicine.DispenseUnit, language));
            Block(Body, $"S. {rx.DosageInstructions} ({l.Route}: {DosageWording.Route(rx.Route, language)})");
            Field(l.Repeats, rx.Refills.ToString(CultureInfo.InvariantCulture));
            Field(l.ValidUntil, Date(rx.ValidUntil));
            _y += 8;
            Block(Strong, l.SignedElectronically);
            Block(Small, $"{l.Certificate}: {rx.SignerCertificateSerial ?? "—"}");
            Block(Small, $"{l.Signer}: {rx.PrescriberName}");
            if (model.Standing.IsValid)
            {
                QrCode();
            }
            else
            {
                AcrossThePage(l.Stamp(model.Standing.Standing));
            }
        }

        /// <summary>The clinic's local date of a UTC instant, as the document's language writes dates.</summary>
        private string Date(DateTime utc)
        {
            var zone = Telemed.Modules.Directory.Contracts.ClinicTimeZone.Find(model.TimeZone);
            return TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone).ToString("d", _culture);
        }

        private void Field(string label, string value) => Block(Body, $"{label}: {value}");

        private void Block(XFont font, string text, XParagraphAlignment alignment = XParagraphAlignment.Left, double? left = null, XBrush? brush = null)
        {
            var x = left ?? Margin;
            var lines = Math.Max(1, (int)Math.Ceiling(g.MeasureString(text, font).Width / (width - Margin - x)) + text.Count(c => c == '\n'));
            var blockHeight = lines * font.GetHeight() + 2;
            _text.Alignment = alignment;
            _text.DrawString(text, font, brush ?? XBrushes.Black, new XRect(x, _y, width - Margin - x, blockHeight), XStringFormats.TopLeft);
            _y += blockHeight;
        }

        // The stamp where the eye lands first, under the title, framed in red: its word, then when and why, then "not to be
        // dispensed". Horizontal text, so it is also what a screen reader or a text extraction reads.
        private void StampBox()
        {
            var top = _y;
            var red = new XSolidBrush(StampRed);
            _y += 4;
            Block(StampFont, l.Stamp(model.Standing.Standing), XParagraphAlignment.Center, brush: red);
            foreach (var line in l.Notice(model.Standing, Date))
            {
                Block(Strong, line, XParagraphAlignment.Center, Margin + 6, red);
            }

            _y += 4;
            g.DrawRectangle(new XPen(StampRed, 2), Margin, top, width - 2 * Margin, _y - top);
            _y += 8;
        }

        // The same word diagonally across the page, half transparent, so a cut-off or photocopied part of the page still shows it.
        private void AcrossThePage(string stamp)
        {
            var state = g.Save();
            var centre = new XPoint(width / 2, height / 2);
            g.RotateAtTransform(-35, centre);
            var size = g.MeasureString(stamp, Watermark);
            var scale = Math.Min(1, (height - 2 * Margin) / size.Width);
            g.ScaleAtTransform(scale, scale, centre);
            g.DrawString(stamp, Watermark, new XSolidBrush(XColor.FromArgb(70, StampRed)), centre, XStringFormats.Center);
            g.Restore(state);
        }

        private void QrCode()
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
            _text.DrawString(l.Active, Small, XBrushes.Black, new XRect(Margin, top, width - 2 * Margin - size - 8, size), XStringFormats.TopLeft);
        }
    }
}
