using Telemed.BuildingBlocks.Text;

namespace Telemed.Modules.Clinical.PrescriptionDocuments;

/// <summary>
/// The printed words of a prescription in one language. Form 107-1/у's wording is from order 1094n, annex 2. "Rp.:" and "S."
/// are the Latin abbreviations every prescription uses, in Russia too, so they are not translated. <see cref="Culture"/>
/// formats the dates (en-GB 30/11/2026, ru-RU 30.11.2026).
/// </summary>
internal sealed record PrescriptionLabels
{
    private static readonly PrescriptionLabels English = new()
    {
        Culture = "en-GB", FormHeader = "", Title = "Prescription", Number = "No.", IssuedOn = "Issued on", Patient = "Patient",
        BirthYear = "Year of birth", Prescriber = "Prescriber", Quantity = "Quantity", Route = "route", Repeats = "Repeats allowed",
        ValidUntil = "Valid until", SignedElectronically = "Signed with an electronic signature", Certificate = "Certificate serial",
        Signer = "Signer", VerifyAt = "Check this prescription at:", Active = "Valid when the verification page says \"valid\".",
        CancelledStamp = "CANCELLED", CancelledOn = "Cancelled by the prescriber on {0}.", Reason = "Reason: {0}",
        ExpiredStamp = "EXPIRED", ExpiredOn = "No longer valid: it was valid until {0}.",
        InvalidStamp = "NOT VALID", InvalidNote = "The electronic signature does not match this prescription as stored.",
        NotForDispensing = "Not to be dispensed. This copy is the patient's record only.",
    };

    private static readonly PrescriptionLabels Russian = new()
    {
        Culture = "ru-RU",
        FormHeader = "Код формы по ОКУД 3108805\nФорма № 107-1/у\nУтверждена приказом Министерства здравоохранения Российской Федерации от 24 ноября 2021 г. № 1094н",
        Title = "РЕЦЕПТ", Number = "№", IssuedOn = "Дата выписки", Patient = "Ф.И.О. пациента", BirthYear = "Год рождения",
        Prescriber = "Ф.И.О. лечащего врача", Quantity = "Количество", Route = "путь введения", Repeats = "Повторов",
        ValidUntil = "Действителен до", SignedElectronically = "Подписан электронной подписью", Certificate = "Серийный номер сертификата",
        Signer = "Подписант", VerifyAt = "Проверить рецепт:", Active = "Рецепт действителен, если страница проверки показывает «действителен».",
        CancelledStamp = "АННУЛИРОВАН", CancelledOn = "Рецепт аннулирован врачом {0}.", Reason = "Причина: {0}",
        ExpiredStamp = "СРОК ДЕЙСТВИЯ ИСТЁК", ExpiredOn = "Рецепт недействителен: он был действителен до {0}.",
        InvalidStamp = "НЕДЕЙСТВИТЕЛЕН", InvalidNote = "Электронная подпись не соответствует сохранённому содержанию рецепта.",
        NotForDispensing = "Отпуску не подлежит. Экземпляр только для медицинской документации пациента.",
    };

    public required string Culture { get; init; }
    public required string FormHeader { get; init; }
    public required string Title { get; init; }
    public required string Number { get; init; }
    public required string IssuedOn { get; init; }
    public required string Patient { get; init; }
    public required string BirthYear { get; init; }
    public required string Prescriber { get; init; }
    public required string Quantity { get; init; }
    public required string Route { get; init; }
    public required string Repeats { get; init; }
    public required string ValidUntil { get; init; }
    public required string SignedElectronically { get; init; }
    public required string Certificate { get; init; }
    public required string Signer { get; init; }
    public required string VerifyAt { get; init; }

    /// <summary>The note beside the QR code of a valid prescription: how to check it.</summary>
    public required string Active { get; init; }

    public required string CancelledStamp { get; init; }

    /// <summary>"… on {0}": the cancellation's date.</summary>
    public required string CancelledOn { get; init; }

    /// <summary>"Reason: {0}": the prescriber's reason as typed.</summary>
    public required string Reason { get; init; }

    public required string ExpiredStamp { get; init; }

    /// <summary>"… until {0}": the last valid date.</summary>
    public required string ExpiredOn { get; init; }

    public required string InvalidStamp { get; init; }
    public required string InvalidNote { get; init; }

    /// <summary>Printed on every document that is not <see cref="Standing.Valid"/>.</summary>
    public required string NotForDispensing { get; init; }

    /// <summary>The labels for "ru", otherwise English.</summary>
    public static PrescriptionLabels For(string language) => LanguagePreference.IsRussian(language) ? Russian : English;

    /// <summary>The word stamped across a document of <paramref name="standing"/> (empty for a valid one).</summary>
    public string Stamp(Standing standing) => standing switch
    {
        Standing.Cancelled => CancelledStamp,
        Standing.Expired => ExpiredStamp,
        Standing.Invalid => InvalidStamp,
        _ => "",
    };

    /// <summary>
    /// What a document that may not be presented says under its stamp, dates written by <paramref name="date"/> (the clinic's
    /// local date): when and why it was cancelled, until when it was valid, or that the signature does not match; then that it is
    /// not to be dispensed.
    /// </summary>
    public IReadOnlyList<string> Notice(DocumentStanding standing, Func<DateTime, string> date)
    {
        var lines = new List<string>();
        switch (standing.Standing)
        {
            case Standing.Cancelled:
                if (standing.At is { } cancelledAt)
                {
                    lines.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, CancelledOn, date(cancelledAt)));
                }

                if (standing.Reason is { } reason)
                {
                    lines.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, Reason, reason));
                }

                break;
            case Standing.Expired when standing.At is { } until:
                lines.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, ExpiredOn, date(until)));
                break;
            case Standing.Invalid:
                lines.Add(InvalidNote);
                break;
        }

        if (!standing.IsValid)
        {
            lines.Add(NotForDispensing);
        }

        return lines;
    }
}
