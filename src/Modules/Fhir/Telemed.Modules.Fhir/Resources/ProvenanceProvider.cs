using Hl7.Fhir.Model;
using Telemed.Modules.Clinical.Contracts;
using Telemed.Modules.Fhir.Registry;
using Telemed.Modules.Fhir.Search;

namespace Telemed.Modules.Fhir.Resources;

/// <summary>
/// The doctor's signature of a visit protocol or a prescription as a Provenance (Clinical). The protocol itself (a Composition) is
/// not served, so a protocol's signature targets what is served from it: the consultation's Encounter and the protocol's diagnosis
/// Conditions; a prescription's targets its MedicationRequest. recorded and signature.when are the signing instant (UTC), the agent
/// (author) and signature.who the signing doctor; signature type 1.2.840.10065.1.12.1.1 (author's signature), sigFormat
/// application/pkcs7-signature, data the stored detached CMS signature. Id: the document id without hyphens and "-vp" (protocol) or
/// "-rx" (prescription).
/// </summary>
internal sealed class ProvenanceProvider(IClinicalRecords clinical, PractitionerRefs practitioners) : IFhirResourceProvider
{
    public string ResourceType => "Provenance";
    public bool IsPatientData => true;

    public IReadOnlyList<FhirSearchParameter> SearchParameters { get; } =
    [
        new("patient", SearchParamType.Reference, "The patient whose record the signed document belongs to (Patient/{id}).", PatientOf.Values)
            { Definition = "http://hl7.org/fhir/SearchParameter/Provenance-patient" },
        new("target", SearchParamType.Reference, "A signed resource (Encounter/{id}, Condition/{id}, MedicationRequest/{id}).",
            r => FhirRefs.References([.. ((Provenance)r).Target])) { Definition = "http://hl7.org/fhir/SearchParameter/Provenance-target" },
    ];

    public async Task<FhirFound?> ReadAsync(string id, CancellationToken ct)
    {
        var parts = id.Split('-');
        if (parts.Length != 2 || !Guid.TryParseExact(parts[0], "N", out var documentId))
        {
            return null;
        }

        return parts[1] switch
        {
            "vp" when await clinical.FindSignedProtocolAsync(documentId, ct) is { } protocol => new FhirFound(await MapAsync(protocol, ct), protocol.PatientId),
            "rx" when await clinical.FindSignedPrescriptionAsync(documentId, ct) is { } prescription => new FhirFound(await MapAsync(prescription, ct), prescription.PatientId),
            _ => null,
        };
    }

    public async Task<IReadOnlyList<Resource>> LoadAsync(IReadOnlyCollection<Guid>? patientIds, FhirSearch search, CancellationToken ct)
    {
        var found = new List<Resource>();
        if (patientIds is not { Count: > 0 })
        {
            return found;
        }

        foreach (var protocol in await clinical.SignedProtocolsOfAsync(patientIds, ct))
        {
            found.Add(await MapAsync(protocol, ct));
        }

        foreach (var prescription in await clinical.SignedPrescriptionsOfAsync(patientIds, ct))
        {
            found.Add(await MapAsync(prescription, ct));
        }

        return found;
    }

    private async Task<Resource> MapAsync(SignedProtocolRecord p, CancellationToken ct) =>
        await MapAsync($"{p.ProtocolId:N}-vp", p.PatientId, p.Signature,
            [FhirRefs.To("Encounter", p.ConsultationId), .. p.Diagnoses.Select((_, i) => new ResourceReference($"Condition/{ConditionProvider.DiagnosisIdOf(p.ProtocolId, i)}"))], ct);

    private async Task<Resource> MapAsync(SignedPrescriptionRecord p, CancellationToken ct) =>
        await MapAsync($"{p.PrescriptionId:N}-rx", p.PatientId, p.Signature, [FhirRefs.To("MedicationRequest", p.PrescriptionId)], ct);

    private async Task<Resource> MapAsync(string id, Guid patientId, StoredSignature signature, List<ResourceReference> targets, CancellationToken ct)
    {
        var signer = await practitioners.OfUserAsync(signature.SignerUserId, signature.SignerName, ct);
        var provenance = new Provenance
        {
            Id = id,
            // A signature never changes: the signing instant is the last update.
            Meta = FhirMeta.Updated(signature.SignedAt),
            Target = targets,
            RecordedElement = new Instant(new DateTimeOffset(DateTime.SpecifyKind(signature.SignedAt, DateTimeKind.Utc))),
            Agent =
            [
                new Provenance.AgentComponent
                {
                    Type = new CodeableConcept("http://terminology.hl7.org/CodeSystem/provenance-participant-type", "author", "Author"),
                    Who = signer,
                },
            ],
            Signature =
            [
                new Signature
                {
                    Type = [new Coding("urn:iso-astm:E1762-95:2013", "1.2.840.10065.1.12.1.1", "Author's Signature")],
                    WhenElement = new Instant(new DateTimeOffset(DateTime.SpecifyKind(signature.SignedAt, DateTimeKind.Utc))),
                    Who = signer,
                    SigFormat = signature.Format,
                    Data = signature.Data.Length == 0 ? null : Convert.FromBase64String(signature.Data),
                },
            ],
        };
        return PatientOf.Annotate(provenance, patientId);
    }
}

/// <summary>
/// The patient whose record a resource belongs to, for resources that carry no patient reference of their own (Provenance):
/// kept as an annotation (never serialized) so the <c>patient</c> search parameter can match it.
/// </summary>
internal sealed record PatientOf(Guid PatientId)
{
    public static Resource Annotate(Resource resource, Guid patientId)
    {
        resource.AddAnnotation(new PatientOf(patientId));
        return resource;
    }

    public static IEnumerable<object> Values(Resource resource) =>
        resource.Annotations(typeof(PatientOf)).OfType<PatientOf>().Select(p => (object)$"Patient/{FhirRefs.Id(p.PatientId)}");
}
