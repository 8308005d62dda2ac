using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Telemed.BuildingBlocks.Cluster;

/// <summary>
/// Tells every host of the deployment about a change to what hosts keep in memory: a session that ended (close its hub
/// connections, forget the cached session), reference data a save changed (clear the cache), a call that ended (drop its
/// participants). The publishing host's handlers run at once, before <see cref="Publish{TSignal}"/> returns, so a host
/// alone behaves exactly as without a cluster; other hosts get the signal through Redis pub/sub within milliseconds.
/// </summary>
/// <remarks>
/// Signals carry ids and flags only, never PHI. Delivery to other hosts is best effort (Redis pub/sub keeps nothing): a host
/// that misses a signal because Redis was down still converges through each cache's own bound (the reference caches' version
/// watch, about a second, <c>ReferenceVersionWatch</c>; sessions re-read after <c>Sessions:RevalidateAfter</c>; the
/// idle-connection sweep).
/// </remarks>
public sealed class ClusterSignals(IServiceProvider services, IEnumerable<ClusterSignalRegistration> registrations, ILogger<ClusterSignals> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Dictionary<string, Type> _types = registrations.DistinctBy(r => r.SignalType)
        .ToDictionary(r => r.SignalType.FullName!, r => r.SignalType, StringComparer.Ordinal);

    private readonly ConcurrentDictionary<Type, (string Name, Action<object> Handle)[]> _handlers = new();

    /// <summary>This host's id for the lifetime of the process (never reused).</summary>
    public Guid HostId { get; } = Guid.NewGuid();

    /// <summary>Where signals go to the other hosts; null while the host is alone.</summary>
    internal Func<string, Task>? Transport { get; set; }

    /// <summary>Runs this host's handlers now and sends the signal to the other hosts (without waiting for them).</summary>
    public void Publish<TSignal>(TSignal signal) where TSignal : notnull
    {
        Run(typeof(TSignal), signal);
        if (Transport is not { } send)
        {
            return;
        }

        var envelope = JsonSerializer.Serialize(new Envelope(HostId, typeof(TSignal).FullName!, JsonSerializer.SerializeToElement(signal, Json)), Json);
        _ = SendAsync(send, envelope, typeof(TSignal).Name);
    }

    /// <summary>A signal from Redis: ignored when this host sent it or when its type is unknown (a newer host's signal during a rolling upgrade).</summary>
    internal void Receive(string payload)
    {
        try
        {
            var envelope = JsonSerializer.Deserialize<Envelope>(payload, Json);
            if (envelope is null || envelope.Origin == HostId || !_types.TryGetValue(envelope.Type, out var type))
            {
                return;
            }

            Run(type, envelope.Signal.Deserialize(type, Json)!);
        }
        catch (JsonException ex)
        {
            logger.LogWarning("A cluster signal could not be read: {Error}", ex.GetType().Name);
        }
    }

    private void Run(Type type, object signal)
    {
        var handlers = _handlers.GetOrAdd(type, HandlersOf);
        foreach (var (name, handle) in handlers)
        {
            try
            {
                handle(signal);
            }
            catch (Exception ex)
            {
                logger.LogError("Cluster signal handler {Handler} failed: {Error}", name, ex.GetType().Name);
            }
        }
    }

    private (string Name, Action<object> Handle)[] HandlersOf(Type type) =>
        (((string Name, Action<object> Handle)[])typeof(ClusterSignals).GetMethod(nameof(HandlersOfType), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
            .MakeGenericMethod(type).Invoke(this, null)!);

    private (string Name, Action<object> Handle)[] HandlersOfType<TSignal>() =>
        services.GetServices<IClusterSignalHandler<TSignal>>().Select(h => (h.GetType().Name, (Action<object>)(s => h.Handle((TSignal)s)))).ToArray();

    private async Task SendAsync(Func<string, Task> send, string envelope, string signalName)
    {
        try
        {
            await send(envelope);
        }
        catch (Exception ex)
        {
            logger.LogWarning("Cluster signal {Signal} did not reach the other hosts: {Error}", signalName, ex.GetType().Name);
        }
    }

    private sealed record Envelope(Guid Origin, string Type, JsonElement Signal);
}

public static class ClusterSignalRegistrationExtensions
{
    /// <summary>Registers a handler (a singleton) that every host runs when <typeparamref name="TSignal"/> is published anywhere.</summary>
    public static IServiceCollection AddClusterSignalHandler<TSignal, THandler>(this IServiceCollection services)
        where THandler : class, IClusterSignalHandler<TSignal>
    {
        services.AddSingleton<IClusterSignalHandler<TSignal>, THandler>();
        services.AddSingleton(new ClusterSignalRegistration(typeof(TSignal)));
        return services;
    }
}
