using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Security;
using Telemed.Modules.Scheduling.Reminders;
using Telemed.Modules.Scheduling.Waitlist;

namespace Telemed.Modules.Scheduling.Infrastructure;

/// <summary>The module's clockwork: passes on waitlist holds that ran out and sends due reminders, every few seconds.</summary>
internal sealed class SchedulingWorker(IServiceProvider services, FieldEncryption encryption, IConfiguration configuration, ILogger<SchedulingWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(configuration.GetValue("Scheduling:WorkerIntervalMilliseconds", 15_000));
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
            await scope.ServiceProvider.GetRequiredService<WaitlistService>().ExpireDueOffersAsync(ct);
            await scope.ServiceProvider.GetRequiredService<ReminderSender>().SendDueAsync(ct);
            await scope.ServiceProvider.GetRequiredService<AuditScope>().FlushAsync(scope.ServiceProvider.GetRequiredService<IAuditTrail>(), ct: ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError("Scheduling worker pass failed: {Error}", ex.GetType().Name);
        }
    }
}
