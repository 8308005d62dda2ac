using Microsoft.AspNetCore.Http;
using Telemed.BuildingBlocks.Http;
using Telemed.Modules.Directory.Contracts;

namespace Telemed.Modules.Fhir.Access;

/// <summary>
/// The viewer of the current request, for the providers whose answer depends on who asks and not only on whose record it is
/// (lab reports: the patient sees only released ones; documents: a doctor sees only those shared with them). Resolved once per
/// request scope with <see cref="FhirViewerResolver"/>; null outside a request or when nobody valid is signed in.
/// </summary>
internal sealed class CurrentFhirViewer(IHttpContextAccessor accessor, FhirViewerResolver resolver, IPatientRepresentation representation, PublicUrls urls)
{
    private FhirViewer? _viewer;
    private bool _resolved;

    public async Task<FhirViewer?> GetAsync()
    {
        if (!_resolved && accessor.HttpContext is { } http)
        {
            _viewer = await resolver.ResolveAsync(http);
            _resolved = true;
        }

        return _viewer;
    }

    /// <summary>
    /// Whether the viewer looks at <paramref name="patientId"/>'s record as that patient (their own, or a dependant's as guardian) rather
    /// than as a treating doctor: decided per record, so an account that is both a patient and a doctor sees other patients' records
    /// with a doctor's limits and its own with a patient's. Nobody signed in counts as neither (false).
    /// </summary>
    public async Task<bool> IsPatientOfRecordAsync(Guid patientId, CancellationToken ct) =>
        await GetAsync() is { IsPatient: true } viewer
        && await representation.ActsForAsync(viewer.UserId, patientId, ct);

    /// <summary>The platform's public address (<see cref="PublicUrls"/>), for links to the REST API; never the request's Host header.</summary>
    public string SiteRoot => urls.BaseUrl;
}
