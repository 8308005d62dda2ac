using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Data.Migrations;
using Telemed.BuildingBlocks.Modules;
using Telemed.Modules.Interop.Import;
using Telemed.Modules.Interop.Import.Entries;
using Telemed.Modules.Interop.Import.Matching;
using Telemed.Modules.Interop.Infrastructure;

namespace Telemed.Modules.Interop;

/// <summary>
/// Exchange with the clinic's other systems: importing a patient's record from another EHR or lab as a FHIR R4 Bundle, made
/// idempotent by the import ledger (source, resource type, source id or content hash → what it became). See docs/fhir.md, "Import".
/// </summary>
public sealed class InteropModule : IModule
{
    public string Name => "interop";

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<InteropDbContext>();
        services.AddSingleton(new ModuleMigrations("interop", typeof(InteropDbContext), typeof(InteropModule).Assembly));
        services.AddScoped<PatientImporter>();
        services.AddScoped<EntryImporter>();
        services.AddScoped<BundleImport>();
    }

    public void MapEndpoints(IEndpointRouteBuilder api) =>
        // FHIR in and out (application/fhir+json), documented in docs/fhir.md; not part of the JSON API's OpenAPI document.
        api.MapPost("/admin/imports/fhir", ImportFhirBundleEndpoint.HandleAsync).RequireAuthorization(Policies.SignedIn)
            .WithTags("Interop").WithName("ImportFhirBundle").ExcludeFromDescription();
}
