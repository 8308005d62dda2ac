using Telemed.BuildingBlocks.Text;

namespace Telemed.Modules.Clinical.Prescriptions.Checks;

/// <summary>How a finding bounds signing: a hard stop forbids it; a warning may be overridden with a reason.</summary>
public static class FindingSeverity
{
    public const string HardStop = "hard_stop";
    public const string Warning = "warning";
}

/// <summary>
/// What a check found about a prescription: a stable <paramref name="Code"/> (also the UI's message key,
/// <c>prescriptions.findings.&lt;code&gt;</c>), <see cref="FindingSeverity"/>, a sentence with the specifics in the prescriber's language,
/// and the <paramref name="Source"/> the rule rests on (a formulary, an SmPC section, a law).
/// </summary>
public sealed record PrescriptionFinding(string Code, string Severity, string Message, string Source)
{
    public bool IsHardStop => Severity == FindingSeverity.HardStop;
}

/// <summary>
/// Everything the checks read: the prescription's content, the patient's age in whole years on the prescribing day, the
/// recorded allergies (free text), the active ingredients of the patient's other current prescriptions, whether the
/// jurisdiction forbids starting a new treatment in this visit together with the ingredients the patient had before, the
/// language the findings' specifics are worded in for the prescriber (<see cref="FindingWording"/>), and the Russian INN of
/// the other prescriptions' ingredients (English INN → Russian, from their formulary entries) to name them by.
/// </summary>
internal sealed record PrescriptionCheckContext(PrescriptionContent Content, int PatientAgeYears, IReadOnlyList<string> Allergies,
    IReadOnlyList<string> OtherActiveIngredients, IReadOnlyList<string> PreviouslyPrescribedIngredients, Jurisdictions.IJurisdictionPolicy Policy,
    Jurisdictions.RemoteVisitFacts Facts, string Language = "en", IReadOnlyDictionary<string, string>? OtherIngredientsRu = null)
{
    /// <summary>
    /// Another prescription's active ingredient (English INN) as the prescriber names it: its Russian INN for a Russian reader
    /// when its formulary entry had one, else as given.
    /// </summary>
    public string NameOfOther(string ingredient) =>
        LanguagePreference.IsRussian(Language) && OtherIngredientsRu?.GetValueOrDefault(ingredient.ToLowerInvariant()) is { Length: > 0 } russian
            ? russian
            : ingredient;
}

/// <summary>One named check; returns nothing when the prescription passes it.</summary>
internal interface IPrescriptionCheck
{
    IEnumerable<PrescriptionFinding> Check(PrescriptionCheckContext context);
}
