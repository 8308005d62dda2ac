using Telemed.Modules.Billing.Payments;
using Telemed.Modules.Billing.Receipts;
using UglyToad.PdfPig;

namespace Telemed.UnitTests.Billing;

/// <summary>What a receipt's PDF says it was for (issue 14): the visit, or the fee taken when the visit never took place. Amounts in minor units.</summary>
public sealed class ReceiptPdfTests
{
    private static readonly DateTime VisitStart = new(2026, 12, 10, 11, 0, 0, DateTimeKind.Utc);

    private static ReceiptModel Model(string settlement, string language, string kind = "video", int? billedMinutes = null) =>
        new("Telemed Clinic", "Moscow", "UTC", "2026-000042", VisitStart.AddHours(-2), "Nikolai Vinogradov", "Dr Irina Sokolova", kind, VisitStart,
            billedMinutes, 97_500, 0, "RUB", settlement, [], "visa", "4242", language);

    /// <summary>The PDF's words in reading order, one space apart (PdfPig's page text drops the spaces between words).</summary>
    private static string Words(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join(" ", document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
    }

    [Theory]
    [InlineData(SettlementReasons.LateCancellationFee, "en", "Late cancellation fee for the video consultation of 10/12/2026 11:00")]
    [InlineData(SettlementReasons.NoShowFee, "en", "Missed appointment fee for the video consultation of 10/12/2026 11:00")]
    [InlineData(SettlementReasons.LateCancellationFee, "ru", "Штраф за позднюю отмену видеоконсультации от 10.12.2026 11:00")]
    [InlineData(SettlementReasons.NoShowFee, "ru", "Штраф за неявку на видеоконсультацию от 10.12.2026 11:00")]
    public void A_fees_receipt_names_the_fee_as_its_service_not_a_visit_that_never_took_place(string settlement, string language, string service)
    {
        // The live walk's late-cancellation receipt printed "Service: Video consultation, <date>" for a visit that never took place.
        var text = Words(ReceiptPdf.Render(Model(settlement, language)));

        text.ShouldContain(service);
        text.ShouldNotContain(language == "ru" ? "Видеоконсультация," : "Video consultation,");
    }

    [Theory]
    [InlineData("en", "Charged")]
    [InlineData("ru", "Основание")]
    public void A_fees_service_line_too_long_for_its_column_wraps_above_the_next_field(string language, string nextLabel)
    {
        using var document = PdfDocument.Open(ReceiptPdf.Render(Model(SettlementReasons.NoShowFee, language, kind: "inPerson")));
        var words = document.GetPage(1).GetWords().ToList();
        // PDF coordinates grow upwards: the service's last word (the visit's time) ends above where the next field's label begins.
        var time = words.Single(w => w.Text == "11:00");
        var label = words.First(w => w.Text == nextLabel);
        label.BoundingBox.Top.ShouldBeLessThan(time.BoundingBox.Bottom);
    }

    [Fact]
    public void A_visits_receipt_names_the_visit_as_its_service()
    {
        var text = Words(ReceiptPdf.Render(Model(SettlementReasons.Visit, "en", billedMinutes: 20)));

        text.ShouldContain("Video consultation, 10/12/2026 11:00");
        text.ShouldContain("The consultation");
        text.ShouldNotContain("fee");
    }

    [Theory]
    [InlineData("chat", "en", "Late cancellation fee for the chat consultation of 10/12/2026 11:00")]
    [InlineData("inPerson", "ru", "Штраф за позднюю отмену приёма в клинике от 10.12.2026 11:00")]
    [InlineData("somethingNew", "en", "Late cancellation fee: somethingNew, 10/12/2026 11:00")]
    public void The_fees_service_line_names_the_kind_of_visit_it_was_taken_for(string kind, string language, string service) =>
        ReceiptLabels.For(language).ServiceLine(kind, SettlementReasons.LateCancellationFee, language == "ru" ? "10.12.2026 11:00" : "10/12/2026 11:00")
            .ShouldBe(service);
}
