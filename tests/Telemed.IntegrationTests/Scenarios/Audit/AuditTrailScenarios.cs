using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Data;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.Modules.Audit;

namespace Telemed.IntegrationTests.Scenarios.Audit;

/// <summary>
/// The trail's guarantees without a global lock (docs/adr/0004-audit-sealed-later.md): a write and its records commit
/// or roll back together, a read's record is durable before its response arrives, two sealers at once still make one
/// chain, and verification finds what was inserted, moved or not yet sealed. The hosts here do not seal on their own,
/// so each test decides when sealing happens.
/// </summary>
public abstract class AuditTrailScenarios(TelemedHost host)
{
    private readonly RawDatabase _db = new(host);

    [Fact]
    public async Task Given_a_PHI_write_When_its_transaction_commits_rolls_back_or_fails_after_the_business_write_Then_the_change_and_its_audit_record_share_its_fate()
    {
        await using (var connection = await _db.OpenAsync())
        {
            await RawDatabase.ExecuteAsync(connection, ProbeDbContext.CreateTableSql(_db.IsPostgres));
        }

        await using var scope = host.Services.CreateAsyncScope();
        var services = scope.ServiceProvider.GetRequiredService<ModuleDbServices>();
        var database = scope.ServiceProvider.GetRequiredService<DatabaseConnection>();

        // Committed: the row and its phi.create entry, and the read recorded before it ride in the same transaction.
        var committed = Guid.NewGuid();
        var readBefore = Guid.NewGuid();
        services.Audit.RecordPhiAccess(AuditActions.PhiRead, "ProbeRecord", readBefore);
        await using (var db = ProbeDbContext.Open(database, services))
        {
            db.Records.Add(new ProbeRecord { Id = committed, Note = "committed" });
            await db.SaveChangesAsync();
        }

        (await ProbeRowsAsync(committed)).ShouldBe(1);
        (await AuditRowsAsync(AuditActions.PhiCreate, committed)).ShouldBe(1);
        (await AuditRowsAsync(AuditActions.PhiRead, readBefore)).ShouldBe(1, "the read before the write commits with it");

        // Rolled back by the caller after the save: neither the row nor its record remains; a read carried along is
        // not lost but waits for the unit of work's end.
        var rolledBack = Guid.NewGuid();
        var readBeforeRollback = Guid.NewGuid();
        services.Audit.RecordPhiAccess(AuditActions.PhiRead, "ProbeRecord", readBeforeRollback);
        await using (var db = ProbeDbContext.Open(database, services))
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Records.Add(new ProbeRecord { Id = rolledBack, Note = "rolled back" });
            await db.SaveChangesAsync();
            (await AuditRowsAsync(AuditActions.PhiCreate, rolledBack, inside: db)).ShouldBe(1, "written inside the transaction");
            await transaction.RollbackAsync();
        }

        (await ProbeRowsAsync(rolledBack)).ShouldBe(0);
        (await AuditRowsAsync(AuditActions.PhiCreate, rolledBack)).ShouldBe(0);
        (await AuditRowsAsync(AuditActions.PhiRead, readBeforeRollback)).ShouldBe(0);
        services.Audit.Drain().ShouldContain(r => r.Action == AuditActions.PhiRead && r.RecordId == readBeforeRollback.ToString());

