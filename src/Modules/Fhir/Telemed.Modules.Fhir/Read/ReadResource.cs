using Telemed.Modules.Fhir.Access;
using Telemed.Modules.Fhir.Api;
using Telemed.Modules.Fhir.Registry;

namespace Telemed.Modules.Fhir.Read;

/// <summary>
/// <c>GET /fhir/R4/{type}/{id}</c>: the resource, or 404 OperationOutcome when there is none or the viewer may not see it (the two
/// are not told apart, as on the REST API; the refusal is audited). Staff without clinical access asking for patient data get 403.
/// </summary>
internal sealed class ReadResource(FhirResourceRegistry registry, FhirPatientAccess access)
{
    public async Task<FhirOutcome> ReadAsync(string resourceType, string id, FhirViewer viewer, CancellationToken ct)
    {
        if (registry.Find(resourceType) is not { } provider)
        {
            return new FhirOutcome(null, OperationOutcomes.UnknownType());
        }

        if (provider.IsPatientData && !viewer.MaySeeAnyPatientData)
        {
            access.RecordStaffRefusal(resourceType, [id]);
            return new FhirOutcome(null, OperationOutcomes.Forbidden("Only patients and their treating doctors see patient records."));
        }

        var found = await provider.ReadAsync(id, ct);
        if (found is null || (found.PatientId is { } patientId && !await access.MaySeeAsync(viewer, patientId, ct)))
        {
            return new FhirOutcome(null, OperationOutcomes.NotFound());
        }

        return found.Resource;
    }
}
