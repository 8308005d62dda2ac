using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Telemed.BuildingBlocks.Data.Migrations;
using Telemed.BuildingBlocks.Events;
using Telemed.BuildingBlocks.Security;

namespace Telemed.BuildingBlocks.Data;

/// <summary>
/// Deletes <see cref="CreateRequestKey"/>s older than <see cref="KeptFor"/> (7 days) from every module that keeps them, once an hour, at
/// most <see cref="OutboxRetention.BatchSize"/> rows per statement. A key answers retries of a request whose answer was lost, which
/// come within minutes; a week covers a page left open over a weekend. Without it every create left its key behind for ever. Modules
/// that keep request keys of another shape (bookings' idempotency records) age them out here too, through
/// <see cref="IExpiringRequestKeys"/>.
/// </summary>
public sealed class CreateRequestKeyRetention(IServiceProvider services, IEnumerable<ModuleMigrations> modules, IEnumerable<IExpiringRequestKeys> otherKeys,
    TimeProvider clock, FieldEncryption encryption, ILogger<CreateRequestKeyRetention> logger) : PeriodicWorker(services, encryption, logger)
{
    /// <summary>How long a key is kept after the request that created it.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(7);

    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override async Task RunPassAsync(IServiceProvider scope, CancellationToken ct)
    {
        var before = clock.GetUtcNow().UtcDateTime - KeptFor;
        foreach (var module in modules)
        {
            var db = (DbContext)scope.GetService(module.ContextType)!;
            if (db.Model.FindEntityType(typeof(CreateRequestKey)) is null)
            {
                continue;
            }

            var keys = db.Set<CreateRequestKey>();
            int deleted;
            do
            {
                var batch = keys.Where(k => k.CreatedAt < before).OrderBy(k => k.CreatedAt).Take(OutboxRetention.BatchSize);
                deleted = await keys.Where(k => batch.Any(b => b.UserId == k.UserId && b.Operation == k.Operation && b.Key == k.Key)).ExecuteDeleteAsync(ct);
            }
            while (deleted == OutboxRetention.BatchSize && !ct.IsCancellationRequested);
        }

        foreach (var keys in otherKeys)
        {
            while (await keys.DeleteOlderThanAsync(scope, before, OutboxRetention.BatchSize, ct) == OutboxRetention.BatchSize && !ct.IsCancellationRequested)
            {
            }
        }
    }
}

/// <summary>A module's own request keys of another shape than <see cref="CreateRequestKey"/>, aged out by <see cref="CreateRequestKeyRetention"/>.</summary>
public interface IExpiringRequestKeys
{
    /// <summary>Deletes at most <paramref name="batchSize"/> keys created before <paramref name="before"/> (UTC), oldest first; how many went.</summary>
    Task<int> DeleteOlderThanAsync(IServiceProvider scope, DateTime before, int batchSize, CancellationToken ct);
}
