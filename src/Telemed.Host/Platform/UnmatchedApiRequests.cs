using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Net.Http.Headers;

namespace Telemed.Host.Platform;

/// <summary>
/// The answer to an <c>/api/v1</c> request that no endpoint took. The API's fallback route takes every method and content
/// type, so it outranks routing's own 405 and 415 and would answer a wrong method or content type on a real path with
/// 404. It tells them apart here instead: 405 <c>method_not_allowed</c> (with <c>Allow</c>) when the path exists for other
/// methods, 415 <c>unsupported_media_type</c> when it exists for this method but takes another content type, otherwise
/// 404 <c>not_found</c>. Route constraints are not checked: a value that fails one (a malformed id) is a 404 unless the
/// method or content type is wrong too. No detail quotes what the client sent.
/// </summary>
internal sealed class UnmatchedApiRequests(EndpointDataSource endpoints)
{
    private readonly Lazy<ApiRoute[]> _routes = new(() => ApiRoutes(endpoints));

    private sealed record ApiRoute(TemplateMatcher Matcher, string[] Methods, MediaTypeHeaderValue[] ContentTypes);

    public IResult Answer(HttpContext context)
    {
        var request = context.Request;
        var onPath = _routes.Value.Where(r => r.Matcher.TryMatch(request.Path, [])).ToList();
        var forMethod = onPath.Where(r => r.Methods.Length == 0 || r.Methods.Contains(request.Method, StringComparer.OrdinalIgnoreCase)).ToList();
        if (onPath.Count > 0 && forMethod.Count == 0)
        {
            context.Response.Headers.Allow = string.Join(", ", onPath.SelectMany(r => r.Methods).Distinct().Order(StringComparer.Ordinal));
            return Problem(StatusCodes.Status405MethodNotAllowed, "This endpoint does not take this method; the Allow header lists the ones it takes.");
        }

        var accepted = forMethod.SelectMany(r => r.ContentTypes).DistinctBy(t => t.ToString()).ToList();
        if (accepted.Count > 0 && !(MediaTypeHeaderValue.TryParse(request.ContentType, out var sent) && accepted.Any(sent.IsSubsetOf)))
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, $"Send the body as {string.Join(" or ", accepted.Select(t => t.MediaType.Value))}.");
        }

        return Problem(StatusCodes.Status404NotFound, "There is no such API endpoint.");
    }

    private static IResult Problem(int status, string detail) =>
        Results.Problem(statusCode: status, detail: detail, extensions: new Dictionary<string, object?> { ["code"] = ErrorHandling.CodeFor(status) });

    private static ApiRoute[] ApiRoutes(EndpointDataSource endpoints) =>
    [
        .. endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("api/v1/", StringComparison.Ordinal) == true
                && !e.RoutePattern.Parameters.Any(p => p.IsCatchAll))
            .Select(e => new ApiRoute(
                new TemplateMatcher(new RouteTemplate(e.RoutePattern), []),
                [.. e.Metadata.GetOrderedMetadata<IHttpMethodMetadata>().SelectMany(m => m.HttpMethods)],
                [.. e.Metadata.GetOrderedMetadata<IAcceptsMetadata>().SelectMany(m => m.ContentTypes).Select(t => MediaTypeHeaderValue.Parse(t))])),
    ];
}
