using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Telemed.BuildingBlocks.Data.Migrations;
using Telemed.BuildingBlocks.Security;
using Telemed.Host.Demo;
using Telemed.Modules.Audit;
using Telemed.Modules.Consultations;
using Telemed.Modules.Directory;
using Telemed.Modules.Identity;
using Telemed.Modules.Notifications;
using Telemed.Modules.Scheduling;

namespace Telemed.Host.Platform;

public static class Pipeline
{
    /// <summary>Migrates every module, loads the encryption keys and, where configured, seeds the demo clinic.</summary>
    public static async Task PrepareAsync(this WebApplication app, StartupTimings? timings = null)
    {
        await app.Services.GetRequiredService<MigrationRunner>().ApplyAsync();
        timings?.Mark("migrations");
        await app.Services.GetRequiredService<KeyRing>().LoadAsync(PlatformServices.DataDirectory(app.Configuration));
        timings?.Mark("keys");
        if (app.Configuration.GetValue("DemoClinic:Seed", false))
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DemoClinicSeeder>().SeedAsync();
            timings?.Mark("demo seed");
        }
    }

    public static WebApplication UseTelemedPipeline(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseWebAppStaticFiles();
        // Static UI assets: served before routing and authorization, like the web app's files.
        app.UseSwaggerUI(o =>
        {
            o.SwaggerEndpoint("/openapi/v1.json", "Telemed API v1");
            o.RoutePrefix = "api/docs";
            o.DocumentTitle = "Telemed API";
        });
        app.UseRouting();
        app.UseAuthentication();
        app.UseMiddleware<AuditMiddleware>();
        app.UseMiddleware<AntiforgeryMiddleware>();
        app.UseRateLimiter();
        app.UseAuthorization();

        var api = app.MapGroup("/api/v1");
        api.MapIdentityModule();
        api.MapDirectoryModule();
        api.MapAuditModule();
        api.MapNotificationsModule();
        api.MapSchedulingModule();
        api.MapConsultationsModule();
        api.MapFallback(() => Results.Problem(statusCode: 404, detail: "There is no such API endpoint.", extensions: new Dictionary<string, object?> { ["code"] = "not_found" }))
            .AllowAnonymous().ExcludeFromDescription();

        app.MapSchedulingHubs();
        app.MapConsultationsHubs();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        app.MapWebAppFallback();
        return app;
    }
}
