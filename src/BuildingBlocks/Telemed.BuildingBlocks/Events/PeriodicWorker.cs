using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Security;

namespace Telemed.BuildingBlocks.Events;

/// <summary>
/// A module's clockwork: one pass every interval, in a scope of its own, once the encryption keys are loaded;
/// what the pass audited is written at its end. A failed pass is logged by exception type only (no PHI) and
/// the next one runs as usual.
/// </summary>
/// <remarks>
/// A pass that fails because the host is stopping (its token cancelled: the pass's queries cancelled, or the services disposed
/// under a pass that outlived the stop's wait) is no failure and is logged at debug level only; anything else that ends a pass
/// while the host runs, a timeout's cancellation included, is an error, and the worker goes on.
/// </remarks>
public abstract class PeriodicWorker(IServiceProvider services, FieldEncryption encryption, ILogger logger) : BackgroundService
{
    protected abstract TimeSpan Interval { get; }

    protected abstract Task RunPassAsync(IServiceProvider scope, CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The first pass (EF model building, SQLite's synchronous I/O) waits until the host listens: it must not hold up start-up.
        try
        {
            await HostStarted.WaitAsync(services, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            if (encryption.IsReady)
            {
                await RunOnceAsync(stoppingToken);
            }

            if (_again)
            {
                // The pass stopped with work left (a bounded pass, so its other duties are not held up): the next one starts now.
                _again = false;
                continue;
            }

            try
            {
                await Task.Delay(Interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private volatile bool _again;

    /// <summary>Called by a pass that stopped with work left: the worker runs the next pass at once instead of after <see cref="Interval"/>.</summary>
    protected void RunAgainSoon() => _again = true;

    /// <summary>
    /// Runs one pass now (the worker's loop, and tests). Never throws: a failure is logged as an error, or at debug level when
    /// <paramref name="ct"/> (the host's stopping token) was cancelled by the time it surfaced.
    /// </summary>
    public async Task RunOnceAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = services.CreateAsyncScope();
            await RunPassAsync(scope.ServiceProvider, ct);
            await scope.ServiceProvider.GetRequiredService<AuditScope>().FlushAsync(scope.ServiceProvider.GetRequiredService<IAuditTrail>(), ct: ct);
        }
        catch (Exception ex) when (ct.IsCancellationRequested)
        {
            // Cut short by the stop, whatever the exception says (ObjectDisposedException, a provider's own wrapper of the cancellation).
            logger.LogDebug("{Worker} pass stopped with the host: {Error}", GetType().Name, ex.GetType().Name);
        }
        catch (Exception ex)
        {
            // An OperationCanceledException here is a pass's own timeout, not a stop: let through, it would end the worker's loop.
            logger.LogError("{Worker} pass failed: {Error}", GetType().Name, ex.GetType().Name);
        }
    }
}
