using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Telemed.BuildingBlocks.Events;
using Telemed.BuildingBlocks.Security;
using Telemed.Modules.Scheduling.Reminders;
using Telemed.Modules.Scheduling.Waitlist;

namespace Telemed.Modules.Scheduling.Infrastructure;

/// <summary>The module's clockwork: passes on waitlist holds that ran out and sends due reminders, every few seconds
/// (at once again while a wave of reminders is still due).</summary>
internal sealed class SchedulingWorker(IServiceProvider services, FieldEncryption encryption, IConfiguration configuration, ILogger<SchedulingWorker> logger)
    : PeriodicWorker(services, encryption, logger)
{
    protected override TimeSpan Interval { get; } = TimeSpan.FromMilliseconds(configuration.GetValue("Scheduling:WorkerIntervalMilliseconds", 15_000));

    protected override async Task RunPassAsync(IServiceProvider scope, CancellationToken ct)
    {
        await scope.GetRequiredService<DeclineOffer>().ExpireDueAsync(ct);
        if ((await scope.GetRequiredService<ReminderSender>().SendDueAsync(ct)).MoreDue)
        {
            RunAgainSoon();
        }
    }
}
