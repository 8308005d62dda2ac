using Hl7.Fhir.Model;
using Telemed.Modules.Fhir.Access;
using Telemed.Modules.Fhir.Api;
using Telemed.Modules.Fhir.Registry;
using Telemed.Modules.Fhir.Resources;
using Telemed.Modules.Fhir.Search;

namespace Telemed.Modules.Fhir.Everything;

/// <summary>
/// <c>GET /fhir/R4/Patient/{id}/$everything</c>: one searchset Bundle with the Patient first and then every resource of the patient's
/// record that the API serves (every provider with <see cref="IFhirResourceProvider.IsPatientData"/>), unpaged. The same access as a
/// read of the Patient: 403 for staff without clinical access, 404 for a record the viewer may not see; every record loaded is audited.
/// A type with more than its provider's <see cref="IFhirResourceProvider.CandidateLimit"/> records is refused (400 <c>fhir.too_costly</c>),
/// never cut.
/// </summary>
internal sealed class PatientEverything(FhirResourceRegistry registry, FhirPatientAccess access)
{
    public async Task<FhirOutcome> EverythingAsync(string id, FhirViewer viewer, string baseUrl, CancellationToken ct)
    {
        if (!viewer.MaySeeAnyPatientData)
        {
            access.RecordStaffRefusal("Patient", [id]);
            return new FhirOutcome(null, OperationOutcomes.Forbidden("Only patients and their treating doctors see patient records."));
        }

        if (FhirRefs.Guid(id) is not { } patientId || !await access.MaySeeAsync(viewer, patientId, ct) || registry.Find("Patient") is not { } patients
            || await patients.ReadAsync(id, ct) is not { } patient)
        {
            return new FhirOutcome(null, OperationOutcomes.NotFound());
        }

        var everything = new List<Resource> { patient.Resource };
        var all = new FhirSearch { Criteria = [] };
        foreach (var provider in registry.All.Where(p => p.IsPatientData && p.ResourceType != "Patient"))
        {
            var loaded = await provider.LoadAsync([patientId], all, ct);
            if (loaded.Count > provider.CandidateLimit)
            {
                // Unpaged, so a cut list would pass for the whole record: refused instead (search the type, narrowed by date).
                return new FhirOutcome(null, OperationOutcomes.TooCostly(provider.ResourceType, provider.CandidateLimit));
            }

            everything.AddRange(loaded);
        }

        return new Bundle
        {
            Id = Guid.NewGuid().ToString("D"),
            Type = Bundle.BundleType.Searchset,
            Total = everything.Count,
            Timestamp = DateTimeOffset.UtcNow,
            Link = [new Bundle.LinkComponent { Relation = "self", Url = $"{baseUrl}/Patient/{id}/$everything" }],
            Entry = everything.Select(r => SearchBundles.Entry(r, baseUrl)).ToList(),
        };
    }
}
