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
using Telemed.BuildingBlocks.Telemetry;
using Microsoft.EntityFrameworkCore;

namespace Telemed.Modules.Audit;

/// <summary>The audit module's public face: registration, endpoints and the chain verification used by the CLI.</summary>
public sealed class AuditModule : IModule
{
    public string Name => "audit";

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<AuditDbContext>();
        services.AddSingleton(new ModuleMigrations("audit", typeof(AuditDbContext), typeof(AuditModule).Assembly));
        services.AddSingleton<AuditSealSignal>();
        services.AddSingleton<AuditJournal>();
        services.AddSingleton<IAuditTrail>(sp => sp.GetRequiredService<AuditJournal>());
        services.AddSingleton<IAuditJournal>(sp => sp.GetRequiredService<AuditJournal>());
        services.AddSingleton<AuditSealer>();
        services.AddHostedService<AuditSealingWorker>();
        // Age of the next entry the sealer takes (the lowest id above the highest sealed one): 0 when everything is sealed. A range
        // read; an entry that committed late below it is not counted (it waits seconds at most, and verification reports it).
        services.AddPlatformGauge(new PlatformGauge("telemed.audit.sealing.lag", "s", "Age of the next audit entry to seal (the oldest not sealed yet).",
            async (sp, ct) =>
            {
                var db = sp.GetRequiredService<AuditDbContext>();
                var lastSealedId = await db.Links.MaxAsync(l => (long?)l.EntryId, ct) ?? 0;
                var oldest = await db.Entries.Where(e => e.Id > lastSealedId).OrderBy(e => e.Id).Select(e => (DateTime?)e.OccurredAt).FirstOrDefaultAsync(ct);
                return oldest is { } at ? Math.Max(0, (sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime - at).TotalSeconds) : 0;
            }));
        services.AddScoped<AuditChainVerifier>();
        services.AddScoped<IPatientAccessLog, PatientAccessLog>();
        services.AddScoped<IStartupTask, LegacyAuditTextEncryption>();
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        api.MapAuditEndpoints();
    }

    /// <summary>Verifies the sealed chain and counts what is not sealed yet (the CLI's <c>audit verify</c>).</summary>
    public static async Task<AuditVerificationReport> VerifyChainAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuditChainVerifier>().VerifyAsync(ct);
    }

    /// <summary>
    /// Seals every entry written so far (tests, tools, and the admin's search before it reads). With
    /// <paramref name="lateEntriesToo"/> false it passes as the background worker does: entries that committed after higher
    /// ids were sealed wait for the sealer's next floor step or sweep (seconds).
    /// </summary>
    public static Task<int> SealAsync(IServiceProvider services, CancellationToken ct = default, bool lateEntriesToo = true) =>
        services.GetRequiredService<AuditSealer>().SealAllAsync(ct, lateEntriesToo);
}
