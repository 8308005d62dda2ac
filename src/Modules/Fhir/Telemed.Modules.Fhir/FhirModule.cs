using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Modules;
using Telemed.Modules.Fhir.Access;
using Telemed.Modules.Fhir.Api;
using Telemed.Modules.Fhir.Capability;
using Telemed.Modules.Fhir.Contracts;
using Telemed.Modules.Fhir.Everything;
using Telemed.Modules.Fhir.Read;
using Telemed.Modules.Fhir.Registry;
using Telemed.Modules.Fhir.Resources;
using Telemed.Modules.Fhir.Resources.Labs;
using Telemed.Modules.Fhir.Scopes;
using Telemed.Modules.Fhir.Search;

namespace Telemed.Modules.Fhir;

/// <summary>
/// The FHIR R4 API at <c>/fhir/R4</c> with the Firely SDK. It owns no data: each resource type is a provider that maps another
/// module's data, read through that module's Contracts facade, to FHIR. Access and audit are the REST API's. See docs/fhir.md.
/// </summary>
public sealed class FhirModule : IModule
{
    public string Name => "fhir";

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpContextAccessor();

        // One provider per resource type; the registry, the router and /metadata all read this list.
        services.AddScoped<IFhirResourceProvider, PatientProvider>();
        services.AddScoped<IFhirResourceProvider, PractitionerProvider>();
        services.AddScoped<IFhirResourceProvider, PractitionerRoleProvider>();
        services.AddScoped<IFhirResourceProvider, OrganizationProvider>();
        services.AddScoped<IFhirResourceProvider, LocationProvider>();
        services.AddScoped<IFhirResourceProvider, ScheduleProvider>();
        services.AddScoped<IFhirResourceProvider, AppointmentProvider>();
        services.AddScoped<IFhirResourceProvider, AllergyIntoleranceProvider>();
        services.AddScoped<IFhirResourceProvider, ConditionProvider>();
        services.AddScoped<IFhirResourceProvider, Import.MedicationStatementProvider>();
        services.AddScoped<IFhirResourceProvider, EncounterProvider>();
        services.AddScoped<IFhirResourceProvider, MedicationRequestProvider>();
        services.AddScoped<IFhirResourceProvider, CommunicationProvider>();
        services.AddScoped<IFhirResourceProvider, ProvenanceProvider>();
        services.AddScoped<IFhirResourceProvider, AuditEventProvider>();
        services.AddScoped<PractitionerRefs>();
        services.AddScoped<IFhirResourceProvider, SlotProvider>();
        services.AddScoped<IFhirResourceProvider, ServiceRequestProvider>();
        services.AddScoped<IFhirResourceProvider, ObservationProvider>();
        services.AddScoped<IFhirResourceProvider, DiagnosticReportProvider>();
        services.AddScoped<IFhirResourceProvider, DocumentReferenceProvider>();
        services.AddScoped<IFhirResourceProvider, ConsentProvider>();
        services.AddScoped<VisibleLabRecords>();
        services.AddScoped<CurrentFhirViewer>();
        services.AddScoped<FhirResourceRegistry>();

        services.AddScoped<FhirViewerResolver>();
        services.AddScoped<FhirPatientAccess>();
        services.AddScoped<CapabilityStatementBuilder>();
        services.AddPublicUrls();
        services.AddScoped<SearchResources>();
        services.AddScoped<ReadResource>();
        services.AddScoped<PatientEverything>();
        services.AddScoped<IFhirPatientExport, FhirPatientExport>();
        services.AddSingleton<SmartTokens>();
    }

    public void MapEndpoints(IEndpointRouteBuilder api) =>
        api.MapPost("/fhir/tokens", IssueSmartToken.IssueAsync).RequireAuthorization(Policies.SignedIn).WithTags("FHIR").WithName("IssueFhirToken");

    public void MapRootEndpoints(IEndpointRouteBuilder app) => FhirEndpoints.Map(app);
}
