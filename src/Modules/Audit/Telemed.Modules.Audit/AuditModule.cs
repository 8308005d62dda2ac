using Microsoft.Extensions.Configuration;
using Telemed.BuildingBlocks.Modules;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Data.Migrations;
using Telemed.Modules.Audit.Trail;
using Telemed.Modules.Audit.Verification;
using Telemed.Modules.Audit.Viewing;

namespace Telemed.Modules.Audit;

/// <summary>The audit module's public face: registration, endpoints and the chain verification used by the CLI.</summary>
public sealed class AuditModule : IModule
{
    public string Name => "audit";

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<AuditDbContext>();
        services.AddSingleton(new ModuleMigrations("audit", typeof(AuditDbContext), typeof(AuditModule).Assembly));
        services.AddSingleton<IAuditTrail, HashChainedAuditTrail>();
        services.AddScoped<AuditChainVerifier>();
        services.AddScoped<IStartupTask, LegacyAuditTextEncryption>();
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        api.MapAuditEndpoints();
    }

    public static async Task<AuditVerificationReport> VerifyChainAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuditChainVerifier>().VerifyAsync(ct);
    }
}
