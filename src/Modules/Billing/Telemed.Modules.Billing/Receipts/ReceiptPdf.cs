using Telemed.Modules.Directory.Contracts;
using System.Globalization;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Pdf;
using Telemed.BuildingBlocks.Documents;

namespace Telemed.Modules.Billing.Receipts;

/// <summary>
/// What a receipt shows: the clinic, the receipt number and date (UTC instant, printed in the clinic's time zone), who paid for whom,
/// the visit (doctor, kind, start, billed minutes), the amounts in minor units — captured, refunded, net — their currency, what the money
/// was taken for (<c>Settlement</c>), why any of it went back (<c>RefundReasons</c>, settlement reasons of the refunds) and the card's brand
/// and last four digits. Language <c>en</c> or <c>ru</c>.
/// </summary>
internal sealed record ReceiptModel(string ClinicName, string ClinicCity, string ClinicTimeZone, string Number, DateTime IssuedAt, string PatientName,
    string DoctorName, string Kind, DateTime VisitStart, int? BilledMinutes, long CapturedMinor, long RefundedMinor, string Currency, string Settlement,
    IReadOnlyList<string> RefundReasons, string? CardBrand, string? CardLast4, string Language);

/// <summary>Renders a receipt as a one-page A5 PDF (PDFsharp 6.2.4, MIT; the bundled DejaVu fonts cover Latin and Cyrillic).</summary>
internal static class ReceiptPdf
{
    private const double Margin = 32;

    /// <summary>The document's bytes (application/pdf).</summary>
    public static byte[] Render(ReceiptModel model)
    {
        BundledFonts.EnsureInstalled();
        var l = ReceiptLabels.For(model.Language);
        using var document = new PdfDocument();
        document.Info.Title = $"{l.Title} {model.Number}";
        document.Info.Creator = "Telemed";
        var page = document.AddPage();
        page.Size = PageSize.A5;
        using (var g = XGraphics.FromPdfPage(page))
        {
            new Writer(g, page.Width.Point, l, model).Write();
        }

        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    /// <summary>
    /// An amount in minor units as the currency is written in <paramref name="culture"/>, with as many decimals as the currency has
    /// (2 for RUB, 0 for JPY, 3 for KWD: a doctor may charge in any ISO 4217 currency).
    /// </summary>
    public static string Amount(long minor, string currency, CultureInfo culture) =>
        Contracts.CurrencyUnits.Format(minor, currency, culture);

    private sealed class Writer(XGraphics g, double width, ReceiptLabels l, ReceiptModel m)
    {
        private static readonly XFont Small = new(BundledFonts.Family, 8);
        private static readonly XFont Body = new(BundledFonts.Family, 10);
        private static readonly XFont Strong = new(BundledFonts.Family, 10, XFontStyleEx.Bold);
        private static readonly XFont Heading = new(BundledFonts.Family, 15, XFontStyleEx.Bold);
        private readonly XTextFormatter _text = new(g);
        private double _y = Margin;

        public void Write()
        {
            var culture = CultureInfo.GetCultureInfo(l.Culture);
            var zone = ClinicTimeZone.Find(m.ClinicTimeZone);
            Block(Strong, m.ClinicName);
            Block(Small, m.ClinicCity);
            _y += 10;
            Block(Heading, l.Title, XParagraphAlignment.Center);
            Block(Body, $"№ {m.Number}", XParagraphAlignment.Center);
            Block(Small, TimeZoneInfo.ConvertTimeFromUtc(m.IssuedAt, zone).ToString("g", culture), XParagraphAlignment.Center);
            _y += 12;
            Field(l.Patient, m.PatientName);
            Field(l.Doctor, m.DoctorName);
            Field(l.Service, l.ServiceLine(m.Kind, m.Settlement, TimeZoneInfo.ConvertTimeFromUtc(m.VisitStart, zone).ToString("g", culture)));
            if (m.BilledMinutes is { } minutes)
            {
                Field(l.Billed, string.Format(culture, l.MinutesFormat, minutes));
            }

            Field(l.Reason, l.SettlementName(m.Settlement));
            _y += 8;
            Field(l.Paid, Amount(m.CapturedMinor, m.Currency, culture), Strong);
            if (m.RefundedMinor > 0)
            {
                Field(l.Refunded, Amount(m.RefundedMinor, m.Currency, culture));
                if (m.RefundReasons.Count > 0)
                {
                    Field(l.RefundedFor, string.Join("; ", m.RefundReasons.Select(l.RefundReasonName)));
                }

                Field(l.Net, Amount(m.CapturedMinor - m.RefundedMinor, m.Currency, culture), Strong);
            }

            if (m.CardLast4 is not null)
            {
                Field(l.Card, $"{m.CardBrand} •••• {m.CardLast4}");
            }

            _y += 14;
            Block(Small, l.Footer);
        }

        private void Field(string label, string value, XFont? font = null)
        {
            font ??= Body;
            var valueWidth = width - 2 * Margin - 115;
            // A value longer than its column (a fee's service line names the fee and the visit) wraps onto a second line, which the
            // next field must start below; the measure is generous since the formatter breaks at words, not at the column's edge.
            var lines = Math.Clamp((int)Math.Ceiling(g.MeasureString(value, font).Width * 1.15 / valueWidth), 1, 3);
            g.DrawString(label, Small, XBrushes.Gray, new XRect(Margin, _y + 1, 110, 14), XStringFormats.TopLeft);
            _text.DrawString(value, font, XBrushes.Black, new XRect(Margin + 115, _y, valueWidth, lines * font.Height + 8), XStringFormats.TopLeft);
            _y += 16 + (lines - 1) * font.Height;
        }

        private void Block(XFont font, string text, XParagraphAlignment alignment = XParagraphAlignment.Left)
        {
            _text.Alignment = alignment;
            var height = font.Height * (1 + text.Length / 70);
            _text.DrawString(text, font, XBrushes.Black, new XRect(Margin, _y, width - 2 * Margin, height), XStringFormats.TopLeft);
            _y += height + 3;
            _text.Alignment = XParagraphAlignment.Left;
        }
    }
}
