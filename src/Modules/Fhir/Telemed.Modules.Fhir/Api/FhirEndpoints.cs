using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Telemed.BuildingBlocks.Http;
using Telemed.Modules.Fhir.Access;
using Telemed.Modules.Fhir.Capability;
using Telemed.Modules.Fhir.Everything;
using Telemed.Modules.Fhir.Read;
using Telemed.Modules.Fhir.Search;

namespace Telemed.Modules.Fhir.Api;

/// <summary>
/// The FHIR R4 API at <c>/fhir/R4</c> (docs/fhir.md). Every endpoint answers <c>application/fhir+json</c>; errors are OperationOutcomes.
/// Authentication is the host's (session cookie or bearer token); the endpoints themselves turn "not signed in" into a 401
/// OperationOutcome instead of the REST API's ProblemDetails. Not in the OpenAPI document: the CapabilityStatement describes them.
/// </summary>
internal static class FhirEndpoints
{
    public const string BasePath = "/fhir/R4";

    public static void Map(IEndpointRouteBuilder app)
    {
        var fhir = app.MapGroup(BasePath).AllowAnonymous().ExcludeFromDescription();
        fhir.MapGet("/metadata", (HttpContext http, CapabilityStatementBuilder capability) =>
            FhirSearch.RefuseParameters(http.Request.Query) is { } refused ? OperationOutcomes.BadRequest(refused) : FhirJson.Result(capability.Build(BaseUrl(http))));
        fhir.MapGet("/Patient/{id}/$everything", EverythingAsync);
        fhir.MapGet("/{type}", SearchAsync);
        fhir.MapGet("/{type}/{id}", ReadAsync);
        fhir.MapFallback(() => OperationOutcomes.UnknownType());
    }

    /// <summary>
    /// The server's FHIR base URL from the platform's public address (<see cref="PublicUrls"/>: <c>App:PublicBaseUrl</c>, else the
    /// listening address), e.g. <c>https://portal.clinic.example/fhir/R4</c>; never from the request's Host header, which the client chooses.
    /// </summary>
    public static string BaseUrl(HttpContext http) => http.RequestServices.GetRequiredService<PublicUrls>().To(BasePath);

    private static async Task<IResult> SearchAsync(string type, HttpContext http, FhirViewerResolver viewers, SearchResources search, CancellationToken ct) =>
        await viewers.ResolveAsync(http) is { } viewer
            ? (await search.SearchAsync(type, http.Request.Query, viewer, BaseUrl(http), ct)).ToResult()
            : OperationOutcomes.Unauthenticated();

    private static async Task<IResult> ReadAsync(string type, string id, HttpContext http, FhirViewerResolver viewers, ReadResource read, CancellationToken ct) =>
        await viewers.ResolveAsync(http) is not { } viewer ? OperationOutcomes.Unauthenticated()
        : FhirSearch.RefuseParameters(http.Request.Query) is { } refused ? OperationOutcomes.BadRequest(refused)
        : (await read.ReadAsync(type, id, viewer, ct)).ToResult();

    private static async Task<IResult> EverythingAsync(string id, HttpContext http, FhirViewerResolver viewers, PatientEverything everything, CancellationToken ct) =>
        await viewers.ResolveAsync(http) is not { } viewer ? OperationOutcomes.Unauthenticated()
        : FhirSearch.RefuseParameters(http.Request.Query) is { } refused ? OperationOutcomes.BadRequest(refused)
        : (await everything.EverythingAsync(id, viewer, BaseUrl(http), ct)).ToResult();
}
