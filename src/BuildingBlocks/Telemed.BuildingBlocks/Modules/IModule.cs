using System.Reflection;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Telemed.BuildingBlocks.Modules;

/// <summary>
/// A module's descriptor: everything the host needs to compose it, listed once. The host's module catalog
/// holds one instance per module; the host registers services, migrations and validators, maps endpoints
/// and hubs from it, and the architecture tests read the same catalog, so adding a module is one line there.
/// </summary>
public interface IModule
{
    /// <summary>The module's data name: its PostgreSQL schema and SQLite table prefix (e.g. <c>scheduling</c>).</summary>
    string Name { get; }

    /// <summary>The assembly that holds the module's internals (scanned for FluentValidation validators).</summary>
    Assembly Assembly => GetType().Assembly;

    /// <summary>Registers the module's services, its DbContext and its <see cref="Data.Migrations.ModuleMigrations"/>.</summary>
    void AddServices(IServiceCollection services, IConfiguration configuration);

    /// <summary>Maps the module's REST endpoints under the API group (<c>/api/v1</c>).</summary>
    void MapEndpoints(IEndpointRouteBuilder api)
    {
    }

    /// <summary>Maps the module's SignalR hubs at the application root (<c>/hubs/...</c>).</summary>
    void MapHubs(IEndpointRouteBuilder app)
    {
    }

    /// <summary>
    /// Maps endpoints that live outside <c>/api/v1</c> because a standard fixes their address (e.g. the FHIR API at <c>/fhir/R4</c>).
    /// </summary>
    void MapRootEndpoints(IEndpointRouteBuilder app)
    {
    }
}

public static class ModuleServiceCollectionExtensions
{
    /// <summary>Registers one module's services (the host does this for every module in its catalog).</summary>
    public static IServiceCollection AddModule(this IServiceCollection services, IModule module, IConfiguration configuration)
    {
        module.AddServices(services, configuration);
        return services;
    }
}

/// <summary>
/// Work a module must do once at start-up after migrations and key loading and before the host serves requests
/// (e.g. encrypting values an older version stored in plaintext). Registered as a scoped service; must be idempotent.
/// </summary>
public interface IStartupTask
{
    Task RunAsync(CancellationToken cancellationToken);
}
