using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Microsoft.AspNetCore.Http;

namespace Telemed.Modules.Fhir.Api;

/// <summary>FHIR JSON in and out with the Firely SDK (<c>System.Text.Json</c> converters), served as <c>application/fhir+json</c>.</summary>
internal static class FhirJson
{
    public const string ContentType = "application/fhir+json";

    /// <summary>One options object for the whole process: the SDK caches its type mappings in it.</summary>
    public static readonly JsonSerializerOptions Options = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    public static string Serialize(Resource resource) => JsonSerializer.Serialize(resource, resource.GetType(), Options);

    /// <summary>The resource as the response, with <paramref name="status"/> (200 unless given).</summary>
    public static IResult Result(Resource resource, int status = StatusCodes.Status200OK) => new FhirResourceResult(resource, status);

    private sealed class FhirResourceResult(Resource resource, int status) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = ContentType + "; charset=utf-8";
            await JsonSerializer.SerializeAsync(httpContext.Response.Body, resource, resource.GetType(), Options, httpContext.RequestAborted);
        }
    }
}
