using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Telemed.BuildingBlocks.Data.Migrations;
using Telemed.BuildingBlocks.Security;
using Telemed.Host.Demo;
using Telemed.Host.Platform.Observability;

namespace Telemed.Host.Platform;

public static class Pipeline
{
    /// <summary>Migrates every module, loads the encryption keys and, where configured, seeds the demo clinic.</summary>
    public static async Task PrepareAsync(this WebApplication app, StartupTimings? timings = null)
    {
        await app.Services.GetRequiredService<MigrationRunner>().ApplyAsync();
        timings?.Mark("migrations");
        await app.Services.GetRequiredService<KeyRing>().LoadAsync(PlatformServices.DataDirectory(app.Configuration));
        await using (var startup = app.Services.CreateAsyncScope())
        {
            foreach (var task in startup.ServiceProvider.GetServices<BuildingBlocks.Modules.IStartupTask>())
            {
                await task.RunAsync(CancellationToken.None);
            }
        }

        timings?.Mark("keys");
        if (app.Configuration.GetValue("DemoClinic:Seed", false))
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DemoClinicSeeder>().SeedAsync();
            await scope.ServiceProvider.GetRequiredService<DemoClinicPages>().SeedAsync();
            timings?.Mark("demo seed");
        }
    }

    /// <summary>An endpoint that validates a request type nobody wrote a validator for would accept anything: refuse to start.</summary>
    private static void RefuseEndpointsWithoutValidators(WebApplication app)
    {
        var missing = BuildingBlocks.Http.ValidatorRequirements.Missing(
            ((IEndpointRouteBuilder)app).DataSources, app.Services.GetRequiredService<IServiceProviderIsService>());
        if (missing.Count > 0)
        {
            throw new InvalidOperationException("These endpoints validate a request type that has no validator: " + string.Join("; ", missing));
        }
    }

    public static WebApplication UseTelemedPipeline(this WebApplication app)
    {
        app.UseTelemedObservability();
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
        // Before any reader of the body: a refusal for missing members can then name every one (MissingMembers).
        app.UseMiddleware<RewindableJsonBody>();
        app.UseAuthentication();
        app.UseMiddleware<AuditMiddleware>();
        app.UseMiddleware<AntiforgeryMiddleware>();
        app.UseRateLimiter();
        app.UseAuthorization();

        // PHI reads are audited before the result is written, while a database outage can still become a clean 503.
        // Text parameters (query, route, form) follow the same rule as JSON bodies (docs/security.md, "Text users send").
        var api = app.MapGroup("/api/v1").AddEndpointFilter<AuditBeforeResultFilter>().AddEndpointFilterFactory(UserTextParameters.Factory)
            .AddEndpointFilterFactory(PagingParameters.Factory);
        foreach (var module in ModuleCatalog.All)
        {
            module.MapEndpoints(api);
        }

        Telemed.Host.AdminHome.AdminHomeEndpoints.MapAdminHomeEndpoints(api);
        Telemed.Host.Analytics.AnalyticsEndpoints.MapAnalyticsEndpoints(api);

        var unmatched = new UnmatchedApiRequests(app.Services.GetRequiredService<EndpointDataSource>());
        api.MapFallback((HttpContext context) => unmatched.Answer(context)).AllowAnonymous().ExcludeFromDescription();

        foreach (var module in ModuleCatalog.All)
        {
            module.MapHubs(app);
        }

        foreach (var module in ModuleCatalog.All)
        {
            module.MapRootEndpoints(app);
        }

        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapHealthChecks(HealthEndpoints.Live, new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks(HealthEndpoints.Ready, new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        app.MapWebAppFallback();
        RefuseEndpointsWithoutValidators(app);
        return app;
    }
}
