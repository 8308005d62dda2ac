using Microsoft.AspNetCore.Http;
using Telemed.Modules.Fhir.Access;
using Telemed.Modules.Fhir.Api;
using Telemed.Modules.Fhir.Contracts;

namespace Telemed.Modules.Fhir.Everything;

/// <summary>
/// <see cref="IFhirPatientExport"/> for other modules (the Privacy module's data export): <c>$everything</c> as the signed-in user of the
/// current request sees it (same access and audit). Without a signed-in user (no request, or a background job) there is nobody to
/// answer for, so the answer is <see cref="FhirExportResult.NotFound"/>.
/// </summary>
internal sealed class FhirPatientExport(IHttpContextAccessor accessor, FhirViewerResolver viewers, PatientEverything everything) : IFhirPatientExport
{
    public async Task<FhirExportResult> EverythingAsync(Guid patientId, CancellationToken cancellationToken = default)
    {
        if (accessor.HttpContext is not { } http || await viewers.ResolveAsync(http) is not { } viewer)
        {
            return FhirExportResult.NotFound;
        }

        var outcome = await everything.EverythingAsync(patientId.ToString("D"), viewer, FhirEndpoints.BaseUrl(http), cancellationToken);
        return outcome.Resource is { } bundle ? FhirExportResult.Ok(FhirJson.Serialize(bundle)) : FhirExportResult.NotFound;
    }
}
