namespace Telemed.BuildingBlocks.Cluster;

/// <summary>
/// Reacts to a <see cref="ClusterSignals"/> signal on every host, the publishing one included. Runs on the publisher's thread
/// (locally) or on Redis' subscription thread (remotely): keep it short, in memory, and never throwing on bad input.
/// </summary>
public interface IClusterSignalHandler<in TSignal>
{
    void Handle(TSignal signal);
}

public sealed record ClusterSignalRegistration(Type SignalType);
