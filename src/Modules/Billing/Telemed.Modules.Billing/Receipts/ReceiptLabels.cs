namespace Telemed.Modules.Billing.Receipts;

/// <summary>A receipt's printed words in one language (en, ru).</summary>
internal sealed record ReceiptLabels(string Culture, string Title, string Patient, string Doctor, string Service, string Billed, string MinutesFormat,
    string Reason, string Paid, string Refunded, string RefundedFor, string Net, string Card, string Footer, IReadOnlyDictionary<string, string> Kinds,
    IReadOnlyDictionary<string, string> Settlements, IReadOnlyDictionary<string, string> RefundReasons)
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
        });

    public static ReceiptLabels For(string language) => language.StartsWith("ru", StringComparison.OrdinalIgnoreCase) ? Russian : English;

    public string KindName(string kind) => Kinds.GetValueOrDefault(kind, kind);

    public string SettlementName(string settlement) => Settlements.GetValueOrDefault(settlement, settlement);

    /// <summary>Why money went back, in words; a reason this version has no words for is printed as it is stored.</summary>
    public string RefundReasonName(string reason) => RefundReasons.GetValueOrDefault(reason, reason);
}
