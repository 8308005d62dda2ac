using Telemed.Modules.Clinical.Contracts;
using Telemed.BuildingBlocks.Text;

namespace Telemed.Modules.Clinical.PrescriptionDocuments;

/// <summary>The printed words of a prescription in one language. Form 107-1/у's wording is from order 1094n, annex 2.</summary>
internal sealed record PrescriptionLabels(string Culture, string FormHeader, string Title, string Number, string IssuedOn, string Patient,
    string BirthYear, string Prescriber, string Route, string Repeats, string ValidUntil, string SignedElectronically, string Certificate,
    string Signer, string VerifyAt, string Active, string NotActive)
{
    private static readonly PrescriptionLabels English = new("en-GB", "", "Prescription", "No.", "Issued on", "Patient", "Year of birth",
        "Prescriber", "route", "Repeats allowed", "Valid until", "Signed with an electronic signature", "Certificate serial", "Signer",
        "Check this prescription at:", "Valid when the verification page says \"valid\".", "This prescription is not active");

    private static readonly PrescriptionLabels Russian = new("ru-RU",
        "Код формы по ОКУД 3108805\nФорма № 107-1/у\nУтверждена приказом Министерства здравоохранения Российской Федерации от 24 ноября 2021 г. № 1094н",
        "РЕЦЕПТ", "№", "Дата выписки", "Ф.И.О. пациента", "Год рождения", "Ф.И.О. лечащего врача", "путь введения", "Повторов",
        "Действителен до", "Подписан электронной подписью", "Серийный номер сертификата", "Подписант",
        "Проверить рецепт:", "Рецепт действителен, если страница проверки показывает «действителен».", "Рецепт недействителен");

    /// <summary>The labels for "ru", otherwise English.</summary>
    public static PrescriptionLabels For(string language) => LanguagePreference.IsRussian(language) ? Russian : English;

    /// <summary>The note beside the QR code: how to check it, or that it is not active (cancelled, expired).</summary>
    public string ValidityNote(string status) => status == PrescriptionStatuses.Active ? Active : $"{NotActive} ({status}).";
}
