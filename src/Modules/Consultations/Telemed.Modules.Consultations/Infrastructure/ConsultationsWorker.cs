using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Security;
using Telemed.Modules.Consultations.OnCall;

namespace Telemed.Modules.Consultations.Infrastructure;

/// <summary>Escalates unanswered on-demand requests and releases patients whose doctor never came, every few seconds.</summary>
internal sealed class ConsultationsWorker(IServiceProvider services, FieldEncryption encryption, IOptions<ConsultationsOptions> options,
    ILogger<ConsultationsWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(options.Value.WorkerIntervalMilliseconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            if (encryption.IsReady)
            {
                await RunOnceAsync(stoppingToken);
            }

            try
            {
                await Task.Delay(interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async Task RunOnceAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = services.CreateAsyncScope();
            var escalations = scope.ServiceProvider.GetRequiredService<Escalations>();
            await escalations.EscalateUnansweredAsync(ct);
            await escalations.ReleaseAbandonedAsync(ct);
            await scope.ServiceProvider.GetRequiredService<AuditScope>().FlushAsync(scope.ServiceProvider.GetRequiredService<IAuditTrail>(), ct: ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError("Consultations worker pass failed: {Error}", ex.GetType().Name);
        }
    }
}
