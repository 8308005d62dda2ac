using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Microsoft.AspNetCore.Http;

namespace Telemed.Modules.Interop.Import;

/// <summary>
/// FHIR answers of the import: resources as <c>application/fhir+json</c>, and OperationOutcomes whose issue carries Telemed's stable code in
/// <c>details.coding</c> (system <see cref="CodeSystem"/>, the same as the FHIR API's errors). Messages never carry PHI.
/// </summary>
internal static class ImportOutcomes
{
    public const string CodeSystem = "https://telemed.dev/fhir/CodeSystem/error";
    public const string ContentType = "application/fhir+json";

    private static readonly JsonSerializerOptions Options = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    public static OperationOutcome Outcome(OperationOutcome.IssueType type, string code, string detail) => new()
    {
        Issue =
        [
            new OperationOutcome.IssueComponent
            {
                Severity = OperationOutcome.IssueSeverity.Error, Code = type, Details = new CodeableConcept(CodeSystem, code, detail), Diagnostics = detail,
            },
        ],
    };

    public static IResult Refused(BundleRefusal refusal) => Result(Outcome(refusal.Type, refusal.Code, refusal.Reason), refusal.Status);

    public static IResult Result(Resource resource, int status) => new FhirResult(resource, status);

    private sealed class FhirResult(Resource resource, int status) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = ContentType + "; charset=utf-8";
            await JsonSerializer.SerializeAsync(httpContext.Response.Body, resource, resource.GetType(), Options, httpContext.RequestAborted);
        }
    }
}
