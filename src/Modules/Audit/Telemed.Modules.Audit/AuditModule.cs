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
public static class AuditModule
{
    public static IServiceCollection AddAuditModule(this IServiceCollection services)
    {
        services.AddModuleDbContext<AuditDbContext>();
        services.AddSingleton(new ModuleMigrations("audit", typeof(AuditDbContext), typeof(AuditModule).Assembly));
        services.AddSingleton<IAuditTrail, HashChainedAuditTrail>();
        services.AddScoped<AuditChainVerifier>();
        return services;
    }

    public static IEndpointRouteBuilder MapAuditModule(this IEndpointRouteBuilder api)
    {
        api.MapAuditEndpoints();
        return api;
    }

    public static async Task<AuditVerificationReport> VerifyChainAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuditChainVerifier>().VerifyAsync(ct);
    }
}
