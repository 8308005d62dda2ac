using System.Diagnostics;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios.Scheduling;

/// <summary>
/// The host caches doctors' rules and summaries (ADR 0017). A change made outside the host — SQL run by an operator, the CLI,
/// another host whose signal was lost — reaches the cache through the tables' version triggers within about a second, not after
/// the caches' lifetime (10 minutes; it was 30 s).
/// </summary>
public abstract class ReferenceVersionScenarios(TelemedHost host)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);

    private readonly RawDatabase _db = new(host);

    [Fact]
    public async Task Given_a_doctors_slots_cached_When_an_operator_deletes_the_doctors_weekly_hours_by_SQL_Then_the_slot_search_stops_offering_times_within_seconds()
    {
        using var patient = await host.SignedInAsync(SchedulingApi.PatientEmails[3]);
        var doctor = (await SchedulingApi.DoctorsAsync(patient))[^1].Id;
        var from = SchedulingApi.Today(host).AddDays(1);
        (await SchedulingApi.SlotsAsync(patient, doctor, from, 14)).ShouldNotBeEmpty("the demo doctor has working hours");
        (await SchedulingApi.SlotsAsync(patient, doctor, from, 14)).ShouldNotBeEmpty("served from the cache the first search filled");

        await using (var connection = await _db.OpenAsync())
        {
            var deleted = await RawDatabase.ExecuteAsync(connection,
                $"DELETE FROM {_db.Table("scheduling", "weekly_hours")} WHERE \"DoctorId\" = '{Id(doctor)}'");
            deleted.ShouldBeGreaterThan(0);
        }

        await UntilAsync(async () => (await SchedulingApi.SlotsAsync(patient, doctor, from, 14)).Count == 0,
            "the cached rules outlived a change made by SQL: the version watch did not clear them");
    }

    [Fact]
    public async Task Given_a_doctors_summary_cached_When_an_operator_renames_the_doctor_by_SQL_Then_the_host_shows_the_new_name_within_seconds()
    {
        using var patient = await host.SignedInAsync(SchedulingApi.PatientEmails[4]);
        var (doctor, name) = (await SchedulingApi.DoctorsAsync(patient))[0];
        var from = SchedulingApi.Today(host).AddDays(1);
        (await DisplayNameAsync(patient, doctor, from)).ShouldBe(name);

        var renamed = name + " Renamed";
        await using (var connection = await _db.OpenAsync())
        {
            await RawDatabase.ExecuteAsync(connection,
                $"UPDATE {_db.Table("directory", "doctors")} SET \"DisplayName\" = '{renamed}' WHERE \"Id\" = '{Id(doctor)}'");
        }

        await UntilAsync(async () => await DisplayNameAsync(patient, doctor, from) == renamed,
            "the cached doctor summary outlived a change made by SQL: the version watch did not clear it");
    }

    [Fact]
    public async Task Given_a_change_rolled_back_Then_the_version_is_unchanged_and_a_committed_change_raises_it()
    {
        var versions = _db.Table("scheduling", "reference_versions");
        await using var connection = await _db.OpenAsync();
        var before = await RulesVersionAsync(connection, versions);

        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await using var delete = connection.CreateCommand();
            delete.Transaction = transaction;
            delete.CommandText = $"DELETE FROM {_db.Table("scheduling", "availability_exceptions")} WHERE 1 = 0";
            await delete.ExecuteNonQueryAsync();
            await transaction.RollbackAsync();
        }

        (await RulesVersionAsync(connection, versions)).ShouldBe(before, "a rolled-back statement raises nothing");

        await RawDatabase.ExecuteAsync(connection,
            $"UPDATE {_db.Table("scheduling", "appointment_types")} SET \"DurationMinutes\" = \"DurationMinutes\" WHERE 1 = 0");
        var after = await RulesVersionAsync(connection, versions);
        if (_db.IsPostgres)
        {
            after.ShouldBe(before + 1, "PostgreSQL counts statements: one committed statement, even of no rows, raises the version once");
        }
        else
        {
            after.ShouldBe(before, "SQLite counts rows: a statement of no rows raises nothing");
        }
    }

    private string Id(Guid id) => _db.IsPostgres ? id.ToString() : id.ToString().ToUpperInvariant();

    private static async Task<long> RulesVersionAsync(System.Data.Common.DbConnection connection, string table) =>
        long.Parse((await RawDatabase.RowsAsync(connection, $"SELECT \"Version\" FROM {table} WHERE \"Name\" = 'rules'")).Single());

    private static async Task<string> DisplayNameAsync(ApiClient client, Guid doctor, DateOnly from)
    {
        var answer = await client.GetJsonAsync<JsonElement>(
            $"/api/v1/scheduling/doctors/{doctor}/slots?kind=video&from={from:yyyy-MM-dd}&to={from.AddDays(7):yyyy-MM-dd}&timeZone=UTC");
        return answer.GetProperty("displayName").GetString()!;
    }

    /// <summary>
    /// Polls <paramref name="done"/> every 100 ms; fails unless it holds within <see cref="Within"/> (the watch reads every second;
    /// the caches' lifetime alone would have taken 30 s before, 10 minutes now).
    /// </summary>
    private static async Task UntilAsync(Func<Task<bool>> done, string because)
    {
        var clock = Stopwatch.StartNew();
        while (!await done())
        {
            clock.Elapsed.ShouldBeLessThan(Within, because);
            await Task.Delay(100);
        }
    }
}

public sealed class ReferenceVersionScenariosOnSqlite(SqliteHost host) : ReferenceVersionScenarios(host), IClassFixture<SqliteHost>;

public sealed class ReferenceVersionScenariosOnPostgres(PostgresHost host) : ReferenceVersionScenarios(host), IClassFixture<PostgresHost>;
