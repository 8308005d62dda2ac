using Hl7.Fhir.Model;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Fhir.Registry;
using Telemed.Modules.Fhir.Resources;
using Telemed.Modules.Fhir.Search;

namespace Telemed.Modules.Fhir.Import;

/// <summary>
/// The medications on the patient's profile, recorded by another system and imported (free text as imported, so
/// <c>medicationCodeableConcept.text</c> only; status <c>active</c> as the source last said). Id: the patient id without hyphens, "-m" and
/// the entry's position.
/// </summary>
internal sealed class MedicationStatementProvider(IDirectoryModule directory) : IFhirResourceProvider
{
    public string ResourceType => "MedicationStatement";
    public bool IsPatientData => true;

    public IReadOnlyList<FhirSearchParameter> SearchParameters { get; } =
    [
        new("patient", SearchParamType.Reference, "The patient (Patient/{id}).", r => FhirRefs.References(((MedicationStatement)r).Subject))
            { Definition = "http://hl7.org/fhir/SearchParameter/clinical-patient" },
    ];

    public async Task<FhirFound?> ReadAsync(string id, CancellationToken ct) =>
        await PatientListEntries.ReadAsync(directory, id, "m", c => c.Medications ?? [], Map, ct);

    public async Task<IReadOnlyList<Resource>> LoadAsync(IReadOnlyCollection<Guid>? patientIds, FhirSearch search, CancellationToken ct) =>
        await PatientListEntries.LoadAsync(directory, patientIds, c => c.Medications ?? [], Map, ct);

    private static Resource Map(Guid patientId, int index, string text) => new MedicationStatement
    {
        Id = PatientListEntries.IdOf(patientId, "m", index),
        Status = MedicationStatement.MedicationStatusCodes.Active,
        Medication = new CodeableConcept { Text = text },
        Subject = FhirRefs.To("Patient", patientId),
    };
}
