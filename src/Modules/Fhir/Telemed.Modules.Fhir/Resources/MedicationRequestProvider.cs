using Hl7.Fhir.Model;
using Telemed.Modules.Clinical.Contracts;
using Telemed.Modules.Fhir.Registry;
using Telemed.Modules.Fhir.Search;

namespace Telemed.Modules.Fhir.Resources;

/// <summary>
/// A signed prescription as a MedicationRequest (Clinical): status by <see cref="FhirStatusMaps.MedicationRequestStatusOf"/>, intent
/// order, the medicine coded with ATC when the formulary has the code (always with its name as text), the dosage sentence, authoredOn
/// (signed, UTC), the prescriber, the consultation's Encounter, dispenseRequest (quantity in the dispense unit, repeats, validity).
/// Drafts are never served. Id: the prescription id.
/// </summary>
internal sealed class MedicationRequestProvider(IClinicalRecords clinical, PractitionerRefs practitioners) : IFhirResourceProvider
{
    public const string AtcSystem = "http://www.whocc.no/atc";

    public string ResourceType => "MedicationRequest";
    public bool IsPatientData => true;

    public IReadOnlyList<FhirSearchParameter> SearchParameters { get; } =
    [
        new("patient", SearchParamType.Reference, "The patient (Patient/{id}).", r => FhirRefs.References(((MedicationRequest)r).Subject))
            { Definition = "http://hl7.org/fhir/SearchParameter/clinical-patient" },
        new("status", SearchParamType.Token, "active, cancelled or stopped (expired).", r => ((MedicationRequest)r).Status is { } s
            ? [new FhirToken("http://hl7.org/fhir/CodeSystem/medicationrequest-status", Hl7.Fhir.Utility.EnumUtility.GetLiteral(s)!)] : [])
            { Definition = "http://hl7.org/fhir/SearchParameter/medications-status" },
        new("date", SearchParamType.Date, "When it was signed (authoredOn).", r => ((MedicationRequest)r).AuthoredOn is { } a
            ? [new FhirPeriod(DateTimeOffset.Parse(a, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.Parse(a, System.Globalization.CultureInfo.InvariantCulture))] : [])
            { Definition = "http://hl7.org/fhir/SearchParameter/MedicationRequest-authoredon" },
        new("code", SearchParamType.Token, "The medicine's ATC code (http://www.whocc.no/atc|J01CA04).",
            r => ((MedicationRequest)r).Medication is CodeableConcept c ? c.Coding.Where(x => x.Code is not null).Select(x => new FhirToken(x.System, x.Code!)) : [])
            { Definition = "http://hl7.org/fhir/SearchParameter/clinical-code" },
    ];

    public async Task<FhirFound?> ReadAsync(string id, CancellationToken ct) =>
        FhirRefs.Guid(id) is { } prescriptionId && await clinical.FindSignedPrescriptionAsync(prescriptionId, ct) is { } p
            ? new FhirFound(await MapAsync(p, ct), p.PatientId) : null;

    public async Task<IReadOnlyList<Resource>> LoadAsync(IReadOnlyCollection<Guid>? patientIds, FhirSearch search, CancellationToken ct)
    {
        var found = new List<Resource>();
        foreach (var p in patientIds is { Count: > 0 } ? await clinical.SignedPrescriptionsOfAsync(patientIds, ct) : [])
        {
            found.Add(await MapAsync(p, ct));
        }

        return found;
    }

    private async Task<Resource> MapAsync(SignedPrescriptionRecord p, CancellationToken ct) => new MedicationRequest
    {
        Id = FhirRefs.Id(p.PrescriptionId),
        Meta = FhirMeta.Updated(p.UpdatedAt),
        Status = FhirStatusMaps.MedicationRequestStatusOf(p.Status),
        Intent = MedicationRequest.MedicationRequestIntent.Order,
        Medication = string.IsNullOrWhiteSpace(p.AtcCode)
            ? new CodeableConcept { Text = p.MedicineName }
            : new CodeableConcept(AtcSystem, p.AtcCode, p.MedicineName, p.MedicineName),
        Subject = FhirRefs.To("Patient", p.PatientId),
        Encounter = FhirRefs.To("Encounter", p.ConsultationId),
        AuthoredOn = FhirRefs.Instant(p.Signature.SignedAt),
        Requester = await practitioners.OfUserAsync(p.PrescriberUserId, p.Signature.SignerName, ct),
        DosageInstruction = [new Dosage { Text = p.DosageText }],
        DispenseRequest = new MedicationRequest.DispenseRequestComponent
        {
            Quantity = new Quantity { Value = p.Quantity, Unit = p.QuantityUnit },
            NumberOfRepeatsAllowed = p.Refills,
            ValidityPeriod = p.ValidUntil is { } until ? new Period { Start = FhirRefs.Instant(p.Signature.SignedAt), End = FhirRefs.Instant(until) } : null,
        },
    };
}
