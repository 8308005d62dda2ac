using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Data;

namespace Telemed.IntegrationTests.Scenarios.Data;

/// <summary>
/// PostgreSQL's multi-row INSERT with one array parameter per column (<c>SELECT * FROM unnest(…)</c>, PostgresUnnestInsert)
/// against EF Core's own SaveChanges on a real PostgreSQL database: the same stored values, the same refusals.
/// </summary>
public sealed class UnnestInsertScenarios(ParityDatabase database) : IClassFixture<ParityDatabase>
{
    private static ParityReading Reading(int i, string? name = null) => new()
    {
        Id = Guid.NewGuid(),
        Name = name ?? (i == 0 ? "O'Ñ\"😀;" : $"n{i}"),
        Letter = i % 2 == 0 ? "z" : "é",
        Mood = i % 2 == 0 ? ParityMood.Anxious : ParityMood.Calm,
        // Row 0 has every nullable value null; "Other" is null in every row.
        Count = i == 0 ? null : -i,
        Big = long.MaxValue - i,
        Amount = 1.23456m * (i + 1),
        Ratio = i / 3.0,
        At = new DateTime(2026, 3, 1, 10, 0, 0, DateTimeKind.Local).AddTicks(i * 7),
        Until = i == 0 ? null : new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Unspecified).AddMinutes(i),
        Day = new DateOnly(2026, 12, 6).AddDays(i),
        Blob = i == 0 ? null : i == 1 ? [] : [0, 1, 255, (byte)i],
        Flag = i == 0 ? null : i % 2 == 1,
        Other = null,
        Note = i == 0 ? null : "line\nbreak; -- '\\ {0} $1 @p0",
    };

    [Theory]
    [InlineData("one command")]
    [InlineData("insert rows")]
    [InlineData("rows on save")]
    public async Task Given_rows_of_every_column_type_with_nulls_When_inserted_together_Then_they_go_as_arrays_and_are_stored_exactly_as_EF_Cores_save_stores_them(
        string path)
    {
        var byEf = Enumerable.Range(0, 4).Select(i => Reading(i)).ToList();
        await using (var db = database.Open())
        {
            db.Readings.AddRange(byEf);
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        var ours = Enumerable.Range(0, 4).Select(i => Reading(i)).ToList();
        using (var log = ParityCommandLog.Start())
        {
            await InsertAsync(path, ours);
            log.Texts.ShouldContain(t => t.Contains("INSERT INTO probes.readings", StringComparison.Ordinal) && t.Contains("FROM unnest($", StringComparison.Ordinal),
                "the rows did not go as arrays: " + string.Join("\n", log.Texts));
        }

        for (var i = 0; i < ours.Count; i++)
        {
            (await RowTextAsync(ours[i].Id)).ShouldBe(await RowTextAsync(byEf[i].Id), $"row {i}");
        }
    }

    [Theory]
    [InlineData("one command")]
    [InlineData("insert rows")]
    [InlineData("rows on save")]
    public async Task Given_one_of_several_rows_longer_than_its_varchar_column_When_inserted_together_Then_the_insert_is_refused_and_nothing_is_cut_or_stored(string path)
    {
        var rows = new[] { Reading(1), Reading(2, name: "123456789"), Reading(3) };
        var failed = await OneCommandSaveParityScenarios.CaughtAsync(() => InsertAsync(path, rows));
        failed.ShouldBeAssignableTo<DbUpdateException>("a 9-character name in a varchar(8) column");
        (await database.ScalarAsync($"""SELECT count(*) FROM probes.readings WHERE "Id" IN ('{rows[0].Id}', '{rows[1].Id}', '{rows[2].Id}')""")).ShouldBe("0");
    }

    [Fact]
    public async Task Given_rows_changed_alike_When_saved_as_one_command_Then_one_update_of_arrays_stores_them_as_EF_Cores_save_does()
    {
        void Change(ParityReading r, int i)
        {
            // The same columns changed in every row (each to a value other than its own), values of every kind, nulls among them.
            r.Name = i == 0 ? "ünï'2" : $"c{i}";
            r.Mood = r.Mood == ParityMood.Calm ? ParityMood.Anxious : ParityMood.Calm;
            r.Count = i == 1 ? null : 10 * i + 1;
            r.Until = i == 2 ? null : new DateTime(2028, 2, 29, 23, 59, 59, DateTimeKind.Utc).AddTicks(i * 10);
            r.Blob = i == 0 ? [9] : null;
            r.Flag = i == 1 ? null : i == 2;
            r.Note = i == 1 ? null : i == 0 ? "zero" : "x\"y; {1}";
        }

        async Task<List<ParityReading>> WriteAsync(bool throughEf)
        {
            var rows = Enumerable.Range(0, 4).Select(i => Reading(i)).ToList();
            await InsertAsync("insert rows", rows);
            await using var db = database.Open();
            var ids = rows.Select(r => r.Id).ToList();
            var loaded = await db.Readings.Where(r => ids.Contains(r.Id)).ToListAsync();
            for (var i = 0; i < 3; i++)
            {
                Change(loaded.Single(l => l.Id == rows[i].Id), i);
            }

            using var log = ParityCommandLog.Start();
            if (throughEf)
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                (await db.SaveChangesAsync()).ShouldBe(3);
                await transaction.CommitAsync();
            }
            else
            {
                (await db.SaveChangesAsync()).ShouldBe(3);
                log.Texts.ShouldContain(t => t.Contains("UPDATE probes.readings AS target SET", StringComparison.Ordinal) && t.Contains("FROM unnest($", StringComparison.Ordinal),
                    "the rows' changes did not go as arrays: " + string.Join("\n", log.Texts));
            }

            return rows;
        }

        var byEf = await WriteAsync(throughEf: true);
        var ours = await WriteAsync(throughEf: false);
        for (var i = 0; i < ours.Count; i++)
        {
            (await RowTextAsync(ours[i].Id)).ShouldBe(await RowTextAsync(byEf[i].Id), $"row {i}");
        }
    }

    [Fact]
    public async Task Given_rows_already_stored_When_inserted_again_as_arrays_with_an_on_conflict_clause_Then_the_clause_decides_as_it_does_for_values()
    {
        var rows = Enumerable.Range(1, 3).Select(i => Reading(i)).ToList();
        await InsertAsync("insert rows", rows);
        foreach (var row in rows)
        {
            row.Note = "again";
        }

        await using (var db = database.Open())
        {
            await db.InsertRowsAsync(rows, """ON CONFLICT ("Id") DO NOTHING""", CancellationToken.None);
            (await database.ScalarAsync($"""SELECT count(*) FROM probes.readings WHERE "Note" = 'again' AND "Id" = '{rows[0].Id}'""")).ShouldBe("0");
            await db.InsertRowsAsync(rows, """ON CONFLICT ("Id") DO UPDATE SET "Note" = excluded."Note" WHERE {table}."Count" < 0""", CancellationToken.None);
        }

        (await database.ScalarAsync($"""SELECT count(*) FROM probes.readings WHERE "Note" = 'again' AND "Id" IN ('{rows[0].Id}', '{rows[1].Id}', '{rows[2].Id}')"""))
            .ShouldBe("3");
    }

    [Fact]
    public async Task Given_one_row_or_a_column_without_an_array_form_When_inserted_Then_the_insert_keeps_its_values_list()
    {
        using var log = ParityCommandLog.Start();
        await InsertAsync("one command", [Reading(1)]);
        await using (var db = database.Open())
        {
            // ParityRecord has a uuid[] column and a bit(3) one: arrays of those would not be one value per row.
            db.Records.AddRange(Enumerable.Range(0, 2).Select(_ => new ParityRecord { Id = Guid.NewGuid(), Name = "v", Version = 1, At = DateTime.UtcNow, Tags = [Guid.NewGuid()] }));
            await db.SaveChangesAsync();
        }

        log.Texts.ShouldContain(t => t.Contains("INSERT INTO probes.readings", StringComparison.Ordinal) && t.Contains(" VALUES ($", StringComparison.Ordinal));
        log.Texts.ShouldContain(t => t.Contains("INSERT INTO probes.records", StringComparison.Ordinal) && t.Contains(" VALUES ($", StringComparison.Ordinal));
        log.Texts.ShouldNotContain(t => t.Contains("unnest", StringComparison.Ordinal));
    }

    private async Task InsertAsync(string path, IReadOnlyList<ParityReading> rows)
    {
        await using var db = database.Open();
        switch (path)
        {
            case "one command":
                db.Readings.AddRange(rows);
                await db.SaveChangesAsync();
                break;
            case "insert rows":
                await db.InsertRowsAsync(rows, CancellationToken.None);
                break;
            default:
                // Queued rows go with the next save's statement, here a one-row insert of another table.
                db.InsertRowsOnSave(rows);
                db.Nodes.Add(new ParityNode { Id = Guid.NewGuid(), Name = "carrier" });
                await db.SaveChangesAsync();
                break;
        }
    }

    private Task<string?> RowTextAsync(Guid id) =>
        database.ScalarAsync($"""
            SELECT concat_ws(' | ', "Name", "Letter", "Mood", coalesce("Count"::text, '∅'), "Big"::text, "Amount"::text, "Ratio"::text, "At"::text,
                coalesce("Until"::text, '∅'), "Day"::text, coalesce(encode("Blob", 'hex'), '∅'), coalesce("Flag"::text, '∅'), coalesce("Other"::text, '∅'),
                coalesce("Note", '∅'), pg_typeof("Letter")::text, length("Letter")::text)
            FROM probes.readings WHERE "Id" = '{id}'
            """);
}
