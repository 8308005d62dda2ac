using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.DataProtection;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Data.Migrations;
using Telemed.BuildingBlocks.Events;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Security;
using Telemed.Host.Demo;
using Telemed.Modules.Identity.Sessions;
using Telemed.BuildingBlocks.Scanning;
using Telemed.BuildingBlocks.Storage;
using Telemed.BuildingBlocks.Text;
using Telemed.BuildingBlocks.Time;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging.Console;
using Telemed.Host.Platform.Observability;

namespace Telemed.Host.Platform;

public static class PlatformServices
{
    /// <summary>The data folder (SQLite file, development keys); relative paths resolve against the working directory.</summary>
    public static string DataDirectory(IConfiguration configuration) =>
        Path.GetFullPath(configuration["Storage:DataDirectory"] is { Length: > 0 } d ? d : "data");

    public static WebApplicationBuilder AddTelemedPlatform(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        var dataDirectory = DataDirectory(configuration);
        Directory.CreateDirectory(dataDirectory);

        builder.AddConsoleLogging();
        builder.AddTelemedObservability();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new DeviceClock(TimeProvider.System));
        services.AddTelemedCluster(configuration);
        var databaseOptions = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddSingleton(new DatabaseConnection(databaseOptions, DatabaseSetup.ResolveConnectionString(databaseOptions, dataDirectory)));
        if (databaseOptions.Provider == DatabaseProvider.Sqlite)
        {
            // The embedded database's log is checkpointed off the write path (its connections do not checkpoint in their commits).
            services.TryAddSingleton(sp => SqliteWriteGate.For(sp.GetRequiredService<DatabaseConnection>()));
            services.AddHostedService<SqliteCheckpointer>();
        }

        services.Configure<EncryptionOptions>(configuration.GetSection(EncryptionOptions.Section));
        services.AddSingleton<FieldEncryption>();
        services.AddSingleton<KeyRing>();
        services.AddScoped<AuditScope>();
        // Refusals by an endpoint's policy (401/403 before any handler) are audited as access.denied.
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, AuditedAuthorizationRefusals>();
        services.AddScoped<Telemed.Host.Analytics.ClinicAnalyticsComposer>();
        services.AddScoped<ModuleDbServices>();
        services.AddScoped(typeof(Telemed.BuildingBlocks.Modules.Deferred<>));
        services.AddHttpContextAccessor();
        services.AddPublicUrls();
        services.AddScoped<ICurrentUser, HttpCurrentUser>();

        // Order matters: migrations run in this order (security keys first, audit before anything that writes to it).
        services.AddModuleDbContext<SecurityDbContext>();
        services.AddSingleton(new ModuleMigrations("security", typeof(SecurityDbContext), typeof(SecurityDbContext).Assembly));
        foreach (var module in ModuleCatalog.All)
        {
            module.AddServices(services, configuration);
        }

