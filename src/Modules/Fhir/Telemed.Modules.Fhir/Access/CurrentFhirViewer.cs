using Microsoft.AspNetCore.Http;

namespace Telemed.Modules.Fhir.Access;

/// <summary>
/// The viewer of the current request, for the providers whose answer depends on who asks and not only on whose record it is
/// (lab reports: the patient sees only released ones; documents: a doctor sees only those shared with them). Resolved once per
/// request scope with <see cref="FhirViewerResolver"/>; null outside a request or when nobody valid is signed in.
/// </summary>
internal sealed class CurrentFhirViewer(IHttpContextAccessor accessor, FhirViewerResolver resolver)
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

    /// <summary>The site root of the request (scheme, host, path base), for links to the REST API; empty outside a request.</summary>
    public string SiteRoot => accessor.HttpContext is { } http ? $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}" : "";
}
