using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Data.Migrations;
using Telemed.BuildingBlocks.Security;

namespace Telemed.BuildingBlocks.Events;

/// <summary>
/// Deletes delivered integration events from every module's outbox once they are <see cref="KeptFor"/> (7 days) past delivery,
/// once an hour, at most <see cref="BatchSize"/> rows per statement. Nothing reads a delivered row again: redelivery is decided
/// by the rows still pending, and each handler keeps its own record of what it did (the inbox's source event, the notices'
/// claims). Kept for a week for support's questions about what was sent when; without it every booking and message left its
/// encrypted event behind for ever, so the outboxes grew by the platform's whole history and their indexes with them.
/// Events that ran out of attempts (<see cref="OutboxRetries.MaxAttempts"/>) are never delivered and stay for the admin's
/// failure list.
/// </summary>
public sealed class OutboxRetention(IServiceProvider services, IEnumerable<ModuleMigrations> modules, TimeProvider clock, FieldEncryption encryption,
    ILogger<OutboxRetention> logger) : PeriodicWorker(services, encryption, logger)
{
    /// <summary>How long a delivered event stays after its delivery.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(7);

    /// <summary>Rows deleted per statement, so one pass never holds a long transaction over a large backlog of old rows.</summary>
    public const int BatchSize = 5_000;

    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override async Task RunPassAsync(IServiceProvider scope, CancellationToken ct)
    {
        var before = clock.GetUtcNow().UtcDateTime - KeptFor;
        foreach (var module in modules)
        {
            var db = (ModuleDbContext)scope.GetRequiredService(module.ContextType);
            int deleted;
            do
            {
                var batch = db.OutboxMessages.Where(m => m.ProcessedAt != null && m.ProcessedAt < before).OrderBy(m => m.ProcessedAt).Take(BatchSize).Select(m => m.Id);
                deleted = await db.OutboxMessages.Where(m => batch.Contains(m.Id)).ExecuteDeleteAsync(ct);
            }
            while (deleted == BatchSize && !ct.IsCancellationRequested);
        }
    }
}
