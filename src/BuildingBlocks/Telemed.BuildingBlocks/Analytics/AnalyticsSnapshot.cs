using System.Data;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Data;

namespace Telemed.BuildingBlocks.Analytics;

/// <summary>One snapshot for a dashboard query's reads of marks, roll-up and source rows, so a day is never counted in both.</summary>
public static class AnalyticsSnapshot
{
    /// <summary>
    /// A REPEATABLE READ transaction on PostgreSQL (dispose it to end it). SQLite gets none: a transaction there holds the write
    /// gate, and the embedded single-clinic database has no rebuild racing a dashboard worth blocking every writer for.
    /// </summary>
    public static async Task<IAsyncDisposable> BeginAsync(DbContext db, CancellationToken ct) =>
        db.Database.IsPostgres() && db.Database.CurrentTransaction is null
            ? await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct)
            : Nothing.Instance;

    private sealed class Nothing : IAsyncDisposable
    {
        public static readonly Nothing Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
