namespace Telemed.Modules.Privacy.Erasure;

/// <summary>What an erasure keeps, by category (stable codes the web app translates).</summary>
public static class KeptCategories
{
    /// <summary>Signed visit protocols with their diagnoses.</summary>
    public const string SignedProtocols = "signedProtocols";

    /// <summary>Prescriptions and their dispensing.</summary>
    public const string Prescriptions = "prescriptions";

    /// <summary>Lab orders and results.</summary>
    public const string LabResults = "labResults";

    /// <summary>Consents given and withdrawn, with their times.</summary>
    public const string Consents = "consents";

    /// <summary>The audit trail of who did what with the record.</summary>
    public const string AuditTrail = "auditTrail";
}

/// <summary>
/// One retention rule: in <paramref name="Jurisdiction"/> (a code of Clinical's JurisdictionCodes), records of <paramref name="Category"/>
/// (<see cref="KeptCategories"/>) are kept <paramref name="Years"/> years, by <paramref name="LegalSource"/> (shown to the patient).
/// </summary>
public sealed record RetentionRule(string Jurisdiction, string Category, int Years, string LegalSource);

/// <summary>One category an erasure kept: the rule that keeps it and the UTC date until which it is kept at most.</summary>
public sealed record KeptRecord(string Category, string Jurisdiction, int Years, string LegalSource, DateOnly KeptUntil);

/// <summary>
/// The per-jurisdiction retention policy an erasure request applies: what may not be erased yet, and why. The rules are named;
/// each names its legal source. Retention is counted from the day the erasure is carried out (the newest record of a category is
/// at most that old), so "kept until" is an upper bound the clinic can meet without reading every record's date.
/// </summary>
public static class RetentionPolicy
{
    public const string Russia = "ru-323fz";
    public const string UnitedStates = "us";
    public const string EuropeanUnion = "eu";

    /// <summary>
    /// Russia: the medical record (protocols, diagnoses, prescriptions, lab results) is kept 25 years — Order of the Ministry of Health
    /// No. 530n (retention of primary medical documentation) under Federal Law 323-FZ art. 22; informed voluntary consent is part of it.
    /// </summary>
    public static IReadOnlyList<RetentionRule> RussianMedicalRecord { get; } =
    [
        .. new[] { KeptCategories.SignedProtocols, KeptCategories.Prescriptions, KeptCategories.LabResults, KeptCategories.Consents }
            .Select(c => new RetentionRule(Russia, c, 25, "Order of the Ministry of Health No. 530n; Federal Law 323-FZ art. 22")),
    ];

    /// <summary>
    /// United States: HIPAA 45 CFR 164.316(b)(2) keeps required documentation — the audit trail and authorizations (consents) — six
    /// years; medical records follow state law, which commonly asks up to 10 years for adults, so 10 years are kept.
    /// </summary>
    public static IReadOnlyList<RetentionRule> UnitedStatesHipaa { get; } =
    [
        new(UnitedStates, KeptCategories.AuditTrail, 6, "HIPAA 45 CFR 164.316(b)(2)"),
        new(UnitedStates, KeptCategories.Consents, 6, "HIPAA 45 CFR 164.316(b)(2), 164.508"),
        .. new[] { KeptCategories.SignedProtocols, KeptCategories.Prescriptions, KeptCategories.LabResults }
            .Select(c => new RetentionRule(UnitedStates, c, 10, "State medical-record retention law (HIPAA 45 CFR 164.530(j) for documentation)")),
    ];

    /// <summary>
    /// European Union: GDPR Art. 17(3)(c) and (e) with Art. 9(2)(h) let health records outlive an erasure request for as long as national
    /// law requires — e.g. Germany's § 630f(3) BGB, 10 years after treatment; consents are kept to demonstrate them (Art. 7(1)) for the
    /// general limitation period (3 years, § 195 BGB).
    /// </summary>
    public static IReadOnlyList<RetentionRule> EuropeanUnionGdpr { get; } =
    [
        .. new[] { KeptCategories.SignedProtocols, KeptCategories.Prescriptions, KeptCategories.LabResults }
            .Select(c => new RetentionRule(EuropeanUnion, c, 10, "GDPR Art. 17(3)(c), 9(2)(h); national law, e.g. § 630f(3) BGB")),
        new(EuropeanUnion, KeptCategories.Consents, 3, "GDPR Art. 7(1), 17(3)(e); § 195 BGB"),
    ];

    /// <summary>
    /// The audit trail is kept as long as the longest record it accounts for in every jurisdiction (who saw the record must stay answerable
    /// while the record exists; Russia: 323-FZ art. 13 medical secrecy, EU: GDPR Art. 5(2) accountability).
    /// </summary>
    public static RetentionRule AuditTrailFollowsRecord(string jurisdiction, int recordYears) =>
        new(jurisdiction, KeptCategories.AuditTrail, recordYears, "Accountability for the kept record (GDPR Art. 5(2); 323-FZ art. 13)");

    /// <summary>The rules of one jurisdiction; an unknown code gets every rule (the strictest reading).</summary>
    public static IReadOnlyList<RetentionRule> RulesOf(string jurisdiction)
    {
        IReadOnlyList<RetentionRule> rules = jurisdiction switch
        {
            Russia => RussianMedicalRecord,
            UnitedStates => UnitedStatesHipaa,
            EuropeanUnion => EuropeanUnionGdpr,
            _ => [.. RussianMedicalRecord, .. UnitedStatesHipaa, .. EuropeanUnionGdpr],
        };
        var recordYears = rules.Where(r => r.Category == KeptCategories.SignedProtocols).Max(r => r.Years);
        return rules.Any(r => r.Category == KeptCategories.AuditTrail && r.Years >= recordYears)
            ? rules
            : [.. rules.Where(r => r.Category != KeptCategories.AuditTrail), AuditTrailFollowsRecord(jurisdiction, recordYears)];
    }

    /// <summary>
    /// What an erasure carried out on <paramref name="today"/> keeps under <paramref name="jurisdictions"/> (the clinics' codes; none means
    /// every rule): one entry per category, the longest rule winning, ordered by category.
    /// </summary>
    public static IReadOnlyList<KeptRecord> WhatIsKept(IReadOnlyCollection<string> jurisdictions, DateOnly today)
    {
        var codes = jurisdictions.Count == 0 ? ["*"] : jurisdictions;
        return [.. codes.SelectMany(RulesOf)
            .GroupBy(r => r.Category)
            .Select(g => g.OrderByDescending(r => r.Years).First())
            .OrderBy(r => r.Category, StringComparer.Ordinal)
            .Select(r => new KeptRecord(r.Category, r.Jurisdiction, r.Years, r.LegalSource, today.AddYears(r.Years)))];
    }
}