        // A failure after the business write (the trail's INSERT fails): the save throws and leaves neither;
        // a read recorded before it is not lost but waits for the unit of work's end.
        var failed = Guid.NewGuid();
        var readBeforeFailure = Guid.NewGuid();
        services.Audit.RecordPhiAccess(AuditActions.PhiRead, "ProbeRecord", readBeforeFailure);
        await using (var db = ProbeDbContext.Open(database, services, new FailTheAuditInsert()))
        {
            db.Records.Add(new ProbeRecord { Id = failed, Note = "fails after the business write" });
            var thrown = await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync());
            thrown.Message.ShouldContain("forced failure");
        }

        (await ProbeRowsAsync(failed)).ShouldBe(0);
        (await AuditRowsAsync(AuditActions.PhiCreate, failed)).ShouldBe(0);
        services.Audit.Drain().ShouldContain(r => r.Action == AuditActions.PhiRead && r.RecordId == readBeforeFailure.ToString());
    }

    [Fact]
    public async Task Given_a_patient_reading_their_profile_Then_the_read_is_in_the_trail_when_the_response_headers_arrive()
    {
        using var patient = host.CreateApiClient();
        await patient.SignInAsync("ivan.kuznetsov@demo.telemed.dev", Demo.Password);
        var before = await CountAsync($"""SELECT COUNT(*) FROM {_db.Table("audit", "entries")} WHERE "Action" = 'phi.read' AND "RecordType" = 'PatientDemographics'""");

        using var response = await patient.Http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/me/patient-profile"), HttpCompletionOption.ResponseHeadersRead);
        var atHeaders = await CountAsync($"""SELECT COUNT(*) FROM {_db.Table("audit", "entries")} WHERE "Action" = 'phi.read' AND "RecordType" = 'PatientDemographics'""");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        atHeaders.ShouldBe(before + 1, "the read's record must be durable before the response that carries the data starts");
        (await response.Content.ReadAsStringAsync()).ShouldContain("Kuznetsov");
    }

    [Fact]
    public async Task Given_two_hosts_on_one_database_sealing_at_the_same_time_Then_the_trail_is_one_valid_chain()
    {
        await using var second = new TelemedHost(host) { KeepDataOnDispose = true };
        await second.InitializeAsync();
        var hosts = new[] { host, second };

        var writers = hosts.Select(h => Task.Run(async () =>
        {
            var trail = h.Services.GetRequiredService<IAuditTrail>();
            for (var batch = 0; batch < 10; batch++)
            {
                var records = Enumerable.Range(0, 150).Select(i => new AuditRecord("test.sealing", AuditOutcome.Success, DateTime.UtcNow, RecordType: "Probe", RecordId: $"{batch}-{i}")).ToList();
                await trail.AppendAsync(records);
            }
        })).ToList();
        var sealers = hosts.Select(h => Task.Run(async () =>
        {
            var sealedHere = 0;
            while (writers.Any(w => !w.IsCompleted))
            {
                sealedHere += await AuditModule.SealAsync(h.Services);
            }

            return sealedHere + await AuditModule.SealAsync(h.Services);
        })).ToList();
        await Task.WhenAll(writers);
        var sealedByEach = await Task.WhenAll(sealers);
        await AuditModule.SealAsync(host.Services);

        var report = await AuditModule.VerifyChainAsync(host.Services);
        report.Intact.ShouldBeTrue(report.Problem);
        report.UnsealedEntries.ShouldBe(0);
        report.CheckedEntries.ShouldBe(await CountAsync($"SELECT COUNT(*) FROM {_db.Table("audit", "entries")}"));
        (await CountAsync($"""SELECT COUNT(*) FROM {_db.Table("audit", "entries")} WHERE "Action" = 'test.sealing'""")).ShouldBe(3000);
        sealedByEach.Sum().ShouldBeGreaterThanOrEqualTo(3000, "every entry written here was sealed by one of the two hosts");
    }

    [Fact]
    public async Task Given_a_sealed_trail_When_an_entry_is_inserted_or_two_are_reordered_Then_verification_names_the_first_broken_entry()
    {
        await AuditModule.SealAsync(host.Services);
        var entries = _db.Table("audit", "entries");
        var chain = _db.Table("audit", "chain");
        var last = await CountAsync($"""SELECT MAX("Sequence") FROM {chain}""");
        last.ShouldBeGreaterThan(5);
        await using var connection = await _db.OpenAsync();

        // Reordered: entries 3 and 4 swap places in the chain.
        await SwapAsync(connection, chain, 3, 4);
        var reordered = await AuditModule.VerifyChainAsync(host.Services);
        reordered.Intact.ShouldBeFalse();
        reordered.FirstBrokenSequence.ShouldBe(3);
        await SwapAsync(connection, chain, 3, 4);
        (await AuditModule.VerifyChainAsync(host.Services)).Intact.ShouldBeTrue();

        // Inserted: a copy of entry 2 placed after the last one, as if it had been sealed there (its hash computed correctly:
        // the hash is not keyed, so only the head catches it).
        var columns = "\"OccurredAt\", \"ActorId\", \"ActorDisplay\", \"IpAddress\", \"Action\", \"RecordType\", \"RecordId\", \"Outcome\", \"Reason\", \"BreakGlass\"";
        var copyId = (await RawDatabase.RowsAsync(connection,
            $"""INSERT INTO {entries} ({columns}) SELECT {columns} FROM {entries} WHERE "Id" = (SELECT "EntryId" FROM {chain} WHERE "Sequence" = 2) RETURNING "Id" """)).Single();
        var lastHash = (await RawDatabase.RowsAsync(connection, $"""SELECT "Hash" FROM {chain} WHERE "Sequence" = {last}""")).Single();
        await RawDatabase.ExecuteAsync(connection,
            $"""INSERT INTO {chain} ("Sequence", "EntryId", "PreviousHash", "Hash") SELECT {last + 1}, {copyId}, '{lastHash}', "Hash" FROM {chain} WHERE "Sequence" = 2""");
        var inserted = await AuditModule.VerifyChainAsync(host.Services);
        inserted.Intact.ShouldBeFalse();
        inserted.FirstBrokenSequence.ShouldBe(last + 1);
        await RawDatabase.ExecuteAsync(connection, $"""DELETE FROM {chain} WHERE "Sequence" = {last + 1}""");
        await RawDatabase.ExecuteAsync(connection, $"""DELETE FROM {entries} WHERE "Id" = {copyId}""");
        (await AuditModule.VerifyChainAsync(host.Services)).Intact.ShouldBeTrue();
    }

    [Fact]
    public async Task Given_entries_written_but_not_yet_sealed_Then_verification_says_which_and_the_sealed_chain_still_verifies()
    {
        await AuditModule.SealAsync(host.Services);
        var trail = host.Services.GetRequiredService<IAuditTrail>();
        await trail.AppendAsync([.. Enumerable.Range(0, 3).Select(i => new AuditRecord("test.unsealed", AuditOutcome.Success, DateTime.UtcNow, RecordId: i.ToString()))]);

        var report = await AuditModule.VerifyChainAsync(host.Services);
        report.Intact.ShouldBeTrue(report.Problem);
        report.UnsealedEntries.ShouldBe(3);
        (report.LastUnsealedId - report.FirstUnsealedId).ShouldBe(2);

        (await AuditModule.SealAsync(host.Services)).ShouldBe(3);
        var after = await AuditModule.VerifyChainAsync(host.Services);
        after.Intact.ShouldBeTrue(after.Problem);
        after.UnsealedEntries.ShouldBe(0);
        after.CheckedEntries.ShouldBe(report.CheckedEntries + 3);
    }

    [Theory]
    [InlineData(300)]
    [InlineData(40)]
    public async Task Given_a_group_commit_of_many_records_Then_every_field_is_stored_as_written_and_seals_into_a_valid_chain(int count)
    {
        // One AppendAsync is one commit: PostgreSQL writes 300 records with binary COPY and 40 as one INSERT of one array per
        // column (unnest); SQLite writes multi-row INSERTs.
        var action = "test.bulk." + Guid.NewGuid().ToString("N")[..8];
        var start = new DateTime(2026, 11, 30, 8, 0, 0, DateTimeKind.Utc);
        var records = Enumerable.Range(0, count).Select(i => new AuditRecord(action, i % 7 == 0 ? AuditOutcome.Denied : AuditOutcome.Success,
            start.AddMilliseconds(i * 1.5),
            ActorId: i % 2 == 0 ? Guid.NewGuid() : null,
            ActorDisplay: i % 2 == 0 ? $"Dr Zoë Bulk {i}" : null,
            IpAddress: i % 3 == 0 ? $"10.0.0.{i % 250}" : null,
            RecordType: i % 4 == 0 ? null : "Probe",
            RecordId: i.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Reason: i % 5 == 0 ? $"break-glass reason {i} — émergence" : null,
            BreakGlass: i % 5 == 0,
            SubjectPatientId: i % 3 == 1 ? Guid.NewGuid() : null)).ToList();

        await host.Services.GetRequiredService<IAuditTrail>().AppendAsync(records);

        using var admin = host.CreateApiClient();
        await admin.SignInAsAdminAsync();
        var stored = new Dictionary<string, JsonElement>();
        for (var page = 1; page <= (count + 99) / 100; page++)
        {
            var answer = await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/audit?action={action}&pageSize=100&page={page}");
            answer.GetProperty("total").GetInt32().ShouldBe(count);
            foreach (var item in answer.GetProperty("items").EnumerateArray())
            {
                stored[item.GetProperty("recordId").GetString()!] = item.Clone();
            }
        }

        stored.Count.ShouldBe(count);
        foreach (var (record, i) in records.Select((r, i) => (r, i)))
        {
            var entry = stored[i.ToString(System.Globalization.CultureInfo.InvariantCulture)];
            entry.GetProperty("occurredAt").GetDateTime().ToUniversalTime().ShouldBe(record.OccurredAt, $"entry {i}");
            Nullable(entry, "actorId").ShouldBe(record.ActorId?.ToString(), $"entry {i}");
            Nullable(entry, "actorDisplay").ShouldBe(record.ActorDisplay, $"entry {i}");
            Nullable(entry, "ipAddress").ShouldBe(record.IpAddress, $"entry {i}");
            Nullable(entry, "recordType").ShouldBe(record.RecordType, $"entry {i}");
            Nullable(entry, "reason").ShouldBe(record.Reason, $"entry {i}");
            entry.GetProperty("outcome").GetString().ShouldBe(record.Outcome.ToString().ToLowerInvariant(), $"entry {i}");
            entry.GetProperty("breakGlass").GetBoolean().ShouldBe(record.BreakGlass, $"entry {i}");
            entry.GetProperty("sequence").ValueKind.ShouldBe(JsonValueKind.Number, "the search seals what it shows");
        }

        var subjects = records.Where(r => r.SubjectPatientId is not null).ToList();
        foreach (var record in subjects.Take(5))
        {
            (await CountAsync($"""SELECT COUNT(*) FROM {_db.Table("audit", "entries")} WHERE "SubjectPatientId" = '{(_db.IsPostgres ? record.SubjectPatientId.ToString() : record.SubjectPatientId.ToString()!.ToUpperInvariant())}' AND "Action" = '{action}'""")).ShouldBe(1);
        }

        var report = await AuditModule.VerifyChainAsync(host.Services);
        report.Intact.ShouldBeTrue(report.Problem);
        report.UnsealedEntries.ShouldBe(0);
    }

    private static string? Nullable(JsonElement entry, string name) =>
        entry.GetProperty(name).ValueKind == JsonValueKind.Null ? null : entry.GetProperty(name).ToString();

    /// <summary>The entries at places <paramref name="a"/> and <paramref name="b"/> trade places (their links keep their hashes).</summary>
    private static async Task SwapAsync(System.Data.Common.DbConnection connection, string chain, long a, long b)
    {
        var ids = await RawDatabase.RowsAsync(connection, $"""SELECT "EntryId" FROM {chain} WHERE "Sequence" IN ({a}, {b}) ORDER BY "Sequence" """);
        await RawDatabase.ExecuteAsync(connection, $"""UPDATE {chain} SET "EntryId" = -1 WHERE "Sequence" = {a}""");
        await RawDatabase.ExecuteAsync(connection, $"""UPDATE {chain} SET "EntryId" = {ids[0]} WHERE "Sequence" = {b}""");
        await RawDatabase.ExecuteAsync(connection, $"""UPDATE {chain} SET "EntryId" = {ids[1]} WHERE "Sequence" = {a}""");
    }

    private async Task<long> ProbeRowsAsync(Guid id) =>
        await CountAsync($"""SELECT COUNT(*) FROM {_db.Table("probe", "records")} WHERE "Id" = '{(_db.IsPostgres ? id.ToString() : id.ToString().ToUpperInvariant())}'""");

    private async Task<long> AuditRowsAsync(string action, Guid recordId, ProbeDbContext? inside = null)
    {
        var sql = $"""SELECT COUNT(*) AS "Value" FROM {_db.Table("audit", "entries")} WHERE "Action" = '{action}' AND "RecordId" = '{recordId}'""";
        return inside is null ? await CountAsync(sql) : await inside.Database.SqlQueryRaw<long>(sql).SingleAsync();
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = await _db.OpenAsync();
        var value = (await RawDatabase.RowsAsync(connection, sql)).Single();
        return value == "∅" ? 0 : long.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>Hosts whose sealing worker never runs: the tests seal when they choose.</summary>
public static class PausedSealer
{
    public static Dictionary<string, string?> Settings => new() { ["Audit:SealDelayMilliseconds"] = "3600000", ["Audit:SealIntervalSeconds"] = "3600" };
}

public sealed class PausedSealerSqliteHost() : TelemedHost(DatabaseProvider.Sqlite, PausedSealer.Settings);

public sealed class PausedSealerPostgresHost() : TelemedHost(DatabaseProvider.Postgres, PausedSealer.Settings);

public sealed class AuditTrailScenariosOnSqlite(PausedSealerSqliteHost host) : AuditTrailScenarios(host), IClassFixture<PausedSealerSqliteHost>;

public sealed class AuditTrailScenariosOnPostgres(PausedSealerPostgresHost host) : AuditTrailScenarios(host), IClassFixture<PausedSealerPostgresHost>;

/// <summary>
/// PostgreSQL hands out entry ids before their transactions commit, in any order (SQLite has one writer at a time, so
/// there an id not yet visible is always above every visible one). The sealer's floor must not pass an id whose
/// transaction is still open, or that entry would never be sealed.
/// </summary>
public sealed class AuditSealingFloorScenarios(PausedSealerPostgresHost host) : IClassFixture<PausedSealerPostgresHost>
{
    [Fact]
    public async Task Given_an_entry_whose_transaction_commits_after_later_entries_were_sealed_Then_it_is_sealed_too_and_the_chain_verifies()
    {
        var db = new RawDatabase(host);
        await AuditModule.SealAsync(host.Services);
        await using var late = await db.OpenAsync();
        await using var transaction = await late.BeginTransactionAsync();
        long lateId;
        await using (var insert = late.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = """INSERT INTO audit.entries ("OccurredAt", "Action", "Outcome", "BreakGlass") VALUES (now(), 'test.late', 'Success', false) RETURNING "Id" """;
            lateId = (long)(await insert.ExecuteScalarAsync())!;
        }

        // Later entries commit and are sealed, pass after pass, for longer than a floor candidate takes to settle.
        var trail = host.Services.GetRequiredService<IAuditTrail>();
        for (var i = 0; i < 8; i++)
        {
            await trail.AppendAsync([new AuditRecord("test.after-late", AuditOutcome.Success, DateTime.UtcNow, RecordId: i.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
            await AuditModule.SealAsync(host.Services);
            await Task.Delay(400);
        }

        (await FloorAsync(late, transaction)).ShouldBeLessThan(lateId, "the floor passed an id whose transaction is still open");
        await transaction.CommitAsync();

        // As the background worker passes: the late entry is found at the next floor step or sweep, within seconds.
        var sealedBy = DateTime.UtcNow.AddSeconds(15);
        while (await LinksOfAsync(late, lateId) == 0 && DateTime.UtcNow < sealedBy)
        {
            await AuditModule.SealAsync(host.Services, lateEntriesToo: false);
            await Task.Delay(300);
        }

        (await LinksOfAsync(late, lateId)).ShouldBe(1);
        await AuditModule.SealAsync(host.Services);
        var report = await AuditModule.VerifyChainAsync(host.Services);
        report.Intact.ShouldBeTrue(report.Problem);
        report.UnsealedEntries.ShouldBe(0);

        // Once nothing older is open, the floor moves past it.
        var until = DateTime.UtcNow.AddSeconds(15);
        while (await FloorAsync(late, null) < lateId && DateTime.UtcNow < until)
        {
            await AuditModule.SealAsync(host.Services);
            await Task.Delay(300);
        }

        (await FloorAsync(late, null)).ShouldBeGreaterThanOrEqualTo(lateId);
    }

    private static async Task<int> LinksOfAsync(System.Data.Common.DbConnection connection, long entryId) =>
        int.Parse((await RawDatabase.RowsAsync(connection, $"""SELECT COUNT(*) FROM audit.chain WHERE "EntryId" = {entryId}""")).Single(), System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<long> FloorAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """SELECT coalesce((SELECT "SealedThroughId" FROM audit.head WHERE "Id" = 1), 0)""";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
