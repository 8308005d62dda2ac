namespace Telemed.Host.Platform.Observability;

/// <summary>
/// The <c>Observability</c> configuration section (docs/observability.md). Everything is off or private by default:
/// metrics are scraped only when <see cref="PrometheusOptions.Enabled"/> and only by a loopback or listed caller;
/// traces and metrics are pushed only when <see cref="OtlpOptions.Endpoint"/> is set.
/// </summary>
public sealed class ObservabilityOptions
{
    public const string Section = "Observability";

    /// <summary>The service name on every trace and metric (<c>service.name</c>).</summary>
    public string ServiceName { get; set; } = "telemed";

    /// <summary>How often the platform's levels (waiting patients, consultations in progress, sealing lag) are read from the database.</summary>
    public TimeSpan GaugeRefreshInterval { get; set; } = TimeSpan.FromSeconds(15);

    public PrometheusOptions Prometheus { get; set; } = new();

    public OtlpOptions Otlp { get; set; } = new();
}

/// <summary>The Prometheus scrape endpoint.</summary>
public sealed class PrometheusOptions
{
    /// <summary>Serve the scrape endpoint. Default false.</summary>
    public bool Enabled { get; set; }

    /// <summary>Path of the scrape endpoint. Default <c>/metrics</c>.</summary>
    public string Path { get; set; } = "/metrics";

    /// <summary>
    /// Networks (CIDR, e.g. <c>10.0.0.0/8</c>) whose direct connections may scrape besides loopback. A request that came
    /// through a proxy (it carries <c>Forwarded</c>, <c>X-Forwarded-For</c> or <c>X-Real-IP</c>) is refused whatever its address.
    /// </summary>
    public string[] AllowedNetworks { get; set; } = [];
}

/// <summary>OTLP export of traces and metrics to a collector.</summary>
public sealed class OtlpOptions
{
    /// <summary>The collector's base address, e.g. <c>http://otel-collector:4317</c> (gRPC) or <c>http://otel-collector:4318</c> (HTTP). Unset: no export, no tracing.</summary>
    public string? Endpoint { get; set; }

    /// <summary><c>grpc</c> (default) or <c>http/protobuf</c>; with HTTP the signal paths <c>/v1/traces</c> and <c>/v1/metrics</c> are appended.</summary>
    public string Protocol { get; set; } = "grpc";

    /// <summary>How often metrics are pushed. Default 60 s.</summary>
    public TimeSpan MetricsInterval { get; set; } = TimeSpan.FromSeconds(60);
}
