using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;

namespace Telemed.Modules.Fhir.Api;

/// <summary>What a FHIR use case answers: the resource (200), or the OperationOutcome response it failed with.</summary>
internal sealed record FhirOutcome(Resource? Resource, IResult? Failure)
{
    public static implicit operator FhirOutcome(Resource resource) => new(resource, null);

    public IResult ToResult() => Failure ?? FhirJson.Result(Resource!);
}