        // Every upload's virus scan: clamd when Security:VirusScan:Clamd names one, else the EICAR-only default.
        services.AddVirusScanner(configuration);
        services.AddSingleton<IFileStore>(sp => new EncryptedDiskFileStore(
            configuration["Storage:FilesPath"] is { Length: > 0 } files ? files : Path.Combine(dataDirectory, "files"), sp.GetRequiredService<FieldEncryption>()));
        services.Configure<HubOptions>(o =>
        {
            // Outermost first: the audit filter writes what the session check records (an idle expiry).
            o.AddFilter<HubFailureLog>();
            o.AddFilter<HubConnectionMetrics>();
            o.AddFilter<AuditingHubFilter>();
            o.AddSessionChecks();
            o.AddFilter(new UserTextHubFilter()); // one instance: it holds nothing per call
        });
        // Hub arguments are read with the same text rule as JSON bodies, and a call whose arguments cannot be read gets a coded HubException.
        services.Configure<Microsoft.AspNetCore.SignalR.JsonHubProtocolOptions>(o =>
        {
            o.PayloadSerializerOptions.TypeInfoResolver = (o.PayloadSerializerOptions.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver())
                .WithAddedModifier(UserTextJson.Apply);
            o.PayloadSerializerOptions.AllowDuplicateProperties = false;
        });
        services.RemoveAll<Microsoft.AspNetCore.SignalR.Protocol.IHubProtocol>();
        services.AddSingleton<Microsoft.AspNetCore.SignalR.Protocol.IHubProtocol>(sp => new CodedJsonHubProtocol(
            new Microsoft.AspNetCore.SignalR.Protocol.JsonHubProtocol(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.SignalR.JsonHubProtocolOptions>>()),
            sp.GetRequiredService<ILogger<CodedJsonHubProtocol>>()));
        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxDispatcher>();
        Telemed.BuildingBlocks.Events.RabbitMq.MessagingServices.AddTelemedMessaging(services, configuration);
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        services.AddSingleton<OutboxRetention>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxRetention>());
        services.AddSingleton<CreateRequestKeyRetention>();
        services.AddHostedService(sp => sp.GetRequiredService<CreateRequestKeyRetention>());
        services.AddScoped<OutboxFailures>();
        OutboxBacklog.AddGauges(services);
        services.AddScoped<DemoClinicSeeder>();
        services.AddScoped<DemoClinicPages>();
        services.AddSingleton(sp => new DemoSeedMarker(dataDirectory, sp.GetRequiredService<DatabaseConnection>().ConnectionString,
            sp.GetRequiredService<IConfiguration>().GetValue("Demo:InMotion", false), sp.GetRequiredService<TimeProvider>()));
        // Past and today's visits and waiting requests on top of the demo clinic: only when Demo:InMotion (scripts/run.sh, not the tests).
        services.AddScoped(sp => sp.GetRequiredService<IConfiguration>().GetValue("Demo:InMotion", false)
            ? ActivatorUtilities.CreateInstance<DemoClinicInMotion>(sp) : null!);
        services.AddSingleton<Telemed.Modules.Identity.Contracts.DemoAccounts>();

        services.AddDataProtection().SetApplicationName("Telemed")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "data-protection-keys")));
        services.AddAntiforgery(o =>
        {
            o.HeaderName = AntiforgeryMiddleware.HeaderName;
            o.Cookie.Name = "telemed.antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.SuppressXFrameOptionsHeader = true;
        });
        services.ConfigureHttpJsonOptions(o =>
        {
            // Enum members by name only (a number is not in the schema), and a member given twice is refused rather than the last one
            // silently winning ({"roles":["Admin"],"roles":["FrontDesk"]}).
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase, allowIntegerValues: false));
            o.SerializerOptions.AllowDuplicateProperties = false;
            o.SerializerOptions.TypeInfoResolver = (o.SerializerOptions.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver())
                .WithAddedModifier(RequiredValues.Apply)
                .WithAddedModifier(UserTextJson.Apply);
        });
        services.AddValidatorsFromModules();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            ctx.ProblemDetails.Extensions.TryAdd("code", ErrorHandling.CodeFor(ctx.ProblemDetails.Status ?? 500));
            ctx.ProblemDetails.Extensions.Remove("exception");
            // Every ProblemDetails answer passes here, so field messages follow the reader's language wherever they were made.
            ProblemFieldMessages.ForReader(ctx);
        });
        services.AddExceptionHandler<ErrorHandling>();
        // ErrorHandling logs every failure itself (type and route template); the middleware's own log line would quote the exception message, which can carry values.
        services.Configure<Microsoft.AspNetCore.Builder.ExceptionHandlerOptions>(o => o.SuppressDiagnosticsCallback = _ => true);
        // Binding failures (malformed JSON, wrong types, unreadable route or query values) throw in every environment, so ErrorHandling answers them as ProblemDetails with a code.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        BuildingBlocks.Http.ValidationExtensions.UseStopOnFirstFailure();
        BuildingBlocks.Http.ValidationExtensions.UseRussianDefaultsWithoutFieldNames();
        services.AddOpenApi("v1", o =>
        {
            o.CreateSchemaReferenceId = SchemaIds.For;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Telemed API";
                document.Info.Description = "REST API of the Telemed platform. Errors are RFC 9457 ProblemDetails with a stable `code`.";
                return Task.CompletedTask;
            });
            // Headers the handlers read themselves are invisible to the generator: declared where the endpoint says it takes one.
            o.AddOperationTransformer((operation, context, _) =>
            {
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<BuildingBlocks.Http.IdempotencyKeyHeader>().Any())
                {
                    operation.Parameters ??= [];
                    operation.Parameters.Add(new Microsoft.OpenApi.OpenApiParameter
                    {
                        Name = BuildingBlocks.Http.IdempotencyKeyHeader.Name,
                        In = Microsoft.OpenApi.ParameterLocation.Header,
                        Required = false,
                        Description = "Optional. The same key sent again answers as the first request did and changes nothing more; "
                            + "with another body it is 422 `idempotency.key_reused`; longer than 100 characters, 400 `idempotency.key_invalid`.",
                        Schema = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.String, MaxLength = BuildingBlocks.Http.IdempotencyKeyHeader.MaxLength },
                    });
                }

                return Task.CompletedTask;
            });
        });
        services.AddHealthChecks().AddCheck<ReadinessCheck>("database-and-keys", tags: ["ready"]);
        return builder;
    }

    /// <summary>
    /// One console logger: readable single lines in Development, JSON (one object per line, for log collectors)
    /// elsewhere; <c>Logging:Console:FormatterName</c> (<c>simple</c>, <c>json</c> or <c>systemd</c>) overrides either.
    /// Scopes are printed: a line written during a request carries its <c>RequestId</c> (<see cref="RequestIdLogScope"/>)
    /// and <c>TraceId</c>/<c>SpanId</c> (the host's activity tracking), so lines of one request and its trace can be joined.
    /// </summary>
    private static void AddConsoleLogging(this WebApplicationBuilder builder)
    {
        var configured = builder.Configuration["Logging:Console:FormatterName"];
        var formatter = !string.IsNullOrWhiteSpace(configured) ? configured
            : builder.Environment.IsDevelopment() ? ConsoleFormatterNames.Simple : ConsoleFormatterNames.Json;
        builder.Logging.ClearProviders();
        builder.Services.Configure<JsonConsoleFormatterOptions>(o => o.IncludeScopes = true);
        builder.Services.Configure<SimpleConsoleFormatterOptions>(o =>
        {
            o.SingleLine = true;
            o.IncludeScopes = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        // Bound again after the defaults above, so that Logging:Console:FormatterOptions in configuration still wins.
        var formatterOptions = builder.Configuration.GetSection("Logging:Console:FormatterOptions");
        builder.Services.Configure<JsonConsoleFormatterOptions>(formatterOptions);
        builder.Services.Configure<SimpleConsoleFormatterOptions>(formatterOptions);
        builder.Logging.AddConsole(o => o.FormatterName = formatter);
    }

    /// <summary>
    /// Every module's FluentValidation validators, one instance per host: they hold nothing but their rules (the few that take
    /// the clock read it inside a rule), and building one per request cost a booking 0.4 % of the host's CPU (perf,
    /// docs/benchmarks.md, "Where a host's CPU goes"). FluentValidation recommends singletons for the same reason.
    /// </summary>
    private static void AddValidatorsFromModules(this IServiceCollection services)
    {
        foreach (var assembly in ModuleCatalog.All.Select(m => m.Assembly))
        {
            foreach (var type in assembly.GetTypes().Where(t => !t.IsAbstract && t.BaseType is { IsGenericType: true } b && b.GetGenericTypeDefinition() == typeof(FluentValidation.AbstractValidator<>)))
            {
                services.AddSingleton(typeof(FluentValidation.IValidator<>).MakeGenericType(type.BaseType!.GetGenericArguments()[0]), type);
            }
        }
    }
}
