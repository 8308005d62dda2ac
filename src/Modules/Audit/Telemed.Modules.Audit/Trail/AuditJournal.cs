using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Security;

namespace Telemed.Modules.Audit.Trail;

/// <summary>
/// The request path's half of the trail: records go in as unsealed entries with one multi-row INSERT and no lock,
/// either inside a module's own transaction (<see cref="IAuditJournal"/>, so a write and its records commit or
/// roll back together) or in a commit of their own (<see cref="IAuditTrail"/>, for reads, denials and sign-ins).
/// <see cref="AuditSealer"/> chains them later.
/// </summary>
internal sealed class AuditJournal(IServiceScopeFactory scopes, FieldEncryption encryption, AuditSealSignal signal) : IAuditJournal, IAuditTrail
{
    // Well under PostgreSQL's 65,535 and SQLite's 32,766 bind parameters per statement.
    private const int RowsPerStatement = 500;
    private const int Columns = 10;

    public async Task AppendAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken = default)
    {
        if (records.Count == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuditDbContext>();
        // The trail is written even if the request that caused it was aborted.
        await WriteAsync(db.Database, records, CancellationToken.None);
    }

    public async Task WriteAsync(DatabaseFacade database, IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken)
    {
        var table = database.IsNpgsql() ? "audit.entries" : "audit_entries";
        for (var start = 0; start < records.Count; start += RowsPerStatement)
        {
            var rows = records.Skip(start).Take(RowsPerStatement).ToList();
            var sql = new StringBuilder($"""INSERT INTO {table} ("OccurredAt", "ActorId", "ActorDisplay", "IpAddress", "Action", "RecordType", "RecordId", "Outcome", "Reason", "BreakGlass") VALUES """);
            var parameters = new object?[rows.Count * Columns];
            for (var i = 0; i < rows.Count; i++)
            {
                var record = rows[i];
                var p = i * Columns;
                sql.Append(i == 0 ? "(" : ", (");
                for (var c = 0; c < Columns; c++)
                {
                    sql.Append(c == 0 ? "{" : ", {").Append(p + c).Append('}');
                }

                sql.Append(')');
                parameters[p] = AuditEntry.StoredInstant(record.OccurredAt);
                parameters[p + 1] = record.ActorId;
                parameters[p + 2] = Encrypted(record.ActorDisplay, AuditEntryConfiguration.ActorDisplayPurpose);
                parameters[p + 3] = record.IpAddress;
                parameters[p + 4] = record.Action;
                parameters[p + 5] = record.RecordType;
                parameters[p + 6] = record.RecordId;
                parameters[p + 7] = record.Outcome.ToString();
                parameters[p + 8] = Encrypted(record.Reason, AuditEntryConfiguration.ReasonPurpose);
                parameters[p + 9] = record.BreakGlass;
            }

            await database.ExecuteSqlRawAsync(sql.ToString(), parameters!, cancellationToken);
        }

        signal.Raise();
    }

    private string? Encrypted(string? text, string purpose) => text is null ? null : encryption.Encrypt(text, purpose);
}
