using System.Globalization;
using Telemed.Modules.Billing.Payments;
using Telemed.BuildingBlocks.Text;

namespace Telemed.Modules.Billing.Receipts;

/// <summary>A receipt's printed words in one language (en, ru).</summary>
internal sealed record ReceiptLabels(string Culture, string Title, string Patient, string Doctor, string Service, string Billed, string MinutesFormat,
    string Reason, string Paid, string Refunded, string RefundedFor, string Net, string Card, string Footer, IReadOnlyDictionary<string, string> Kinds,
    IReadOnlyDictionary<string, string> Settlements, IReadOnlyDictionary<string, string> RefundReasons, IReadOnlyDictionary<string, string> FeeServices)
{
    private static readonly ReceiptLabels English = new("en-GB", "Receipt", "Patient", "Doctor", "Service", "Time billed", "{0} min",
        "Charged for", "Paid", "Refunded", "Refund reason", "Net paid", "Card", "Issued electronically by Telemed. Keep it for your records and your insurer.",
        new Dictionary<string, string> { ["video"] = "Video consultation", ["chat"] = "Chat consultation", ["inPerson"] = "Visit at the clinic" },
        new Dictionary<string, string>
        {
            ["visit"] = "The consultation", ["lateCancellationFee"] = "Late cancellation fee", ["noShowFee"] = "Missed appointment fee",
        },
        new Dictionary<string, string>
        {
            ["refundedByAdmin"] = "The clinic's decision", ["doctorAbsent"] = "The doctor could not attend", ["technicalFailure"] = "Technical failure",
            ["cancelledByClinic"] = "Cancelled by the clinic", ["cancelledInTime"] = "Cancelled in time",
            ["patientLeft"] = "The visit did not take place", ["emergencyAdvised"] = "The visit did not take place",
        },
        new Dictionary<string, string>
        {
            ["lateCancellationFee:video"] = "Late cancellation fee for the video consultation of {0}",
            ["lateCancellationFee:chat"] = "Late cancellation fee for the chat consultation of {0}",
            ["lateCancellationFee:inPerson"] = "Late cancellation fee for the visit at the clinic of {0}",
            ["noShowFee:video"] = "Missed appointment fee for the video consultation of {0}",
            ["noShowFee:chat"] = "Missed appointment fee for the chat consultation of {0}",
            ["noShowFee:inPerson"] = "Missed appointment fee for the visit at the clinic of {0}",
        });

    private static readonly ReceiptLabels Russian = new("ru-RU", "Квитанция", "Пациент", "Врач", "Услуга", "Оплачено времени", "{0} мин",
        "Основание", "Оплачено", "Возвращено", "Основание возврата", "Итого оплачено", "Карта", "Выдано в электронном виде системой Telemed. Сохраните для отчётности и страховой компании.",
        new Dictionary<string, string> { ["video"] = "Видеоконсультация", ["chat"] = "Консультация в чате", ["inPerson"] = "Приём в клинике" },
        new Dictionary<string, string>
        {
            ["visit"] = "Консультация", ["lateCancellationFee"] = "Штраф за позднюю отмену", ["noShowFee"] = "Штраф за неявку",
        },
        new Dictionary<string, string>
        {
            ["refundedByAdmin"] = "Решение клиники", ["doctorAbsent"] = "Врач не смог провести приём", ["technicalFailure"] = "Технический сбой",
            ["cancelledByClinic"] = "Отменено клиникой", ["cancelledInTime"] = "Отменено вовремя",
            ["patientLeft"] = "Приём не состоялся", ["emergencyAdvised"] = "Приём не состоялся",
        },
        new Dictionary<string, string>
        {
            ["lateCancellationFee:video"] = "Штраф за позднюю отмену видеоконсультации от {0}",
            ["lateCancellationFee:chat"] = "Штраф за позднюю отмену консультации в чате от {0}",
            ["lateCancellationFee:inPerson"] = "Штраф за позднюю отмену приёма в клинике от {0}",
            ["noShowFee:video"] = "Штраф за неявку на видеоконсультацию от {0}",
            ["noShowFee:chat"] = "Штраф за неявку на консультацию в чате от {0}",
            ["noShowFee:inPerson"] = "Штраф за неявку на приём в клинике от {0}",
        });

    public static ReceiptLabels For(string language) => LanguagePreference.IsRussian(language) ? Russian : English;

    public string KindName(string kind) => Kinds.GetValueOrDefault(kind, kind);

    public string SettlementName(string settlement) => Settlements.GetValueOrDefault(settlement, settlement);

    /// <summary>
    /// The receipt's "Service" line: what was sold, for the visit of kind <paramref name="kind"/> that started (or was to start) at
    /// <paramref name="visitStart"/>, already printed in the clinic's time zone. A visit charged as such reads "Video consultation,
    /// 10/12/2026 14:00"; a fee names the fee and the visit it was taken for ("Late cancellation fee for the video consultation of …"),
    /// since that visit never took place and the receipt read as if it had. A fee of a kind this version has no words for still names
    /// the fee first.
    /// </summary>
    public string ServiceLine(string kind, string settlement, string visitStart) =>
        settlement is SettlementReasons.LateCancellationFee or SettlementReasons.NoShowFee
            ? FeeServices.TryGetValue($"{settlement}:{kind}", out var format)
                ? string.Format(CultureInfo.GetCultureInfo(Culture), format, visitStart)
                : $"{SettlementName(settlement)}: {KindName(kind)}, {visitStart}"
            : $"{KindName(kind)}, {visitStart}";

    /// <summary>Why money went back, in words; a reason this version has no words for is printed as it is stored.</summary>
    public string RefundReasonName(string reason) => RefundReasons.GetValueOrDefault(reason, reason);
}
