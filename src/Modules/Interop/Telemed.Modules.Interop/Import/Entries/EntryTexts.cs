using Hl7.Fhir.Model;
using Telemed.Modules.Directory.Contracts;

namespace Telemed.Modules.Interop.Import.Entries;

/// <summary>
/// How a coded FHIR entry reads on the patient's profile (free-text lists): its text or first display, then the code with its system's
/// short name, e.g. <c>Essential hypertension (ICD-10 I10)</c>. Null when the concept has neither text nor code. The text is never cut:
/// a cut loses the end of an allergy's name or its code without anyone knowing (and could split a character in two); the importer
/// refuses an entry whose text is longer than a profile entry holds (<see cref="TooLong"/>).
/// </summary>
internal static class EntryTexts
{
    /// <summary>The longest entry a profile list keeps, as the patient's own form (<see cref="PatientProfileLimits.MaxEntryLength"/>).</summary>
    public const int MaxLength = PatientProfileLimits.MaxEntryLength;

    /// <summary>The refusal of an entry whose text (name, code and dosage) is longer than <paramref name="limit"/> characters.</summary>
    public static EntryResult TooLong(string what, int limit) => EntryResult.Rejected("import.entry_too_long",
        $"{what} is longer than the {limit} characters the record keeps; shorten it at the source (nothing is cut here).");

    private static readonly Dictionary<string, string> SystemNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["http://hl7.org/fhir/sid/icd-10"] = "ICD-10",
        ["http://hl7.org/fhir/sid/icd-10-cm"] = "ICD-10-CM",
        ["http://snomed.info/sct"] = "SNOMED CT",
        ["http://www.nlm.nih.gov/research/umls/rxnorm"] = "RxNorm",
        ["http://loinc.org"] = "LOINC",
        ["http://www.whocc.no/atc"] = "ATC",
    };

    public static string? Of(CodeableConcept? concept, string? detail = null)
    {
        if (concept is null)
        {
            return null;
        }

        var coding = concept.Coding.FirstOrDefault(c => !string.IsNullOrWhiteSpace(c.Code));
        var label = FirstNonBlank(concept.Text, concept.Coding.Select(c => c.Display).FirstOrDefault(d => !string.IsNullOrWhiteSpace(d)), coding?.Code);
        if (label is null)
        {
            return null;
        }

        var code = coding is null || coding.Code == label ? "" : $" ({SystemName(coding.System)}{coding.Code!.Trim()})";
        return label.Trim() + code + (string.IsNullOrWhiteSpace(detail) ? "" : $" — {detail.Trim()}");
    }

    private static string SystemName(string? system) =>
        system is not null && SystemNames.TryGetValue(system, out var name) ? name + " " : "";

    private static string? FirstNonBlank(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
