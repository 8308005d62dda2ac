using Microsoft.Extensions.DependencyInjection;

namespace Telemed.BuildingBlocks.Modules;

/// <summary>
/// A dependency built on first use, from the same scope, instead of when its consumer is built. For a consumer on a hot
/// path that needs a heavy chain only sometimes: a chat message built a care-team notice sender (identity, notification
/// centre, e-mail channel, each with its database context) and the directory for every message although only the first
/// message of a connection, or one in a care-team thread, uses them; those constructions were about a tenth of the host's
/// CPU per message (docs/benchmarks.md, "Where a host's CPU goes"). Registered for every service type
/// (<c>services.AddScoped(typeof(Deferred&lt;&gt;))</c> in the host); resolving <see cref="Value"/> twice gives the same instance.
/// </summary>
public sealed class Deferred<T>(IServiceProvider services) where T : notnull
{
    private T? _value;

    /// <summary>The service, resolved from the consumer's scope the first time it is asked for.</summary>
    public T Value => _value ??= services.GetRequiredService<T>();
}
