using System.Globalization;
using Telemed.BuildingBlocks.Text;

namespace Telemed.Modules.Notifications.Inbox;

/// <summary>
/// The short titles of in-app notifications in the recipient's language (<c>en</c> or <c>ru</c>; anything else is English).
/// They say who and when, never why: no complaint, diagnosis or message text. Dates are the visit's local date at its clinic.
/// </summary>
internal static class NotificationTitles
{
    /// <summary>"3 Dec" / "3 дек." — day and short month in the recipient's language.</summary>
    public static string Day(DateTime localStart, string? language) =>
        localStart.ToString("d MMM", LanguagePreference.IsRussian(language) ? CultureInfo.GetCultureInfo("ru-RU") : CultureInfo.GetCultureInfo("en-GB"));

    /// <summary>"14:30": 24-hour local time, the same in both languages.</summary>
    public static string Time(DateTime localStart) => localStart.ToString("HH':'mm", CultureInfo.InvariantCulture);

    /// <summary>
    /// A booking for the recipient: "Your visit with …"; for a dependant of theirs (<paramref name="dependant"/>, a guardian's child's
    /// display name) "Sofia Kuznetsova's visit with …", so a guardian can tell the child's visit from their own. The same for
    /// <see cref="Rescheduled"/> and <see cref="Cancelled"/>.
    /// </summary>
    public static string Booked(string? language, string doctorName, DateTime localStart, string? dependant = null) => LanguagePreference.IsRussian(language)
        ? $"Визит {PatientRu(dependant)}к врачу {UserText.Isolate(doctorName)} {Day(localStart, language)} записан"
        : $"{WhoseEn(dependant)} visit with {UserText.Isolate(doctorName)} on {Day(localStart, language)} is booked";

    public static string Rescheduled(string? language, DateTime previousLocalStart, DateTime localStart, string? dependant = null) => LanguagePreference.IsRussian(language)
        ? $"{WhoseRu(dependant)} {Day(previousLocalStart, language)} перенесён на {Day(localStart, language)}, {Time(localStart)}"
        : $"{WhoseEn(dependant)} visit on {Day(previousLocalStart, language)} was moved to {Day(localStart, language)}, {Time(localStart)}";

    public static string Cancelled(string? language, DateTime localStart, string? dependant = null) => LanguagePreference.IsRussian(language)
        ? $"{WhoseRu(dependant)} {Day(localStart, language)} отменён"
        : $"{WhoseEn(dependant)} visit on {Day(localStart, language)} was cancelled";

    /// <summary>"Your" for the recipient's own visit, "Sofia Kuznetsova's" (isolated) for a dependant's.</summary>
    private static string WhoseEn(string? dependant) => dependant is null ? "Your" : $"{UserText.Isolate(dependant)}'s";

    /// <summary>"Ваш визит" for the recipient's own visit, "Визит пациента София Кузнецова" for a dependant's (the name stays nominative).</summary>
    private static string WhoseRu(string? dependant) => dependant is null ? "Ваш визит" : $"Визит пациента {UserText.Isolate(dependant)}";

    private static string PatientRu(string? dependant) => dependant is null ? "" : $"пациента {UserText.Isolate(dependant)} ";

    /// <summary>
    /// "487.50 RUB was refunded to your card for your visit": money the clinic gave back (an administrator's or an automatic refund),
    /// named by what it had been taken for (<paramref name="chargedFor"/>: <c>lateCancellationFee</c>, <c>noShowFee</c>; the visit
    /// otherwise), so a refunded fee does not read as a refunded visit. On a guardian's child's visit (<paramref name="dependant"/>, the
    /// child's display name) the visit is the child's: "… for Sofia Kuznetsova's visit".
    /// </summary>
    public static string Refunded(string? language, long amountMinor, string currency, string? chargedFor = null, string? dependant = null)
    {
        if (LanguagePreference.IsRussian(language))
        {
            var amount = Billing.Contracts.CurrencyUnits.Format(amountMinor, currency, CultureInfo.GetCultureInfo("ru-RU"));
            return chargedFor switch
            {
                "lateCancellationFee" => $"Вам возвращено {amount} из штрафа за позднюю отмену визита",
                "noShowFee" => $"Вам возвращено {amount} из штрафа за неявку на визит",
                _ => $"Вам возвращено {amount} за визит",
            } + OfPatientRu(dependant);
        }

        var en = Billing.Contracts.CurrencyUnits.Format(amountMinor, currency, CultureInfo.GetCultureInfo("en-GB"));
        return chargedFor switch
        {
            "lateCancellationFee" => $"{en} of the {LateFeeEn(dependant)} was refunded to your card",
            "noShowFee" => $"{en} of {NoShowFeeEn(dependant)} was refunded to your card",
            _ => $"{en} was refunded to your card for {VisitOfEn(dependant)}",
        };
    }

