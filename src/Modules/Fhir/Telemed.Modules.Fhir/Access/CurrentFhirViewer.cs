using Microsoft.AspNetCore.Http;

namespace Telemed.Modules.Fhir.Access;

/// <summary>
/// The viewer of the current request, for the few providers whose rules depend on who asks beyond whose record it is
/// (AuditEvent: only the patient; Communication: a doctor only their own conversations). Null without a request or a valid
/// sign-in. Resolved once per request scope.
/// </summary>
internal sealed class CurrentFhirViewer(IHttpContextAccessor http, FhirViewerResolver resolver)
{
    private FhirViewer? _viewer;
    private bool _resolved;

    public async Task<FhirViewer?> GetAsync()
    {
        if (!_resolved && http.HttpContext is { } context)
        {
            _viewer = await resolver.ResolveAsync(context);
            _resolved = true;
        }

        return _viewer;
    }
}
