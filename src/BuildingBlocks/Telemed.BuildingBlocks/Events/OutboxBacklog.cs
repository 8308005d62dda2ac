using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Data.Migrations;
using Telemed.BuildingBlocks.Telemetry;

namespace Telemed.BuildingBlocks.Events;

/// <summary>
/// Integration events written but not yet delivered, over every module's outbox: how many, and how long the oldest has
/// waited. A backlog that grows under load means the platform accepts work (bookings, messages) faster than it carries out
/// its consequences (confirmation notices, payments, care access), so it is reported as two gauges.
/// </summary>
public sealed class OutboxBacklog(IServiceProvider services, IEnumerable<ModuleMigrations> modules, TimeProvider clock)
{
    /// <summary>Pending messages (not processed, attempts left) and the age of the oldest, in seconds (0 when none).</summary>
    public async Task<(int Pending, double OldestAgeSeconds)> ReadAsync(CancellationToken ct)
    {
        var pending = 0;
        DateTime? oldest = null;
        foreach (var module in modules)
        {
            var db = (ModuleDbContext)services.GetRequiredService(module.ContextType);
            var waiting = db.OutboxMessages.AsNoTracking().Where(m => m.ProcessedAt == null && m.Attempts < OutboxRetries.MaxAttempts);
            pending += await waiting.CountAsync(ct);
            var first = await waiting.OrderBy(m => m.CreatedAt).Select(m => (DateTime?)m.CreatedAt).FirstOrDefaultAsync(ct);
            if (first is { } created && (oldest is null || created < oldest))
            {
                oldest = created;
            }
        }

        var age = oldest is { } o ? Math.Max(0, (clock.GetUtcNow().UtcDateTime - DateTime.SpecifyKind(o, DateTimeKind.Utc)).TotalSeconds) : 0;
        return (pending, age);
    }

    /// <summary>Registers <c>telemed.outbox.pending</c> and <c>telemed.outbox.lag</c> (read in the background, see <see cref="PlatformGauges"/>).</summary>
    public static IServiceCollection AddGauges(IServiceCollection services)
    {
        services.AddScoped<OutboxBacklog>();
        // One read of every outbox per refresh: the pending gauge (refreshed first, in registration order) keeps the age for the lag gauge.
        var oldestAge = 0.0;
        services.AddPlatformGauge(new PlatformGauge("telemed.outbox.pending", "{message}", "Integration events not delivered yet (all modules, all hosts).",
            async (sp, ct) =>
            {
                var (pending, age) = await sp.GetRequiredService<OutboxBacklog>().ReadAsync(ct);
                Volatile.Write(ref oldestAge, age);
                return pending;
            }));
        services.AddPlatformGauge(new PlatformGauge("telemed.outbox.lag", "s", "Age of the oldest integration event not delivered yet.",
            (_, _) => Task.FromResult(Volatile.Read(ref oldestAge))));
        return services;
    }
}
