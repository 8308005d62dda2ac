namespace Telemed.Host.Platform;

/// <summary>
/// The health routes, anonymous and answered with plain text (<c>Healthy</c> / <c>Unhealthy</c>, 200 / 503). Load
/// balancers, the Dockerfile's HEALTHCHECK and Kubernetes probes under <c>deploy/</c> use these paths; a test checks
/// that they still match.
/// </summary>
public static class HealthEndpoints
{
    /// <summary>The process is up and serving requests; checks nothing else, so a database outage never restarts a host.</summary>
    public const string Live = "/health/live";

    /// <summary>The host may take traffic: the database answers and the encryption keys are loaded.</summary>
    public const string Ready = "/health/ready";
}
