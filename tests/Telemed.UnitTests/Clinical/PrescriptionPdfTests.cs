using Telemed.Modules.Clinical.Contracts;
using Telemed.Modules.Clinical.PrescriptionDocuments;
using UglyToad.PdfPig;

namespace Telemed.UnitTests.Clinical;

/// <summary>
/// The prescription document (issue 12, item 5): a one-page PDF with clinic, prescriber, patient, medicine and dosing,
/// the signature's details and the verification address; form 107-1/у for Russian clinics. The text is read back with
/// PdfPig, so a glyph the bundled font lacks (Cyrillic) or a field left out fails the test.
/// </summary>
public sealed class PrescriptionPdfTests
{
    private static readonly PrescriptionForDispensing Amoxicillin = new(Guid.NewGuid(), "K7Q2M9X4T8V3N6P1R5ZW", Guid.NewGuid(), "Клиника «Телемед» Москва",
        Guid.NewGuid(), "И. П.", 1984, Guid.NewGuid(), "Наталья Лебедева", "Амоксициллин", "amoxicillin", "капсулы", "500 mg", "oral",
        "по 1 капсуле 3 раза в день 7 дней", 21, "капсул", 0, new DateTime(2026, 11, 30, 9, 0, 0, DateTimeKind.Utc),
        new DateTime(2027, 1, 29, 9, 0, 0, DateTimeKind.Utc), PrescriptionStatuses.Active, true, "5A1F03");

    private static string TextOf(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        document.NumberOfPages.ShouldBe(1);
        // PdfPig's page text drops the spaces between words, so the tests compare without spaces.
        return string.Join("\n", document.GetPages().Select(p => p.Text));
    }

    [Fact]
    public void A_russian_clinic_prints_form_107_1u_in_russian_with_every_field()
    {
        var model = new PrescriptionDocumentModel(PrescriptionLayout.Russian1071u, "en", Amoxicillin, "Иванов Иван Петрович", "Москва", "Europe/Moscow",
            "https://portal.example/verify/rx/K7Q2M9X4T8V3N6P1R5ZW");

        var text = TextOf(PrescriptionPdf.Render(model)).Replace(" ", "", StringComparison.Ordinal);

        foreach (var expected in new[] { "107-1/у", "1094н", "РЕЦЕПТ", "ИвановИванПетрович", "1984", "НатальяЛебедева", "Амоксициллин", "500mg",
            "D.t.d.N21капсул", "по1капсуле3разавдень7дней", "путьвведения:внутрь", "30.11.2026", "29.01.2027", "5A1F03", "https://portal.example/verify/rx/K7Q2M9X4T8V3N6P1R5ZW" })
        {
            text.ShouldContain(expected);
        }
    }

    [Fact]
    public void Another_clinic_prints_the_generic_layout_in_the_readers_language_without_the_russian_form_header()
    {
        var model = new PrescriptionDocumentModel(PrescriptionLayout.Generic, "en", Amoxicillin with { Status = PrescriptionStatuses.Cancelled },
            "Ivan Ivanov", "Moscow", "Europe/Moscow", "https://portal.example/verify/rx/K7Q2M9X4T8V3N6P1R5ZW");

        var text = TextOf(PrescriptionPdf.Render(model)).Replace(" ", "", StringComparison.Ordinal);

        text.ShouldContain("Prescription");
        text.ShouldContain("IvanIvanov");
        text.ShouldContain("notactive");
        text.ShouldNotContain("107-1");
    }
}
