using Hl7.Fhir.Model;
using Telemed.Modules.Fhir.Registry;
using Telemed.Modules.Fhir.Search;

namespace Telemed.Modules.Fhir.Capability;

/// <summary>
/// <c>GET /fhir/R4/metadata</c>: the CapabilityStatement built from the same registry the router and the search matcher use, so it
/// lists exactly the types, interactions (read, search-type), search parameters and the Patient <c>$everything</c> operation served.
/// </summary>
internal sealed class CapabilityStatementBuilder(FhirResourceRegistry registry)
{
    private static readonly DateTimeOffset Published = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);

    public CapabilityStatement Build(string baseUrl) => new()
    {
        Id = "telemed",
        Url = $"{baseUrl}/metadata",
        Name = "TelemedFhirServer",
        Title = "Telemed FHIR R4 API",
        Status = PublicationStatus.Active,
        Experimental = false,
        DateElement = new FhirDateTime(Published),
        Publisher = "Telemed",
        Description = new Markdown("Read and search of the patient record and the clinic directory. See docs/fhir.md."),
        Kind = CapabilityStatementKind.Instance,
        Software = new CapabilityStatement.SoftwareComponent { Name = "Telemed" },
        Implementation = new CapabilityStatement.ImplementationComponent { Description = "Telemed", Url = baseUrl },
        FhirVersion = FHIRVersion.N4_0_1,
        Format = ["json"],
        Rest =
        [
            new CapabilityStatement.RestComponent
            {
                Mode = CapabilityStatement.RestfulCapabilityMode.Server,
                Documentation = new Markdown("Unknown search parameters are refused with 400 and an OperationOutcome. Paging: _count (1-100) and the Bundle's next/previous links."),
                Security = new CapabilityStatement.SecurityComponent
                {
                    Service = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/restful-security-service", "SMART-on-FHIR", "SMART-on-FHIR")],
                    Description = new Markdown("Bearer tokens: a session token from POST /api/v1/auth/tokens (user/*.read), or a scoped token from POST /api/v1/fhir/tokens (patient/*.read for one patient, or user/*.read), valid one hour."),
                },
                Resource = registry.All.Select(Resource).ToList(),
            },
        ],
    };

    private static CapabilityStatement.ResourceComponent Resource(IFhirResourceProvider provider)
    {
        var component = new CapabilityStatement.ResourceComponent
        {
            Type = provider.ResourceType,
            Interaction =
            [
                new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Read },
                new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.SearchType },
            ],
            SearchParam =
            [
                new CapabilityStatement.SearchParamComponent
                {
                    Name = "_id", Type = SearchParamType.Token, Definition = "http://hl7.org/fhir/SearchParameter/Resource-id", Documentation = new Markdown("The resource's id."),
                },
                .. provider.SearchParameters.Prepend(FhirSearchMatcher.LastUpdated).Select(p => new CapabilityStatement.SearchParamComponent
                {
                    Name = p.Name, Type = p.Type, Definition = p.Definition, Documentation = new Markdown(p.Documentation),
                }),
            ],
        };
        if (provider.ResourceType == "Patient")
        {
            component.Operation = [new CapabilityStatement.OperationComponent { Name = "everything", Definition = "http://hl7.org/fhir/OperationDefinition/Patient-everything" }];
        }

        return component;
    }
}
