using Telemed.Modules.Clinical.Contracts;
using Telemed.Modules.Clinical.PrescriptionDocuments;
using Telemed.Modules.Clinical.Prescriptions;
using UglyToad.PdfPig;

namespace Telemed.UnitTests.Clinical;

/// <summary>
/// The prescription document (issue 12, item 5): a one-page PDF with clinic, prescriber, patient, medicine and dosing,
/// the signature's details and the verification address; form 107-1/у for Russian clinics, in Russian throughout. A
/// cancelled, expired or altered prescription is stamped and carries no QR code. The text is read back with PdfPig, so a
/// glyph the bundled font lacks (Cyrillic) or a field left out fails the test.
/// </summary>
public sealed class PrescriptionPdfTests
{
    private const string Url = "https://portal.example/verify/rx/K7Q2M9X4T8V3N6P1R5ZW";

    // As the pharmacy view gives it: the formulary's English words; the document words them itself from the medicine.
    private static readonly PrescriptionForDispensing Amoxicillin = new(Guid.NewGuid(), "K7Q2M9X4T8V3N6P1R5ZW", Guid.NewGuid(), "Telemed Clinic Moscow",
        Guid.NewGuid(), "И. П.", 1984, Guid.NewGuid(), "Наталья Лебедева", "Amoxicillin 500 mg capsules", "amoxicillin", "capsule", "500 mg", "oral",
        "500 мг 3 раза в день в течение 7 дней, внутрь.", 21, "capsules", 0, new DateTime(2026, 11, 30, 9, 0, 0, DateTimeKind.Utc),
        new DateTime(2027, 1, 29, 9, 0, 0, DateTimeKind.Utc), PrescriptionStatuses.Active, true, "5A1F03");

    private static readonly PrescribedMedicine Medicine = new("amoxicillin-500-caps", "Amoxicillin 500 mg capsules", "amoxicillin", "амоксициллин",
        "J01CA04", "capsule", "500 mg", "mg", "capsules", "penicillins");

    private static PrescriptionDocumentModel Model(PrescriptionLayout layout, string language, DocumentStanding? standing = null, string clinic = "Клиника «Телемед» Москва") =>
        new(layout, language, Amoxicillin, Medicine, standing ?? DocumentStanding.Valid, "Иванов Иван Петрович", clinic, "Москва", "Europe/Moscow", Url);

    private static string TextOf(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        document.NumberOfPages.ShouldBe(1);
        // PdfPig's page text drops the spaces between words, so the tests compare without spaces.
        return string.Join("\n", document.GetPages().Select(p => p.Text)).Replace(" ", "", StringComparison.Ordinal);
    }

    [Fact]
    public void A_russian_clinic_prints_form_107_1u_in_russian_with_every_field()
    {
        var text = TextOf(PrescriptionPdf.Render(Model(PrescriptionLayout.Russian1071u, "en")));

        foreach (var expected in new[] { "107-1/у", "1094н", "РЕЦЕПТ", "ИвановИванПетрович", "1984", "НатальяЛебедева", "Rp.:Амоксициллин500мг,капсулы",
            "Количество:21капсула", "3разавдень", "путьвведения:внутрь", "30.11.2026", "29.01.2027", "5A1F03", Url })
        {
            text.ShouldContain(expected);
        }
    }

    [Fact]
    public void Form_107_1u_prints_no_English_word_of_the_formulary_or_the_labels()
    {
        var text = TextOf(PrescriptionPdf.Render(Model(PrescriptionLayout.Russian1071u, "en"))).Replace(Url, "", StringComparison.Ordinal);

        foreach (var english in new[] { "Amoxicillin", "amoxicillin", "capsule", "mg", "oral", "Prescription", "Quantity", "route", "Valid", "D.t.d", "active" })
        {
            text.ShouldNotContain(english, Case.Sensitive);
        }
    }

    [Fact]
    public void Another_clinic_prints_the_generic_layout_in_the_readers_language_without_the_russian_form_header()
    {
        var text = TextOf(PrescriptionPdf.Render(Model(PrescriptionLayout.Generic, "en", clinic: "Telemed Clinic Moscow")));

        text.ShouldContain("Prescription");
        text.ShouldContain("Rp.:Amoxicillin500mgcapsules(amoxicillin)500mg,capsule");
        text.ShouldContain("Quantity:21capsules");
        text.ShouldContain("ИвановИванПетрович");
        text.ShouldContain(Url);
        text.ShouldNotContain("107-1");
        text.ShouldNotContain("CANCELLED");
    }

    [Theory]
    [InlineData(true, "ru", "АННУЛИРОВАН", "Рецептаннулированврачом01.12.2026.", "Причина:Неверная дозировка", "Отпускуне подлежит")]
    [InlineData(false, "en", "CANCELLED", "Cancelledbytheprescriberon01/12/2026.", "Reason:Неверная дозировка", "Nottobedispensed")]
    public void A_cancelled_prescription_is_stamped_with_its_date_and_reason_and_has_no_QR_code(bool form1071u, string language, string stamp,
        string on, string reason, string notForDispensing)
    {
        var cancelled = new DocumentStanding(Standing.Cancelled, new DateTime(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc), "Неверная дозировка");

        var text = TextOf(PrescriptionPdf.Render(Model(form1071u ? PrescriptionLayout.Russian1071u : PrescriptionLayout.Generic, language, cancelled)));

        text.ShouldContain(stamp);
        text.ShouldContain(on);
        text.ShouldContain(reason.Replace(" ", "", StringComparison.Ordinal));
        text.ShouldContain(notForDispensing.Replace(" ", "", StringComparison.Ordinal));
        text.ShouldNotContain("/verify/rx/");
        text.ShouldContain("K7Q2M9X4T8V3N6P1R5ZW"); // the record's number stays
    }

    [Fact]
    public void An_expired_or_altered_prescription_is_stamped_and_has_no_QR_code()
    {
        var expired = TextOf(PrescriptionPdf.Render(Model(PrescriptionLayout.Russian1071u, "ru", new DocumentStanding(Standing.Expired, Amoxicillin.ValidUntil))));
        expired.ShouldContain("СРОКДЕЙСТВИЯИСТЁК");
        expired.ShouldContain("действителендо29.01.2027");
        expired.ShouldNotContain("/verify/rx/");

        var altered = TextOf(PrescriptionPdf.Render(Model(PrescriptionLayout.Generic, "en", new DocumentStanding(Standing.Invalid))));
        altered.ShouldContain("NOTVALID");
        altered.ShouldContain("doesnotmatch");
        altered.ShouldNotContain("/verify/rx/");
    }
}
