using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Telemed.BuildingBlocks.Events;

/// <summary>Lets background work wait until the host listens, so that its first pass does not compete with start-up.</summary>
public static class HostStarted
{
    /// <summary>Completes once the application has started (at once when there is no host lifetime, e.g. in unit tests).</summary>
    /// <exception cref="OperationCanceledException"><paramref name="stoppingToken"/> was cancelled first.</exception>
    public static Task WaitAsync(IServiceProvider services, CancellationToken stoppingToken)
    {
        var lifetime = services.GetService<IHostApplicationLifetime>();
        if (lifetime is null || lifetime.ApplicationStarted.IsCancellationRequested)
        {
            return Task.CompletedTask;
        }

        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        return started.Task.WaitAsync(stoppingToken);
    }
}
