using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telemed.BuildingBlocks.Events;
using Telemed.BuildingBlocks.Security;
using Telemed.Modules.Consultations.OnCall;

namespace Telemed.Modules.Consultations.Infrastructure;

/// <summary>Escalates unanswered on-demand requests and releases patients whose doctor never came, and ends chat readers' lapsed access, every few seconds.</summary>
internal sealed class ConsultationsWorker(IServiceProvider services, FieldEncryption encryption, IOptions<ConsultationsOptions> options,
    ILogger<ConsultationsWorker> logger) : PeriodicWorker(services, encryption, logger)
{
    protected override TimeSpan Interval { get; } = TimeSpan.FromMilliseconds(options.Value.WorkerIntervalMilliseconds);

    protected override async Task RunPassAsync(IServiceProvider scope, CancellationToken ct)
    {
        var escalations = scope.GetRequiredService<Escalations>();
        await escalations.EscalateUnansweredAsync(ct);
        await escalations.ReleaseAbandonedAsync(ct);
        await scope.GetRequiredService<Chat.ChatReaderLeases>().EndLapsedAsync(ct);
    }
}
