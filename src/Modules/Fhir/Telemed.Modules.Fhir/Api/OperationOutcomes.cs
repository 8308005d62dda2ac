using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Telemed.BuildingBlocks.Results;

namespace Telemed.Modules.Fhir.Api;

/// <summary>
/// FHIR errors: an OperationOutcome with one issue whose <c>details.coding</c> carries Telemed's stable error code (system
/// <see cref="CodeSystem"/>, e.g. <c>fhir.unknown_parameter</c>), with the HTTP status FHIR expects (400, 401, 403, 404). Messages never
/// carry PHI or the request's values.
/// </summary>
internal static class OperationOutcomes
{
    public const string CodeSystem = "https://telemed.dev/fhir/CodeSystem/error";

    public static IResult NotFound() =>
        Of(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, "fhir.not_found", "There is no such resource, or you may not see it.");

    public static IResult UnknownType() =>
        Of(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotSupported, "fhir.unknown_type", "This server does not serve that resource type; see /fhir/R4/metadata.");

    public static IResult Unauthenticated() =>
        Of(StatusCodes.Status401Unauthorized, OperationOutcome.IssueType.Login, "fhir.unauthenticated", "Send a valid bearer token (see docs/fhir.md).");

    public static IResult Forbidden(string detail) =>
        Of(StatusCodes.Status403Forbidden, OperationOutcome.IssueType.Forbidden, "fhir.forbidden", detail);

    /// <summary>A validation <see cref="Error"/> (bad or unknown search parameter) as 400.</summary>
    public static IResult BadRequest(Error error) =>
        Of(StatusCodes.Status400BadRequest, error.Code == "fhir.unknown_parameter" ? OperationOutcome.IssueType.NotSupported : OperationOutcome.IssueType.Invalid,
            error.Code, error.Message);

    /// <summary>
    /// 400 <c>fhir.too_costly</c>: the search's candidates are more than <paramref name="limit"/>, so no whole answer is given; the client
    /// narrows the search (name a patient or a schedule, a shorter date range).
    /// </summary>
    public static IResult TooCostly(string resourceType, int limit) =>
        Of(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.TooCostly, "fhir.too_costly",
            $"This {resourceType} search covers more than {limit} records; narrow it (name a patient or a schedule, or a shorter date range).");

    public static OperationOutcome Outcome(OperationOutcome.IssueType type, string code, string detail) => new()
    {
        Issue =
        [
            new OperationOutcome.IssueComponent
            {
                Severity = OperationOutcome.IssueSeverity.Error,
                Code = type,
                Details = new CodeableConcept(CodeSystem, code, detail),
                Diagnostics = detail,
            },
        ],
    };

    private static IResult Of(int status, OperationOutcome.IssueType type, string code, string detail) => FhirJson.Result(Outcome(type, code, detail), status);
}
