using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Modules;
using Telemed.BuildingBlocks.Security;

namespace Telemed.Modules.Audit.Trail;

/// <summary>
/// Encrypts free text that entries written before migration 0002 hold in plaintext (break-glass reasons and
/// actor names). Idempotent: rows already encrypted are skipped. The entries' hashes cover the plaintext, so the
/// chain stays valid.
/// </summary>
internal sealed class LegacyAuditTextEncryption(AuditDbContext db, FieldEncryption encryption, ILogger<LegacyAuditTextEncryption> logger) : IStartupTask
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var postgres = db.Database.IsPostgres();
        var legacy = await db.Database.SqlQueryRaw<LegacyRow>(postgres ? SelectPostgres : SelectSqlite).ToListAsync(cancellationToken);
        foreach (var row in legacy)
        {
            var reason = row.Reason is { } r && !AuditTextConverter.LooksEncrypted(r) ? encryption.Encrypt(r, AuditEntryConfiguration.ReasonPurpose) : row.Reason;
            var actor = row.ActorDisplay is { } a && !AuditTextConverter.LooksEncrypted(a) ? encryption.Encrypt(a, AuditEntryConfiguration.ActorDisplayPurpose) : row.ActorDisplay;
            await db.Database.ExecuteSqlRawAsync(postgres ? UpdatePostgres : UpdateSqlite,
                [(object?)reason ?? DBNull.Value, (object?)actor ?? DBNull.Value, row.Id], cancellationToken);
        }

        if (legacy.Count > 0)
        {
            logger.LogInformation("Encrypted the free text of {Count} audit entries written before it was encrypted", legacy.Count);
        }
    }

    private const string Legacy = """ WHERE ("Reason" IS NOT NULL AND "Reason" NOT LIKE 'v1.%') OR ("ActorDisplay" IS NOT NULL AND "ActorDisplay" NOT LIKE 'v1.%')""";
    private const string SelectPostgres = """SELECT "Id", "Reason", "ActorDisplay" FROM audit.entries""" + Legacy;
    private const string SelectSqlite = """SELECT "Id", "Reason", "ActorDisplay" FROM audit_entries""" + Legacy;
    private const string UpdatePostgres = """UPDATE audit.entries SET "Reason" = {0}, "ActorDisplay" = {1} WHERE "Id" = {2}""";
    private const string UpdateSqlite = """UPDATE audit_entries SET "Reason" = {0}, "ActorDisplay" = {1} WHERE "Id" = {2}""";

    private sealed record LegacyRow(long Id, string? Reason, string? ActorDisplay);
}
