using Npgsql;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Telemed.BuildingBlocks.Telemetry;

namespace Telemed.Host.Platform.Observability;

/// <summary>
/// OpenTelemetry for the host: metrics (ASP.NET Core, Kestrel, SignalR, HttpClient, Npgsql, runtime and the platform's
/// <see cref="TelemedMetrics"/>) for a Prometheus scrape and/or OTLP; traces (ASP.NET Core, HttpClient, Npgsql) only to
/// OTLP. Configured by <see cref="ObservabilityOptions"/>; with neither exporter on, nothing is collected.
/// </summary>
public static class ObservabilitySetup
{
    public static WebApplicationBuilder AddTelemedObservability(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(ObservabilityOptions.Section).Get<ObservabilityOptions>() ?? new ObservabilityOptions();
        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(new ScrapeAccess(options.Prometheus.AllowedNetworks));
        PlatformGauges.RefreshInterval = options.GaugeRefreshInterval;
        services.AddSingleton<PlatformGauges>();
        services.AddHostedService(sp => sp.GetRequiredService<PlatformGauges>());

        var otlp = string.IsNullOrWhiteSpace(options.Otlp.Endpoint) ? null : new Uri(options.Otlp.Endpoint);
        if (!options.Prometheus.Enabled && otlp is null)
        {
            return builder;
        }

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(options.ServiceName, serviceVersion: typeof(ObservabilitySetup).Assembly.GetName().Version?.ToString()));
        telemetry.WithMetrics(metrics =>
        {
            metrics.AddMeter(TelemedMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation();
            if (options.Prometheus.Enabled)
            {
                metrics.AddPrometheusExporter();
            }

            if (otlp is not null)
            {
                metrics.AddOtlpExporter((exporter, reader) =>
                {
                    Configure(exporter, otlp, options.Otlp.Protocol, "v1/metrics");
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)options.Otlp.MetricsInterval.TotalMilliseconds;
                });
            }
        });

        if (otlp is not null)
        {
            var scrapePath = options.Prometheus.Path;
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o =>
                {
                    // Probes and scrapes every few seconds would drown the traces that matter.
                    o.Filter = ctx => !ctx.Request.Path.StartsWithSegments("/health") && !ctx.Request.Path.StartsWithSegments(scrapePath);
                    o.RecordException = false;   // an exception's message can quote values
                })
                .AddHttpClientInstrumentation(o => o.RecordException = false)
                .AddNpgsql()
                .AddOtlpExporter(exporter => Configure(exporter, otlp, options.Otlp.Protocol, "v1/traces")));
        }

        return builder;
    }

    private static void Configure(OtlpExporterOptions exporter, Uri endpoint, string protocol, string signalPath)
    {
        var http = string.Equals(protocol, "http/protobuf", StringComparison.OrdinalIgnoreCase);
        exporter.Protocol = http ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        // Set in code, the HTTP endpoint is used as given: append the signal's path as OTEL_EXPORTER_OTLP_ENDPOINT would.
        exporter.Endpoint = http ? new Uri(endpoint, endpoint.AbsolutePath.TrimEnd('/') + "/" + signalPath) : endpoint;
    }

    /// <summary>
    /// The request-id log scope (first, so even the exception handler's lines carry it) and, when enabled, the scrape
    /// endpoint, answered before static files, authentication and auditing; refused callers get a plain 404 ProblemDetails.
    /// </summary>
    public static WebApplication UseTelemedObservability(this WebApplication app)
    {
        app.UseMiddleware<RequestIdLogScope>();
        var options = app.Services.GetRequiredService<ObservabilityOptions>();
        if (!options.Prometheus.Enabled)
        {
            return app;
        }

        var access = app.Services.GetRequiredService<ScrapeAccess>();
        var path = new PathString(options.Prometheus.Path);
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.Equals(path, StringComparison.OrdinalIgnoreCase) && !access.Allows(context.Connection.RemoteIpAddress, context.Request.Headers))
            {
                await Results.Problem(statusCode: 404, detail: "There is no such page.", extensions: new Dictionary<string, object?> { ["code"] = "not_found" })
                    .ExecuteAsync(context);
                return;
            }

            await next(context);
        });
        app.UseOpenTelemetryPrometheusScrapingEndpoint(options.Prometheus.Path);
        return app;
    }
}
