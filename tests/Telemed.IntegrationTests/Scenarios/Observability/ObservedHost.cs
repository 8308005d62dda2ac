using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Telemed.BuildingBlocks.Data;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios.Observability;

/// <summary>
/// The real host with the Prometheus endpoint on, traces and metrics pushed over OTLP/HTTP to a loopback collector that
/// keeps every export body, and a logger that keeps each line with its scopes and whether a request was running.
/// </summary>
public class ObservedHost(DatabaseProvider provider) : IAsyncLifetime
{
    private WebApplication? _collector;

    public TelemedHost Host { get; private set; } = null!;
    public ConcurrentQueue<byte[]> Exports { get; } = new();
    public ConcurrentQueue<ScopedLine> Lines { get; } = new();

    public async Task InitializeAsync()
    {
        (_collector, var collectorUrl) = await LoopbackServer.StartAsync(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            Exports.Enqueue(body.ToArray());
            context.Response.ContentType = "application/x-protobuf";
        });
        Host = new ObservingHost(provider, Lines, new Dictionary<string, string?>
        {
            ["Observability:Prometheus:Enabled"] = "true",
            ["Observability:Otlp:Endpoint"] = collectorUrl,
            ["Observability:Otlp:Protocol"] = "http/protobuf",
            // A line per endpoint executed, so that the journey certainly logs inside requests.
            ["Logging:LogLevel:Microsoft.AspNetCore.Routing.EndpointMiddleware"] = "Information",
        });
        await Host.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        if (_collector is not null)
        {
            await _collector.DisposeAsync();
        }
    }

    private sealed class ObservingHost(DatabaseProvider provider, ConcurrentQueue<ScopedLine> lines, IDictionary<string, string?> settings)
        : TelemedHost(provider, settings)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(new ScopeCapturingLoggerProvider(lines)));
            builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, MarkRequests>());
        }
    }

    /// <summary>Marks the whole pipeline (outermost) as "in a request", independently of the host's own scope.</summary>
    private sealed class MarkRequests : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (HttpContext context, RequestDelegate inner) =>
            {
                ScopeCapturingLoggerProvider.InRequest.Value = true;
                await inner(context);
            });
            next(app);
        };
    }
}

/// <summary>One log line: its text, the scopes around it, and whether it was written while a request ran.</summary>
public sealed record ScopedLine(string Category, string Text, string Scopes, bool InRequest);

/// <summary>Keeps every line with the scopes around it (as the console formatters print them) and the request mark.</summary>
public sealed class ScopeCapturingLoggerProvider(ConcurrentQueue<ScopedLine> sink) : ILoggerProvider, ISupportExternalScope
{
    /// <summary>Set for the rest of a request's flow by the outermost middleware of the observed host.</summary>
    public static readonly AsyncLocal<bool> InRequest = new();
    private readonly ConcurrentQueue<ScopedLine> _sink = sink;
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(ScopeCapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => provider._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new System.Text.StringBuilder();
            provider._scopes.ForEachScope((scope, sb) =>
            {
                if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                {
                    foreach (var (key, value) in pairs)
                    {
                        sb.Append(key).Append(':').Append(value).Append(' ');
                    }
                }
                else
                {
                    sb.Append(scope).Append(' ');
                }
            }, scopes);
            provider._sink.Enqueue(new ScopedLine(category, $"{logLevel} {formatter(state, exception)} {exception}", scopes.ToString(), InRequest.Value));
        }
    }
}

public sealed class ObservedSqliteHost() : ObservedHost(DatabaseProvider.Sqlite);

public sealed class ObservedPostgresHost() : ObservedHost(DatabaseProvider.Postgres);
