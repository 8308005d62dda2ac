using Hl7.Fhir.Model;

namespace Telemed.Modules.Interop.Import.Entries;

/// <summary>
/// How a coded FHIR entry reads on the patient's profile (free-text lists): its text or first display, then the code with its system's
/// short name, e.g. <c>Essential hypertension (ICD-10 I10)</c>, at most 200 characters. Null when the concept has neither text nor code.
/// </summary>
internal static class EntryTexts
{
    public const int MaxLength = 200;

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
        var text = label.Trim() + code + (string.IsNullOrWhiteSpace(detail) ? "" : $" — {detail.Trim()}");
        return text.Length <= MaxLength ? text : text[..MaxLength];
    }

    private static string SystemName(string? system) =>
        system is not null && SystemNames.TryGetValue(system, out var name) ? name + " " : "";

    private static string? FirstNonBlank(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
