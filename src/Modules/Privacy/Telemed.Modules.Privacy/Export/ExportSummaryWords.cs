namespace Telemed.Modules.Privacy.Export;

/// <summary>
/// The export summary's words for what the FHIR Bundle names by code: each resource type as a section a patient recognises
/// ("Allergies", "Аллергии"), the common FHIR status codes (R4 value sets of the resources the FHIR API serves) and an
/// AuditEvent's action and outcome (R4 <c>audit-event-action</c>, <c>audit-event-outcome</c>). A code not listed here (a
/// resource type added to the FHIR API later, an unusual status) is shown as the Bundle writes it.
/// </summary>
internal static class ExportSummaryWords
{
    /// <summary>The section heading for <paramref name="resourceType"/> in <paramref name="language"/> (<c>ru</c> or <c>en</c>), else the type itself.</summary>
    public static string Section(string resourceType, string language) =>
        (language == "ru" ? SectionsRu : SectionsEn).GetValueOrDefault(resourceType, resourceType);

    /// <summary>A FHIR status code in words, else the code as written.</summary>
    public static string Status(string code, string language) =>
        (language == "ru" ? StatusesRu : StatusesEn).GetValueOrDefault(code, code);

    /// <summary>An AuditEvent action code (C, R, U, D, E) in words, else the code.</summary>
    public static string AuditAction(string code, string language) =>
        (language == "ru" ? ActionsRu : ActionsEn).GetValueOrDefault(code, code);

    /// <summary>An AuditEvent outcome code (0, 4, 8, 12) in words, else the code.</summary>
    public static string AuditOutcome(string code, string language) =>
        (language == "ru" ? OutcomesRu : OutcomesEn).GetValueOrDefault(code, code);

    private static readonly Dictionary<string, string> SectionsEn = new(StringComparer.Ordinal)
    {
        ["Patient"] = "You", ["AllergyIntolerance"] = "Allergies", ["Appointment"] = "Appointments", ["AuditEvent"] = "Who opened your record",
        ["Communication"] = "Messages", ["Condition"] = "Diagnoses", ["Consent"] = "Consents", ["DiagnosticReport"] = "Lab reports",
        ["DocumentReference"] = "Documents", ["Encounter"] = "Visits", ["Location"] = "Places", ["MedicationRequest"] = "Prescriptions",
        ["MedicationStatement"] = "Medicines you take", ["Observation"] = "Lab values", ["Organization"] = "Clinics and labs",
        ["Practitioner"] = "Doctors", ["PractitionerRole"] = "Doctors' roles", ["Provenance"] = "Signatures", ["Schedule"] = "Schedules",
        ["ServiceRequest"] = "Lab orders", ["Slot"] = "Time slots",
    };

    private static readonly Dictionary<string, string> SectionsRu = new(StringComparer.Ordinal)
    {
        ["Patient"] = "Вы", ["AllergyIntolerance"] = "Аллергии", ["Appointment"] = "Записи на приём", ["AuditEvent"] = "Кто открывал вашу карту",
        ["Communication"] = "Сообщения", ["Condition"] = "Диагнозы", ["Consent"] = "Согласия", ["DiagnosticReport"] = "Результаты анализов",
        ["DocumentReference"] = "Документы", ["Encounter"] = "Приёмы", ["Location"] = "Места приёма", ["MedicationRequest"] = "Рецепты",
        ["MedicationStatement"] = "Принимаемые лекарства", ["Observation"] = "Показатели анализов", ["Organization"] = "Клиники и лаборатории",
        ["Practitioner"] = "Врачи", ["PractitionerRole"] = "Должности врачей", ["Provenance"] = "Подписи", ["Schedule"] = "Расписания",
        ["ServiceRequest"] = "Направления на анализы", ["Slot"] = "Окна для записи",
    };

    private static readonly Dictionary<string, string> StatusesEn = new(StringComparer.Ordinal)
    {
        ["active"] = "active", ["inactive"] = "inactive", ["resolved"] = "resolved", ["completed"] = "completed", ["cancelled"] = "cancelled",
        ["booked"] = "booked", ["fulfilled"] = "attended", ["noshow"] = "not attended", ["arrived"] = "arrived", ["checked-in"] = "checked in",
        ["pending"] = "pending", ["proposed"] = "proposed", ["waitlist"] = "on the waitlist", ["planned"] = "planned", ["in-progress"] = "in progress",
        ["finished"] = "finished", ["draft"] = "draft", ["stopped"] = "stopped", ["on-hold"] = "on hold", ["revoked"] = "revoked",
        ["entered-in-error"] = "entered in error", ["preliminary"] = "preliminary", ["final"] = "final", ["amended"] = "amended",
        ["registered"] = "registered", ["current"] = "current", ["superseded"] = "superseded", ["rejected"] = "rejected",
        ["free"] = "free", ["busy"] = "busy", ["unknown"] = "unknown", ["not-taken"] = "not taken",
        ["intended"] = "intended",
    };

    private static readonly Dictionary<string, string> StatusesRu = new(StringComparer.Ordinal)
    {
        ["active"] = "действует", ["inactive"] = "не действует", ["resolved"] = "разрешено", ["completed"] = "завершено", ["cancelled"] = "отменено",
        ["booked"] = "запись подтверждена", ["fulfilled"] = "приём состоялся", ["noshow"] = "неявка", ["arrived"] = "явка отмечена", ["checked-in"] = "явка отмечена",
        ["pending"] = "ожидает", ["proposed"] = "предложено", ["waitlist"] = "в листе ожидания", ["planned"] = "запланировано", ["in-progress"] = "идёт",
        ["finished"] = "завершено", ["draft"] = "черновик", ["stopped"] = "прекращено", ["on-hold"] = "приостановлено", ["revoked"] = "отозвано",
        ["entered-in-error"] = "внесено по ошибке", ["preliminary"] = "предварительный результат", ["final"] = "окончательный результат", ["amended"] = "исправлено",
        ["registered"] = "зарегистрировано", ["current"] = "актуально", ["superseded"] = "заменено", ["rejected"] = "отклонено",
        ["free"] = "свободно", ["busy"] = "занято", ["unknown"] = "неизвестно", ["not-taken"] = "не принимается",
        ["intended"] = "планируется",
    };

    private static readonly Dictionary<string, string> ActionsEn = new(StringComparer.Ordinal)
    {
        ["C"] = "created", ["R"] = "opened", ["U"] = "changed", ["D"] = "deleted", ["E"] = "used",
    };

    private static readonly Dictionary<string, string> ActionsRu = new(StringComparer.Ordinal)
    {
        ["C"] = "создал(а)", ["R"] = "открыл(а)", ["U"] = "изменил(а)", ["D"] = "удалил(а)", ["E"] = "использовал(а)",
    };

    private static readonly Dictionary<string, string> OutcomesEn = new(StringComparer.Ordinal)
    {
        ["0"] = "allowed", ["4"] = "refused", ["8"] = "failed", ["12"] = "failed",
    };

    private static readonly Dictionary<string, string> OutcomesRu = new(StringComparer.Ordinal)
    {
        ["0"] = "разрешено", ["4"] = "отказано", ["8"] = "ошибка", ["12"] = "ошибка",
    };
}
