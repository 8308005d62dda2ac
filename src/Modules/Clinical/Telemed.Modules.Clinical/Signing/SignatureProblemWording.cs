using Telemed.BuildingBlocks.Text;

namespace Telemed.Modules.Clinical.Signing;

/// <summary>
/// Why a signature check failed (<see cref="SignatureCheck.Problem"/>), in the reader's language (<see cref="LanguagePreference"/>).
/// The checks write the reason in English (the verification CLI and logs read it so); the doctor's verification box shows it,
/// so a Russian reader gets it in Russian. A sentence this table does not know is shown as written.
/// </summary>
internal static class SignatureProblemWording
{
    private static readonly Dictionary<string, string> Russian = new(StringComparer.Ordinal)
    {
        ["The signature is not a readable CMS structure."] = "Подпись не читается как структура CMS.",
        ["The signature names no signer certificate."] = "В подписи не указан сертификат подписанта.",
        ["The document was changed after it was signed."] = "Документ изменён после подписания.",
        ["The signing time is not counter-signed by the clinic's timestamp certificate."] =
            "Время подписания не заверено сертификатом штампа времени клиники.",
        ["The signer's certificate is expired."] = "Срок действия сертификата подписанта истёк.",
        ["The signer's certificate is revoked."] = "Сертификат подписанта отозван.",
        ["The signer's certificate is untrusted."] = "Сертификат подписанта не является доверенным.",
        ["A stored value of the document can no longer be decrypted: it was changed in the database."] =
            "Сохранённое значение документа больше не расшифровывается: его изменили в базе данных.",
        ["A stored value can no longer be decrypted."] = "Сохранённое значение больше не расшифровывается.",
    };

    /// <summary>The English sentences this table words (for the unit test that finds every one the source writes).</summary>
    internal static IReadOnlyCollection<string> Known => Russian.Keys;

    /// <summary><paramref name="problem"/> for a reader of <paramref name="language"/>; null stays null.</summary>
    public static string? In(string? problem, string language) =>
        problem is not null && LanguagePreference.IsRussian(language) ? Russian.GetValueOrDefault(problem, problem) : problem;

    /// <summary><paramref name="check"/> with its problem worded for <paramref name="language"/>.</summary>
    public static SignatureCheck In(SignatureCheck check, string language) => check with { Problem = In(check.Problem, language) };
}
