using System.Text.Json;
using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;

namespace Telemed.IntegrationTests.Scenarios.Fhir;

/// <summary>
/// One Firely validator for the whole test run, over the base R4 profiles in Hl7.Fhir.Specification.Data.R4's specification.zip
/// (offline). Building the schema of a type the first time takes seconds, so it is shared; calls are serialised because the
/// validator's caches are not documented as thread-safe.
/// </summary>
public static class FhirValidation
{
    private static readonly Lock Gate = new();
    private static readonly Lazy<Validator> Shared = new(() =>
    {
        var source = new CachedResolver(new ZipSource(Path.Combine(AppContext.BaseDirectory, "specification.zip")));
        return new Validator(source, LocalTerminologyService.CreateDefaultForCore(source));
    });

    public static readonly JsonSerializerOptions Options = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    /// <summary>Parses FHIR JSON strictly (an unknown or malformed element throws).</summary>
    public static Resource Parse(string json) => JsonSerializer.Deserialize<Resource>(json, Options)!;

    /// <summary>The errors (and fatal issues) of validating <paramref name="resource"/> against its type's base R4 profile, as readable lines.</summary>
    public static IReadOnlyList<string> Errors(Resource resource)
    {
        OperationOutcome outcome;
        lock (Gate)
        {
            outcome = Shared.Value.Validate(resource, $"http://hl7.org/fhir/StructureDefinition/{resource.TypeName}");
        }

        return outcome.Issue.Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)
            .Select(i => $"{resource.TypeName}/{resource.Id}: {i.Details?.Text ?? i.Diagnostics} at {string.Join(", ", i.Expression)}").ToList();
    }
}
