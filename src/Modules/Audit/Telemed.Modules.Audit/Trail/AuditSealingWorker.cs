using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Telemed.BuildingBlocks.Events;
using Telemed.BuildingBlocks.Security;

namespace Telemed.Modules.Audit.Trail;

/// <summary>
/// Runs <see cref="AuditSealer"/> shortly after entries are written (it gathers a batch for
/// <c>Audit:SealDelayMilliseconds</c>, default 200) and at least every <c>Audit:SealIntervalSeconds</c> (default 5),
/// which also seals what other hosts wrote. A failed pass is logged by exception type only and retried.
/// </summary>
internal sealed class AuditSealingWorker(IServiceProvider services, AuditSealer sealer, AuditSealSignal signal, FieldEncryption encryption,
    IConfiguration configuration, ILogger<AuditSealingWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(configuration.GetValue("Audit:SealDelayMilliseconds", 200));
        var interval = TimeSpan.FromSeconds(configuration.GetValue("Audit:SealIntervalSeconds", 5.0));
        try
        {
            await HostStarted.WaitAsync(services, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                if (await signal.WaitAsync(interval, stoppingToken))
                {
                    await Task.Delay(delay, stoppingToken);
                }

                if (!encryption.IsReady)
                {
                    continue;
                }

                try
                {
                    await sealer.SealAllAsync(stoppingToken, sweepWindow: false);
                }
                catch (Exception ex) when (stoppingToken.IsCancellationRequested)
                {
                    // Cut short by the stop (cancelled, or its services disposed under it): the next start seals the rest.
                    logger.LogDebug("Sealing the audit trail stopped with the host: {Error}", ex.GetType().Name);
                }
                catch (Exception ex)
                {
                    // A cancellation here is a command's own timeout, not a stop: let through, it would end the sealing for good.
                    logger.LogError("Sealing the audit trail failed: {Error}", ex.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
