using Hl7.Fhir.Model;
using Telemed.Modules.Fhir.Registry;
using Telemed.Modules.Fhir.Search;
using Telemed.Modules.Labs.Contracts;

namespace Telemed.Modules.Fhir.Resources.Labs;

/// <summary>
/// Lab orders (Labs) as ServiceRequests, one per ordered test (as the lab gateway sends them): status from the order
/// (<see cref="LabFhirRules.OrderStatusAsRequestStatus"/>), intent order, category laboratory (SNOMED 108252007), the test's LOINC code,
/// the patient, the ordering doctor (Practitioner), authoredOn, the consultation as encounter, the partner lab as performer (display),
/// and the order's requisition. Id: <see cref="LabIds.Part"/> of the order id and the test's position. Patients and treating doctors see
/// every order.
/// </summary>
internal sealed class ServiceRequestProvider(VisibleLabRecords labs, Telemed.Modules.Directory.Contracts.IDirectoryModule directory) : IFhirResourceProvider
{
    public string ResourceType => "ServiceRequest";
    public bool IsPatientData => true;

    public IReadOnlyList<FhirSearchParameter> SearchParameters { get; } =
    [
        new("patient", SearchParamType.Reference, "The patient (Patient/{id}).", r => FhirRefs.References(((ServiceRequest)r).Subject))
            { Definition = "http://hl7.org/fhir/SearchParameter/clinical-patient" },
        new("status", SearchParamType.Token, "draft (no lab chosen yet), active (sent to the lab), completed (result received) or revoked.",
            r => ((ServiceRequest)r).Status is { } s ? [new FhirToken("http://hl7.org/fhir/request-status", Hl7.Fhir.Utility.EnumUtility.GetLiteral(s)!)] : [])
            { Definition = "http://hl7.org/fhir/SearchParameter/ServiceRequest-status" },
        new("code", SearchParamType.Token, "The test's LOINC code (http://loinc.org|{code}).", r => FhirValues.Codes(((ServiceRequest)r).Code))
            { Definition = "http://hl7.org/fhir/SearchParameter/clinical-code" },
        new("authored", SearchParamType.Date, "When the doctor ordered it.", r => FhirValues.DateOf(((ServiceRequest)r).AuthoredOn))
            { Definition = "http://hl7.org/fhir/SearchParameter/ServiceRequest-authored" },
    ];

    public async Task<FhirFound?> ReadAsync(string id, CancellationToken ct)
    {
        if (LabIds.ParsePart(id) is not var (orderId, index) || await labs.OrderAsync(orderId, ct) is not { } order || index >= order.Tests.Count)
        {
            return null;
        }

        return new FhirFound(Map(order, index, await DoctorsAsync(ct)), order.PatientId);
    }

    public async Task<IReadOnlyList<Resource>> LoadAsync(IReadOnlyCollection<Guid>? patientIds, FhirSearch search, CancellationToken ct)
    {
        var found = new List<Resource>();
        var doctors = patientIds is { Count: > 0 } ? await DoctorsAsync(ct) : [];
        foreach (var patientId in patientIds ?? [])
        {
            foreach (var order in await labs.OrdersOfAsync(patientId, ct))
            {
                found.AddRange(order.Tests.Select((_, i) => (Resource)Map(order, i, doctors)));
            }
        }

        return found.Take(FhirSearch.CandidateLimit + 1).ToList();
    }

    /// <summary>Doctor profiles by user id: the order names the doctor's account, FHIR the Practitioner (the doctor profile).</summary>
    private async Task<Dictionary<Guid, Telemed.Modules.Directory.Contracts.DoctorSummary>> DoctorsAsync(CancellationToken ct) =>
        (await directory.FindDoctorsAsync(new Telemed.Modules.Directory.Contracts.DoctorFilter(ActiveOnly: false), ct))
            .GroupBy(d => d.UserId).ToDictionary(g => g.Key, g => g.First());

    public static ServiceRequest Map(LabOrderRecord order, int index, IReadOnlyDictionary<Guid, Telemed.Modules.Directory.Contracts.DoctorSummary> doctorsByUser)
    {
        var test = order.Tests[index];
        return new ServiceRequest
        {
            Id = LabIds.Part(order.OrderId, index),
            Meta = new Meta { LastUpdated = FhirValues.Utc(order.UpdatedAt) },
            Requisition = new Identifier(LabFhirRules.Requisition, order.OrderId.ToString("D")),
            Status = LabFhirRules.OrderStatusAsRequestStatus(order.Status),
            Intent = RequestIntent.Order,
            Category = [new CodeableConcept("http://snomed.info/sct", "108252007", "Laboratory procedure")],
            Code = new CodeableConcept(LabFhirRules.Loinc, test.LoincCode, test.Display, test.Display),
            Subject = FhirRefs.To("Patient", order.PatientId),
            Encounter = order.ConsultationId is { } consultation ? FhirRefs.To("Encounter", consultation) : null,
            AuthoredOnElement = new FhirDateTime(FhirValues.Utc(order.OrderedAt)),
            Requester = doctorsByUser.TryGetValue(order.RequesterUserId, out var doctor)
                ? FhirRefs.To("Practitioner", doctor.DoctorId, doctor.DisplayName) : new ResourceReference { Display = "Ordering doctor" },
            Performer = order.PartnerLabName is { } lab ? [new ResourceReference { Display = lab }] : [],
        };
    }
}
