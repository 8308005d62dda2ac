using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Data.Migrations;
using Telemed.BuildingBlocks.Events;
using Telemed.BuildingBlocks.Modules;
using Telemed.Modules.FrontOffice.Contracts;
using Telemed.Modules.FrontOffice.Infrastructure;
using Telemed.Modules.FrontOffice.Messages;
using Telemed.Modules.FrontOffice.ReviewFlags;
using Telemed.Modules.FrontOffice.WalkIns;

namespace Telemed.Modules.FrontOffice;

/// <summary>
/// Front office: what the clinic's front desk does beyond booking — registering walk-in and phone patients, the
/// clinic–patient message thread (the clinic as one party, not a doctor's chat), and asking a doctor to review a record.
/// </summary>
public sealed class FrontOfficeModule : IModule
{
    public string Name => "frontoffice";

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<FrontOfficeDbContext>();
        services.AddSingleton(new ModuleMigrations("frontoffice", typeof(FrontOfficeDbContext), typeof(FrontOfficeModule).Assembly));
        services.AddIntegrationEventHandler<ClinicMessageSent, NotifyPatientOfClinicMessage>();
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        api.MapRegisterWalkInPatient();
        api.MapClinicMessageEndpoints();
        api.MapReviewFlagEndpoints();
    }
}
