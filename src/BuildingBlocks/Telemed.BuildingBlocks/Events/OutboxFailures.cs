using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Data.Migrations;

namespace Telemed.BuildingBlocks.Events;

/// <summary>
/// Integration events whose delivery failed and that are not delivered yet, over every module's outbox: those still being
/// retried and those that used up their attempts. Counts only (payloads may carry PHI).
/// </summary>
public sealed class OutboxFailures(IServiceProvider services, IEnumerable<ModuleMigrations> modules)
{
    /// <summary>A message is failing when its last delivery attempt recorded an error and it is still undelivered.</summary>
    public static bool IsFailing(OutboxMessage message) => message.ProcessedAt is null && message.LastError is not null;

    public async Task<int> CountAsync(CancellationToken ct)
    {
        var total = 0;
        foreach (var module in modules)
        {
            var db = (ModuleDbContext)services.GetRequiredService(module.ContextType);
            total += await db.OutboxMessages.AsNoTracking().CountAsync(m => m.ProcessedAt == null && m.LastError != null, ct);
        }

        return total;
    }
}