    /// <summary>
    /// "1,950.00 RUB was charged to your card for your visit": money taken for a visit or a fee (<paramref name="reason"/>: the capture's
    /// settlement reason, <c>visit</c>, <c>lateCancellationFee</c> or <c>noShowFee</c>; anything else reads as the visit). The amount has the
    /// currency's own decimals, as in the refund's title. A guardian's child's visit (<paramref name="dependant"/>) is named as in
    /// <see cref="Refunded"/>.
    /// </summary>
    public static string Captured(string? language, long amountMinor, string currency, string reason, string? dependant = null)
    {
        if (LanguagePreference.IsRussian(language))
        {
            var amount = Billing.Contracts.CurrencyUnits.Format(amountMinor, currency, CultureInfo.GetCultureInfo("ru-RU"));
            return reason switch
            {
                "lateCancellationFee" => $"С вашей карты списано {amount}: штраф за позднюю отмену визита",
                "noShowFee" => $"С вашей карты списано {amount}: штраф за неявку на визит",
                _ => $"С вашей карты списано {amount} за визит",
            } + OfPatientRu(dependant);
        }

        var en = Billing.Contracts.CurrencyUnits.Format(amountMinor, currency, CultureInfo.GetCultureInfo("en-GB"));
        return reason switch
        {
            "lateCancellationFee" => $"{en} was charged to your card: the {LateFeeEn(dependant)}",
            "noShowFee" => $"{en} was charged to your card: {NoShowFeeEn(dependant)}",
            _ => $"{en} was charged to your card for {VisitOfEn(dependant)}",
        };
    }

    /// <summary>"your visit", or "Sofia Kuznetsova's visit" for a dependant's.</summary>
    private static string VisitOfEn(string? dependant) => dependant is null ? "your visit" : $"{UserText.Isolate(dependant)}'s visit";

    private static string LateFeeEn(string? dependant) => dependant is null ? "late cancellation fee" : $"late cancellation fee for {VisitOfEn(dependant)}";

    private static string NoShowFeeEn(string? dependant) => dependant is null ? "the missed visit fee" : $"{UserText.Isolate(dependant)}'s missed visit fee";

    /// <summary>"" for the recipient's own visit, " пациента София Кузнецова" after «визит(а)» for a dependant's.</summary>
    private static string OfPatientRu(string? dependant) => dependant is null ? "" : $" пациента {UserText.Isolate(dependant)}";

    public static string ClinicMessage(string? language) => LanguagePreference.IsRussian(language)
        ? "Новое сообщение от клиники"
        : "New message from the clinic";

    public static string ReviewRequest(string? language) => LanguagePreference.IsRussian(language)
        ? "Регистратура просит просмотреть карту пациента"
        : "The front desk asks you to review a patient's record";

    public static string NewMessage(string? language, string senderName) => LanguagePreference.IsRussian(language)
        ? $"Новое сообщение от {UserText.Isolate(senderName)}"
        : $"New message from {UserText.Isolate(senderName)}";

    public static string NewBookingForDoctor(string? language, DateTime localStart) => LanguagePreference.IsRussian(language)
        ? $"Новая запись на {Day(localStart, language)}, {Time(localStart)}"
        : $"New booking on {Day(localStart, language)}, {Time(localStart)}";

    public static string CancelledForDoctor(string? language, DateTime localStart) => LanguagePreference.IsRussian(language)
        ? $"Визит {Day(localStart, language)}, {Time(localStart)} отменён"
        : $"The visit on {Day(localStart, language)}, {Time(localStart)} was cancelled";

    public static string WaitlistOffer(string? language, string doctorName, DateTime localStart) => LanguagePreference.IsRussian(language)
        ? $"Для вас придержано время у врача {UserText.Isolate(doctorName)}: {Day(localStart, language)}, {Time(localStart)}"
        : $"A time with {UserText.Isolate(doctorName)} is held for you: {Day(localStart, language)}, {Time(localStart)}";
}
