using Telemed.Modules.Labs.Catalogue;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Data.Migrations;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Modules;
using Telemed.Modules.Labs.Catalogue.SearchCatalogue;
using Telemed.Modules.Labs.Contracts;
using Telemed.Modules.Labs.Gateway;
using Telemed.Modules.Labs.Infrastructure;
using Telemed.Modules.Labs.Orders.ChooseLab;
using Telemed.Modules.Labs.Orders.PlaceOrder;
using Telemed.Modules.Labs.PartnerLabs.Administer;
using Telemed.Modules.Labs.Results;
using Telemed.Modules.Labs.Results.AutoRelease;
using Telemed.Modules.Labs.Results.MyResults;
using Telemed.Modules.Labs.Results.Review;

namespace Telemed.Modules.Labs;

/// <summary>
/// Labs: the bundled LOINC catalogue, the clinic's partner labs, orders from a consultation, the FHIR R4 lab gateway with
/// its polling worker, and the results workflow (received → reviewed with a note → released, auto-release, critical
/// alerts through Notifications). See docs/labs.md.
/// </summary>
public sealed class LabsModule : IModule
{
    public string Name => "labs";

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<LabsDbContext>();
        services.AddSingleton(new ModuleMigrations("labs", typeof(LabsDbContext), typeof(LabsModule).Assembly));
        services.AddOptions<AutoReleaseOptions>().BindConfiguration(AutoReleaseOptions.Section);
        // Connections go only to addresses the outbound rule allows, checked as the name is resolved (DNS rebinding).
        services.AddHttpClient(FhirLabGateway.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(20)).GuardOutbound();
        services.AddScoped<FhirLabGateway>();
        services.AddScoped<SandboxLabGateway>();
        services.AddScoped<ILabGateway, LabGatewayRouter>();
        services.AddScoped<LabOrderDispatch>();
        services.AddScoped<LabAccess>();
        services.AddScoped<Results.MyPatients>();
        services.AddHostedService<LabResultPolling>();
        services.AddScoped<ILabRecords, LabRecordsFacade>();
        services.AddSingleton<ILabTestNames, LabTestNames>();
        services.AddSingleton<ILabCatalogueCodes, LabCatalogueCodes>();
        services.AddScoped<IExternalLabResults, Results.External.ExternalLabResults>();
        services.AddScoped<ILabsModule, LabsFacade>();
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        api.MapGet("/lab-catalogue", SearchLabCatalogue.Endpoint).RequireAuthorization(Policies.SignedIn).WithTags("Labs").WithName("SearchLabCatalogue");

        var consultation = api.MapGroup("/consultations/{id:guid}/lab-orders").WithTags("Labs").RequireAuthorization(Policies.Doctor);
        consultation.MapPost("", PlaceLabOrder.EndpointAsync).Validate<PlaceLabOrderRequest>().AcceptsIdempotencyKey().WithName("PlaceLabOrder");
        consultation.MapGet("", PlaceLabOrder.ListAsync).WithName("ListConsultationLabOrders");

        var mine = api.MapGroup("/me").WithTags("Labs").RequireAuthorization(Policies.Patient);
        mine.MapGet("/lab-orders", ChooseLab.MineAsync).WithName("ListMyLabOrders");
        mine.MapGet("/lab-orders/{id:guid}/partner-labs", ChooseLab.LabsAsync).WithName("ListPartnerLabsForMyOrder");
        mine.MapPost("/lab-orders/{id:guid}/partner-lab", ChooseLab.ChooseAsync).Validate<ChooseLabRequest>().WithName("ChoosePartnerLab");
        mine.MapGet("/lab-results", MyLabResults.ListAsync).WithName("ListMyLabResults");
        mine.MapGet("/lab-results/trends", MyLabResults.TrendAsync).WithName("GetMyLabTrend");

        var doctor = api.MapGroup("").WithTags("Labs").RequireAuthorization(Policies.Doctor);
        doctor.MapGet("/doctor/lab-results", ReviewLabResults.ListAsync).WithName("ListDoctorLabResults");
        doctor.MapGet("/lab-results/{id:guid}", ReviewLabResults.GetAsync).WithName("GetLabResult");
        doctor.MapPost("/lab-results/{id:guid}/release", ReviewLabResults.ReleaseAsync).Validate<ReleaseLabResultRequest>().WithName("ReleaseLabResult");

        var admin = api.MapGroup("/admin/partner-labs").WithTags("Administration").RequireAuthorization(Policies.Admin);
        admin.MapGet("", PartnerLabAdminEndpoints.ListAsync).WithName("ListPartnerLabs");
        admin.MapPost("", PartnerLabAdminEndpoints.CreateAsync).Validate<PartnerLabRequest>().AcceptsIdempotencyKey().WithName("CreatePartnerLab");
        admin.MapPut("/{id:guid}", PartnerLabAdminEndpoints.EditAsync).Validate<PartnerLabRequest>().WithName("EditPartnerLab");
    }
}
