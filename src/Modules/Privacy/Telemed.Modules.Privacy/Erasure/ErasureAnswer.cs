using System.Globalization;
using System.Text;

namespace Telemed.Modules.Privacy.Erasure;

/// <summary>The e-mail telling the patient their erasure was carried out: what was removed, and each kept category with its rule and date.</summary>
internal static class ErasureAnswer
{
    private static readonly Dictionary<string, (string En, string Ru)> Categories = new()
    {
        [KeptCategories.SignedProtocols] = ("Signed visit protocols and diagnoses", "Подписанные протоколы приёмов и диагнозы"),
        [KeptCategories.Prescriptions] = ("Prescriptions", "Рецепты"),
        [KeptCategories.LabResults] = ("Lab results", "Результаты анализов"),
        [KeptCategories.Consents] = ("Your consents", "Ваши согласия"),
        [KeptCategories.AuditTrail] = ("The record of who accessed your data", "Журнал доступа к вашим данным"),
    };

    /// <summary>Subject and plain-text body in <paramref name="language"/> (<c>ru</c> or English); no diagnosis or record content, only categories.</summary>
    public static (string Subject, string Body) Email(IReadOnlyList<KeptRecord> kept, string language)
    {
        var ru = language == "ru";
        var body = new StringBuilder(ru
            ? "Ваш запрос на удаление данных выполнен. Удалены: контактные данные, загруженные вами документы, история уведомлений; учётная запись закрыта.\n\nПо закону сохраняются:\n"
            : "Your request to erase your data has been carried out. Removed: your contact details, the documents you uploaded and your notification history; your account is closed.\n\nThe law requires us to keep:\n");
        foreach (var k in kept)
        {
            var name = Categories.TryGetValue(k.Category, out var n) ? (ru ? n.Ru : n.En) : k.Category;
            var until = k.KeptUntil.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            body.Append(ru ? $"- {name}: до {until} ({k.Years} лет; {k.LegalSource})\n" : $"- {name}: until {until} ({k.Years} years; {k.LegalSource})\n");
        }

        return (ru ? "Ваши данные удалены" : "Your data has been erased", body.ToString());
    }
}
