using Hl7.Fhir.Model;
using Telemed.Modules.Clinical.Contracts;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Fhir.Registry;
using Telemed.Modules.Fhir.Search;

namespace Telemed.Modules.Fhir.Resources;

/// <summary>
/// Two kinds of Condition, told apart by <c>category</c>:
/// the chronic conditions on the patient's profile (Directory; free text in <c>code.text</c>; <c>problem-list-item</c>; id: the
/// patient id without hyphens, "-c" and the entry's position), and the diagnoses of signed visit protocols (Clinical; ICD-10 coded,
/// <c>encounter-diagnosis</c>, verificationStatus provisional/confirmed, the consultation's Encounter, recorded when signed, asserted
/// by the signing doctor; id: the protocol id without hyphens, "-d" and the diagnosis's position).
/// </summary>
internal sealed class ConditionProvider(IDirectoryModule directory, IClinicalRecords clinical, PractitionerRefs practitioners) : IFhirResourceProvider
{
    public const string Icd10System = "http://hl7.org/fhir/sid/icd-10";
    private const string CategorySystem = "http://terminology.hl7.org/CodeSystem/condition-category";

    public string ResourceType => "Condition";
    public bool IsPatientData => true;

    public IReadOnlyList<FhirSearchParameter> SearchParameters { get; } =
    [
        new("patient", SearchParamType.Reference, "The patient (Patient/{id}).", r => FhirRefs.References(((Condition)r).Subject))
            { Definition = "http://hl7.org/fhir/SearchParameter/clinical-patient" },
        new("category", SearchParamType.Token, "problem-list-item (profile) or encounter-diagnosis (signed protocols).",
            r => ((Condition)r).Category.SelectMany(c => c.Coding).Where(c => c.Code is not null).Select(c => new FhirToken(c.System, c.Code!)))
            { Definition = "http://hl7.org/fhir/SearchParameter/Condition-category" },
        new("code", SearchParamType.Token, "The ICD-10 code of a diagnosis (http://hl7.org/fhir/sid/icd-10|J06.9); profile entries are free text and match no code.",
            r => ((Condition)r).Code?.Coding.Where(c => c.Code is not null).Select(c => new FhirToken(c.System, c.Code!)) ?? [])
            { Definition = "http://hl7.org/fhir/SearchParameter/clinical-code" },
    ];

    public async Task<FhirFound?> ReadAsync(string id, CancellationToken ct)
    {
        if (DiagnosisId(id) is not var (protocolId, index))
        {
            return await PatientListEntries.ReadAsync(directory, id, "c", c => c.ChronicConditions, MapProblem, ct);
        }

        return await clinical.FindSignedProtocolAsync(protocolId, ct) is { } protocol && index < protocol.Diagnoses.Count
            ? new FhirFound(await MapDiagnosisAsync(protocol, index, ct), protocol.PatientId)
            : null;
    }

    public async Task<IReadOnlyList<Resource>> LoadAsync(IReadOnlyCollection<Guid>? patientIds, FhirSearch search, CancellationToken ct)
    {
        var found = new List<Resource>(await PatientListEntries.LoadAsync(directory, patientIds, c => c.ChronicConditions, MapProblem, ct));
        if (patientIds is { Count: > 0 })
        {
            foreach (var protocol in await clinical.SignedProtocolsOfAsync(patientIds, ct))
            {
                for (var i = 0; i < protocol.Diagnoses.Count; i++)
                {
                    found.Add(await MapDiagnosisAsync(protocol, i, ct));
                }
            }
        }

        return found;
    }

    /// <summary>The protocol id and diagnosis position in a diagnosis Condition id ("{protocol:N}-d{n}"), or null.</summary>
    internal static (Guid ProtocolId, int Index)? DiagnosisId(string id)
    {
        var parts = id.Split('-');
        return parts.Length == 2 && Guid.TryParseExact(parts[0], "N", out var protocolId) && parts[1].StartsWith('d')
            && int.TryParse(parts[1][1..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index)
            ? (protocolId, index) : null;
    }

    internal static string DiagnosisIdOf(Guid protocolId, int index) => $"{protocolId:N}-d{index}";

    private async Task<Resource> MapDiagnosisAsync(SignedProtocolRecord protocol, int index, CancellationToken ct)
    {
        var diagnosis = protocol.Diagnoses[index];
        var doctor = await practitioners.OfUserAsync(protocol.DoctorUserId, protocol.Signature.SignerName, ct);
        return new Condition
        {
            Id = DiagnosisIdOf(protocol.ProtocolId, index),
            Meta = FhirMeta.Updated(protocol.UpdatedAt),
            // No clinicalStatus: the protocol records what was diagnosed at the visit, not whether it has resolved since.
            VerificationStatus = new CodeableConcept("http://terminology.hl7.org/CodeSystem/condition-ver-status", FhirStatusMaps.ConditionVerificationOf(diagnosis.Certainty)),
            Category = [new CodeableConcept(CategorySystem, "encounter-diagnosis", "Encounter Diagnosis")],
            Code = new CodeableConcept(Icd10System, diagnosis.Code, diagnosis.Title, diagnosis.Title),
            Subject = FhirRefs.To("Patient", protocol.PatientId),
            Encounter = FhirRefs.To("Encounter", protocol.ConsultationId),
            RecordedDate = FhirRefs.Instant(protocol.Signature.SignedAt),
            Asserter = doctor,
            Recorder = doctor,
        };
    }

    private static Resource MapProblem(Guid patientId, int index, string text) => new Condition
    {
        Id = PatientListEntries.IdOf(patientId, "c", index),
        ClinicalStatus = new CodeableConcept("http://terminology.hl7.org/CodeSystem/condition-clinical", "active"),
        Category = [new CodeableConcept(CategorySystem, "problem-list-item", "Problem List Item")],
        Code = new CodeableConcept { Text = text },
        Subject = FhirRefs.To("Patient", patientId),
    };
}
