namespace Telemed.BuildingBlocks.Cluster;

/// <summary>
/// Settings of the <c>Cluster</c> section. With <see cref="Redis"/> set, the host runs as one of several identical hosts:
/// SignalR messages go through the Redis backplane and hosts tell each other about ended sessions, changed reference data
/// and ended calls (<see cref="ClusterSignals"/>). Without it (the embedded default) the host is alone and nothing changes.
/// </summary>
public sealed class ClusterOptions
{
    public const string Section = "Cluster";

    /// <summary>A StackExchange.Redis configuration string, e.g. <c>redis:6379</c> or <c>10.0.0.5:6379,password=…,ssl=true</c>.</summary>
    public string? Redis { get; set; }

    /// <summary>Prefix of every Redis key and channel the platform uses, so several deployments can share one Redis.</summary>
    public string Prefix { get; set; } = "telemed";

    public bool Enabled => !string.IsNullOrWhiteSpace(Redis);
}
