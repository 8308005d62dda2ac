using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Events;
using Telemed.BuildingBlocks.Security;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios.Data;

/// <summary>
/// Parity of the one-command save (OneCommandSave, MultiRowInsert, ModuleDbContext's plain-save path) against EF Core's own
/// SaveChanges on a real PostgreSQL database (and a SQLite file where said). The oracle is the same context saving inside a
/// caller's transaction, which ModuleDbContext always hands to EF Core's own path.
/// </summary>
public sealed class OneCommandSaveParityScenarios(ParityDatabase database) : IClassFixture<ParityDatabase>
{
    // ---------------------------------------------------------------------------------------------------------------------
    // Guarantees pinned
    // ---------------------------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Given_values_of_every_kind_When_inserted_and_changed_as_one_command_Then_they_are_stored_exactly_as_EF_Cores_save_stores_them()
    {
        var tag = Guid.NewGuid();
        var other = Guid.NewGuid();
        ParityRecord New(int i) => new()
        {
            Id = Guid.NewGuid(),
            Name = i == 0 ? "O'Ñ\"😀;" : $"n{i}",
            Version = 1,
            Mood = ParityMood.Anxious,
            Amount = 1.23456m,
            At = new DateTime(2026, 3, 1, 10, 0, 0, DateTimeKind.Local),
            Until = null,
            Blob = [0, 1, 255],
            Flag = true,
            Other = other,
            Tags = [tag, other],
            Note = "line\nbreak; -- '\\",
        };

        void Change(ParityRecord r, int i)
        {
            if (i < 2)
            {
                // Rows 0 and 1: the same changed columns, one grouped UPDATE … FROM (VALUES …); mixed null / not null values.
                r.Name = i == 0 ? "ünï'2" : "x\"y";
                r.Mood = ParityMood.Calm;
                r.Amount = i == 0 ? -0.0005m : 999.9994m;
                r.At = new DateTime(2026, 3, 2, 23, 59, 59, 999, DateTimeKind.Utc).AddTicks(9);
                r.Blob = i == 0 ? [] : null;
                r.Flag = false;
                r.Tags = i == 0 ? [] : [tag];
                r.Note = i == 0 ? null : "ok";
                r.Version++;
            }
            else
            {
                // Row 2: a shape of its own, a single row's UPDATE.
                r.Until = new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
                r.Version++;
            }
        }

        async Task<List<string>> WriteAsync(bool throughEf)
        {
            var rows = Enumerable.Range(0, 3).Select(New).ToList();
            await using (var db = database.Open())
            {
                db.Records.AddRange(rows);
                await SaveAsync(db, throughEf);
            }

            await using (var db = database.Open())
            {
                var loaded = await db.Records.Where(r => rows.Select(x => x.Id).Contains(r.Id)).ToListAsync();
                for (var i = 0; i < rows.Count; i++)
                {
                    Change(loaded.Single(l => l.Id == rows[i].Id), i);
                }

                using var log = ParityCommandLog.Start();
                (await SaveAsync(db, throughEf)).ShouldBe(3);
                if (!throughEf)
                {
                    log.Texts.ShouldContain(t => t.Contains("FROM (VALUES", StringComparison.Ordinal), "the grouped UPDATE was not used: " + string.Join("\n", log.Texts));
                }
            }

            var stored = new List<string>();
            foreach (var row in rows)
            {
                stored.Add(await database.RowTextAsync(row.Id));
            }

            return stored;
        }

        var byEf = await WriteAsync(throughEf: true);
        var byOneCommand = await WriteAsync(throughEf: false);
        byOneCommand.ShouldBe(byEf);
    }

    [Fact]
    public async Task Given_a_name_longer_than_its_varchar_column_When_inserted_or_changed_alone_or_grouped_as_one_command_Then_the_save_is_refused_and_nothing_is_cut()
    {
        // Insert.
        await using (var db = database.Open())
        {
            var id = Guid.NewGuid();
            db.Records.AddRange(Record(id, "123456789"), Record(Guid.NewGuid(), "ok"));
            (await CaughtAsync(() => db.SaveChangesAsync())).ShouldNotBeNull("a 9-character name in a varchar(8) column");
            (await database.ScalarAsync($"""SELECT count(*) FROM probes.records WHERE "Id" = '{id}'""")).ShouldBe("0");
        }

        var ids = await database.SeedAsync(3);
        // Alone (one row's UPDATE) and grouped (two rows' UPDATE … FROM unnest(…), the name's array typed text).
        foreach (var (changed, why) in new[] { (new[] { ids[0] }, "alone"), (new[] { ids[1], ids[2] }, "grouped") })
        {
            await using var db = database.Open();
            foreach (var row in await db.Records.Where(r => changed.Contains(r.Id)).ToListAsync())
            {
                row.Name = "ABCDEFGHIJ";
            }

            (await CaughtAsync(() => db.SaveChangesAsync())).ShouldNotBeNull(why);
            foreach (var id in changed)
            {
                (await database.ScalarAsync($"""SELECT "Name" FROM probes.records WHERE "Id" = '{id}'""")).ShouldBe("seed", why);
            }
        }
    }

    [Fact]
    public async Task Given_rows_changed_meanwhile_When_a_grouped_update_finds_one_by_a_stale_version_Then_the_save_fails_as_a_concurrency_conflict_and_none_is_changed()
    {
        var ids = await database.SeedAsync(3);
        await using var stale = database.Open();
        var read = await stale.Records.Where(r => ids.Contains(r.Id)).ToListAsync();
        await database.ScalarAsync($"""UPDATE probes.records SET "Version" = "Version" + 1 WHERE "Id" = '{ids[1]}' RETURNING 1""");

        foreach (var row in read)
        {
            row.Note = "stale write";
            row.Version++;
        }

        await Should.ThrowAsync<DbUpdateConcurrencyException>(() => stale.SaveChangesAsync());
        (await database.ScalarAsync($"""SELECT count(*) FROM probes.records WHERE "Note" = 'stale write'""")).ShouldBe("0");
    }

    [Fact]
    public async Task Given_two_saves_changing_the_same_rows_met_in_crossing_orders_When_they_run_at_once_Then_one_commits_and_the_other_is_a_concurrency_conflict()
    {
        // Given two rows, each save changing both, one row's Note and the other's Name (two shapes), having met them in opposite
        // orders: before, each wrote them in the order it met them, and PostgreSQL ended one save as a deadlock's victim (500).
        var ids = await database.SeedAsync(2);
        async Task<ParityContext> ReadAsync(Guid first, Guid second)
        {
            var db = database.Open();
            var a = await db.Records.SingleAsync(r => r.Id == first);
            var b = await db.Records.SingleAsync(r => r.Id == second);
            a.Note = "note";
            a.Version++;
            b.Name = "name";
            b.Version++;
            return db;
        }

        await using var forward = await ReadAsync(ids[0], ids[1]);
        await using var backward = await ReadAsync(ids[1], ids[0]);

        // When both rows are held by a third transaction while the two saves start, so that both are under way when it lets go
        var failures = await WhileHeldAsync(ids, forward, backward);

        // Then one save committed whole, and the other is a concurrency conflict to read again after (found its rows changed, or
        // was the deadlock's victim), never the execution strategy's InvalidOperationException that answered 500; nothing of it landed
        failures.Count(f => f is null).ShouldBe(1);
        var failure = failures.Single(f => f is not null)!;
        failure.ShouldBeOfType<DbUpdateConcurrencyException>(failure.ToString());
        (await database.ScalarAsync($"""SELECT string_agg("Version"::text, ',') FROM probes.records WHERE "Id" IN ('{ids[0]}', '{ids[1]}')""")).ShouldBe("2,2");
        var (noted, named) = failures[0] is null ? (ids[0], ids[1]) : (ids[1], ids[0]);
        (await database.ScalarAsync($"""SELECT coalesce("Note", '∅') || '/' || "Name" FROM probes.records WHERE "Id" = '{noted}'""")).ShouldBe("note/seed");
        (await database.ScalarAsync($"""SELECT coalesce("Note", '∅') || '/' || "Name" FROM probes.records WHERE "Id" = '{named}'""")).ShouldBe("∅/name");
    }

    [Fact]
    public async Task Given_two_saves_whose_rows_overlap_and_cross_When_PostgreSQL_ends_one_as_a_deadlocks_victim_Then_that_save_is_a_concurrency_conflict()
    {
        // Given one save changing rows 1 (Name) and 2 (Note), and another changing rows 0 and 2 (Note) and 1 (Name): each locks its
        // groups' rows in key order, the first 1 then 2, the second 0, 2 then 1, so they can cross and one be the victim (made
        // certain here: row 2 is held while the second save, then the first, start, so the second gets it first)
        var ids = (await database.SeedAsync(3)).OrderBy(id => id.ToString(), StringComparer.Ordinal).ToList();
        var first = database.Open();
        await using var firstSave = first;
        (await first.Records.SingleAsync(r => r.Id == ids[1])).Name = "first";
        (await first.Records.SingleAsync(r => r.Id == ids[2])).Note = "first";
        var second = database.Open();
        await using var secondSave = second;
        (await second.Records.SingleAsync(r => r.Id == ids[0])).Note = "second";
        (await second.Records.SingleAsync(r => r.Id == ids[2])).Note = "second";
        (await second.Records.SingleAsync(r => r.Id == ids[1])).Name = "second";

        // When they run at once
        var failures = await WhileHeldAsync([ids[2]], second, first);

        // Then the victim is reported as the concurrency conflict it is (to read again and decide), not as the execution strategy's
        // InvalidOperationException (a 500), and nothing of it landed
        failures.Count(f => f is null).ShouldBe(1);
        var failure = failures.Single(f => f is not null)!;
        failure.ShouldBeOfType<DbUpdateConcurrencyException>(failure.ToString());
        failure.IsCrossingWriters().ShouldBeTrue(failure.ToString());
        var winner = failures[1] is null ? "first" : "second";
        (await database.ScalarAsync($"""SELECT count(*) FROM probes.records WHERE "Id" = ANY(ARRAY['{ids[0]}', '{ids[1]}', '{ids[2]}']::uuid[]) AND ("Name" = '{winner}' OR "Note" = '{winner}')""")).ShouldBe(winner == "first" ? "2" : "3");
        (await database.ScalarAsync($"""SELECT count(*) FROM probes.records WHERE "Name" = '{(winner == "first" ? "second" : "first")}' OR "Note" = '{(winner == "first" ? "second" : "first")}'""")).ShouldBe("0");
    }

    /// <summary>
    /// Saves the contexts while a third transaction holds <paramref name="held"/>' rows: each save is started once the one before it
    /// waits for a lock, so they queue in this order, and the third lets go once all of them wait. The failures, null for a save that
    /// committed.
    /// </summary>
    private async Task<Exception?[]> WhileHeldAsync(IReadOnlyList<Guid> held, params ParityContext[] contexts)
    {
        await using var holder = new NpgsqlConnection(database.ConnectionString);
        await holder.OpenAsync();
        await using var hold = await holder.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand($"""SELECT 1 FROM probes.records WHERE "Id" = ANY(ARRAY[{string.Join(", ", held.Select(id => $"'{id}'"))}]::uuid[]) FOR UPDATE""", holder, hold))
        {
            await command.ExecuteNonQueryAsync();
        }

        var saves = new List<Task<Exception?>>();
        foreach (var db in contexts)
        {
            saves.Add(CaughtAsync(() => db.SaveChangesAsync()));
            for (var waited = 0; await database.ScalarAsync("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()") != saves.Count.ToString(System.Globalization.CultureInfo.InvariantCulture); waited++)
            {
                waited.ShouldBeLessThan(200, "every save should be waiting for a held row");
                await Task.Delay(50);
            }
        }

        await hold.CommitAsync();
        return await Task.WhenAll(saves);
    }

    [Fact]
    public async Task Given_the_same_row_changed_by_two_saves_of_one_context_Then_the_second_finds_it_by_the_version_the_first_left()
    {
        var ids = await database.SeedAsync(2);
        await using var db = database.Open();
        var rows = await db.Records.Where(r => ids.Contains(r.Id)).ToListAsync();
        for (var save = 1; save <= 2; save++)
        {
            foreach (var row in rows)
            {
                row.Note = $"save {save}";
                row.Version++;
            }

            (await db.SaveChangesAsync()).ShouldBe(2);
        }

        (await database.ScalarAsync($"""SELECT string_agg("Note" || '/' || "Version", ',') FROM probes.records WHERE "Id" IN ('{ids[0]}', '{ids[1]}')""")).ShouldBe("save 2/3,save 2/3");
    }

    [Fact]
    public async Task Given_a_delete_an_insert_of_a_parent_and_its_child_and_an_update_in_one_save_Then_all_of_it_is_stored()
    {
        var ids = await database.SeedAsync(2);
        var parent = Guid.NewGuid();
        await using (var db = database.Open())
        {
            var rows = await db.Records.Where(r => ids.Contains(r.Id)).ToListAsync();
            db.Children.Add(new ParityChild { Id = Guid.NewGuid(), RecordId = parent, Text = "child first" });
            db.Records.Add(Record(parent, "parent"));
            db.Records.Remove(rows.Single(r => r.Id == ids[0]));
            rows.Single(r => r.Id == ids[1]).Note = "updated";
            (await db.SaveChangesAsync()).ShouldBe(4);
        }

        (await database.ScalarAsync($"""SELECT count(*) FROM probes.records WHERE "Id" = '{ids[0]}'""")).ShouldBe("0");
        (await database.ScalarAsync($"""SELECT "Note" FROM probes.records WHERE "Id" = '{ids[1]}'""")).ShouldBe("updated");
        (await database.ScalarAsync($"""SELECT count(*) FROM probes.children WHERE "RecordId" = '{parent}'""")).ShouldBe("1");
    }

    [Fact]
    public async Task Given_a_parent_and_its_children_added_children_first_When_saved_as_one_command_Then_the_parent_is_inserted_first()
    {
        var parent = Guid.NewGuid();
        await using (var db = database.Open())
        {
            db.Children.AddRange(Enumerable.Range(0, 3).Select(i => new ParityChild { Id = Guid.NewGuid(), RecordId = parent, Text = $"c{i}" }));
            db.Records.Add(Record(parent, "parent"));
            using var log = ParityCommandLog.Start();
            (await db.SaveChangesAsync()).ShouldBe(4);
            log.Texts.Count.ShouldBe(1, "one command");
        }

        (await database.ScalarAsync($"""SELECT count(*) FROM probes.children WHERE "RecordId" = '{parent}'""")).ShouldBe("3");
    }

    [Fact]
    public async Task Given_nothing_changed_When_saved_Then_nothing_is_sent_and_nothing_is_counted()
    {
        var ids = await database.SeedAsync(1);
        await using var db = database.Open();
        _ = await db.Records.SingleAsync(r => r.Id == ids[0]);
        using var log = ParityCommandLog.Start();
        (await db.SaveChangesAsync()).ShouldBe(0);
        log.Texts.ShouldBeEmpty();
    }

    /// <summary>
    /// A save guarded against rows (ModuleDbContext.RefuseSaveIfAny, what a booking does instead of reading the patient's
    /// waitlist first): saved when no such row exists; refused, with nothing of it written, when one does, as one statement and
    /// inside a caller's transaction (EF Core's path, the queued rows and the guard sent ahead of it) alike.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Given_a_save_guarded_against_rows_of_a_name_and_mood_When_such_a_row_exists_Then_the_save_is_refused_and_nothing_of_it_is_written(bool inCallersTransaction)
    {
        var ids = await database.SeedAsync(1);
        var tag = "g" + Guid.NewGuid().ToString("N")[..7];
        async Task<Exception?> GuardedSaveAsync(Guid added, string changedName)
        {
            await using var db = database.Open();
            var existing = await db.Records.SingleAsync(r => r.Id == ids[0]);
            existing.Name = changedName;
            existing.Version++;
            db.Records.Add(Record(added, "new"));
            db.InsertRowsOnSave([new ParityChild { Id = Guid.NewGuid(), RecordId = ids[0], Text = tag }]);
            db.RefuseSaveIfAny<ParityRecord>((nameof(ParityRecord.Name), tag), (nameof(ParityRecord.Mood), ParityMood.Anxious)).ShouldBeTrue();
            return await CaughtAsync(() => SaveAsync(db, inCallersTransaction));
        }

        async Task<int> ChildrenAsync() => int.Parse((await database.ScalarAsync($"SELECT count(*) FROM probes.children WHERE \"Text\" = '{tag}'"))!,
            System.Globalization.CultureInfo.InvariantCulture);

        // No row of that name and mood: saved, its queued row with it.
        var first = Guid.NewGuid();
        (await GuardedSaveAsync(first, "one")).ShouldBeNull();
        (await database.ScalarAsync($"SELECT \"Name\" FROM probes.records WHERE \"Id\" = '{ids[0]}'")).ShouldBe("one");
        (await database.ScalarAsync($"SELECT count(*) FROM probes.records WHERE \"Id\" = '{first}'")).ShouldBe("1");
        (await ChildrenAsync()).ShouldBe(1);

        // A row of that name but another mood does not match; one of that name and mood does.
        await using (var db = database.Open())
        {
            db.Records.Add(Record(Guid.NewGuid(), tag));
            await db.SaveChangesAsync();
        }

        (await GuardedSaveAsync(Guid.NewGuid(), "two")).ShouldBeNull();
        await using (var db = database.Open())
        {
            db.Records.Add(new ParityRecord { Id = Guid.NewGuid(), Name = tag, Version = 1, Mood = ParityMood.Anxious, At = DateTime.UtcNow, Tags = [] });
            await db.SaveChangesAsync();
        }

        var refusedId = Guid.NewGuid();
        var refused = await GuardedSaveAsync(refusedId, "three");
        var exception = refused.ShouldBeOfType<SaveRefusedException>($"{refused?.GetType().FullName}: {refused?.Message}");
        exception.Guards.ShouldBe(nameof(ParityRecord));
        exception.ShouldBeAssignableTo<DbUpdateException>();
        (await database.ScalarAsync($"SELECT \"Name\" FROM probes.records WHERE \"Id\" = '{ids[0]}'")).ShouldBe("two", "the refused save's change is not written");
        (await database.ScalarAsync($"SELECT count(*) FROM probes.records WHERE \"Id\" = '{refusedId}'")).ShouldBe("0", "nor its new row");
        (await ChildrenAsync()).ShouldBe(2, "nor its queued rows");

        // SQLite cannot refuse inside a statement: the guard is not queued there, and the caller reads first.
        await using var lite = ParityContext.Create(b => b.UseSqlite("Data Source=:memory:"));
        lite.RefuseSaveIfAny<ParityRecord>((nameof(ParityRecord.Name), tag)).ShouldBeFalse();
    }

    // ---------------------------------------------------------------------------------------------------------------------
    // Differences from EF Core's path found on 2026-12-05 (each failed before its fix)
    // ---------------------------------------------------------------------------------------------------------------------

    /// <summary>
    /// EF Core's SaveChanges wraps every database error of a save in a <see cref="DbUpdateException"/>; the one-command path wraps
    /// only unique-key violations (MultiRowInsert.ExecuteAsync), so a foreign key or a too-long value escapes as a raw
    /// <see cref="PostgresException"/> and passes by every <c>catch (DbUpdateException)</c> of the modules.
    /// </summary>
    [Theory]
    [InlineData("a child whose parent does not exist (23503)")]
    [InlineData("a name longer than its varchar(8) column (22001)")]
    public async Task Given_a_row_the_database_refuses_When_saved_as_one_command_Then_the_save_fails_with_a_DbUpdateException_as_EF_Cores_save_does(string refusal)
    {
        async Task<Exception?> RefusedAsync(bool throughEf)
        {
            await using var db = database.Open();
            if (refusal.StartsWith("a child", StringComparison.Ordinal))
            {
                db.Children.Add(new ParityChild { Id = Guid.NewGuid(), RecordId = Guid.NewGuid(), Text = "orphan" });
            }
            else
            {
                db.Records.Add(Record(Guid.NewGuid(), "123456789"));
            }

            return await CaughtAsync(() => SaveAsync(db, throughEf));
        }

        var byEf = await RefusedAsync(throughEf: true);
        byEf.ShouldBeAssignableTo<DbUpdateException>($"EF Core's own path: {byEf?.GetType().Name}");
        var byOneCommand = await RefusedAsync(throughEf: false);
        byOneCommand.ShouldNotBeNull();
        byOneCommand.ShouldBeAssignableTo<DbUpdateException>($"one command threw {byOneCommand.GetType().FullName}: {byOneCommand.Message}");
    }

    /// <summary>
    /// PASSES (pinned): a column typed <c>character</c> without a length is character(1), and 'xyz'::character is 'x'; Npgsql
    /// names the column type character(1), which ValuesType turns into bpchar, so the grouped UPDATE refuses as one row's does.
    /// </summary>
    [Fact]
    public async Task Given_a_bare_character_column_When_two_rows_change_it_to_a_longer_value_as_one_command_Then_the_save_is_refused_as_one_rows_update_is()
    {
        var ids = await database.SeedAsync(3);
        await using (var db = database.Open())
        {
            var alone = await db.Records.SingleAsync(r => r.Id == ids[0]);
            alone.Letter = "xyz";
            (await CaughtAsync(() => db.SaveChangesAsync())).ShouldNotBeNull("one row's UPDATE assigns 'xyz' to character(1) and is refused");
        }

        await using (var db = database.Open())
        {
            foreach (var row in await db.Records.Where(r => r.Id == ids[1] || r.Id == ids[2]).ToListAsync())
            {
                row.Letter = "xyz";
            }

            using var log = ParityCommandLog.Start();
            var refused = await CaughtAsync(() => db.SaveChangesAsync());
            var stored = await database.ScalarAsync($"""SELECT string_agg("Letter", ',') FROM probes.records WHERE "Id" IN ('{ids[1]}', '{ids[2]}')""");
            // The changed column and the keys all have an array form: one array per column (a VALUES list where one has none).
            log.Texts.ShouldContain(t => t.Contains("FROM unnest(", StringComparison.Ordinal), string.Join("\n", log.Texts));
            refused.ShouldNotBeNull($"the grouped UPDATE stored \"{stored}\": 'xyz' was cut to its first character: {string.Join("\n", log.Texts)}");
            stored.ShouldBe("a,a");
        }
    }

    /// <summary>
    /// A <c>bit(n)</c> column keeps its type in the grouped UPDATE's VALUES cast, and an explicit cast to bit(n) cuts or pads a
    /// value silently (B'10101'::bit(3) is 101); a single row's UPDATE (and EF Core's) assigns it and is refused.
    /// </summary>
    [Fact]
    public async Task Given_a_bit_n_column_When_two_rows_change_it_to_a_longer_value_as_one_command_Then_the_save_is_refused_as_one_rows_update_is()
    {
        var ids = await database.SeedAsync(3);
        System.Collections.BitArray Five() => new([true, false, true, false, true]);
        await using (var db = database.Open())
        {
            var alone = await db.Records.SingleAsync(r => r.Id == ids[0]);
            alone.Bits = Five();
            (await CaughtAsync(() => db.SaveChangesAsync())).ShouldNotBeNull("one row's UPDATE assigns 5 bits to bit(3) and is refused");
        }

        await using (var db = database.Open())
        {
            foreach (var row in await db.Records.Where(r => r.Id == ids[1] || r.Id == ids[2]).ToListAsync())
            {
                row.Bits = Five();
            }

            using var log = ParityCommandLog.Start();
            var refused = await CaughtAsync(() => db.SaveChangesAsync());
            var stored = await database.ScalarAsync($"""SELECT string_agg("Bits"::text, ',') FROM probes.records WHERE "Id" IN ('{ids[1]}', '{ids[2]}')""");
            log.Texts.ShouldContain(t => t.Contains("FROM (VALUES", StringComparison.Ordinal), string.Join("\n", log.Texts));
            refused.ShouldNotBeNull($"the grouped UPDATE stored \"{stored}\": 10101 was cut to bit(3) silently: {string.Join("\n", log.Texts)}");
            stored.ShouldBe("000,000");
        }
    }

    /// <summary>
    /// EF Core's <see cref="DbUpdateConcurrencyException"/> names the entries it could not save (<c>Entries</c>), which is how a
    /// caller reloads or resolves the conflict; the one-command path throws it with none.
    /// </summary>
    [Fact]
    public async Task Given_a_row_gone_meanwhile_When_its_change_is_saved_as_one_command_Then_the_concurrency_exception_names_its_entry_as_EF_Cores_does()
    {
        async Task<DbUpdateConcurrencyException> ConflictAsync(bool throughEf)
        {
            var ids = await database.SeedAsync(1);
            await using var db = database.Open();
            var row = await db.Records.SingleAsync(r => r.Id == ids[0]);
            await database.ScalarAsync($"""DELETE FROM probes.records WHERE "Id" = '{ids[0]}' RETURNING 1""");
            row.Note = "too late";
            return (await CaughtAsync(() => SaveAsync(db, throughEf))).ShouldBeOfType<DbUpdateConcurrencyException>();
        }

        (await ConflictAsync(throughEf: true)).Entries.Count.ShouldBe(1, "EF Core's own path");
        (await ConflictAsync(throughEf: false)).Entries.Count.ShouldBe(1, "the one-command path");
    }

    /// <summary>
    /// New rows of one type are split into statements of at most 30,000 values (PostgreSQL; 100 on SQLite) in the change
    /// tracker's order. Types are ordered principal first, but rows of a self-referencing type are not: a child added before its
    /// parent lands in an earlier statement, and the foreign key, checked at the end of each statement, refuses it. EF Core's
    /// own path orders the rows by their foreign keys.
    /// </summary>
    [Theory]
    [InlineData("postgres")]
    [InlineData("sqlite")]
    public async Task Given_more_self_referencing_rows_than_one_statement_takes_with_a_child_added_before_its_parent_When_saved_Then_all_are_stored_as_EF_Cores_save_stores_them(string provider)
    {
        var postgres = provider == "postgres";
        await using var sqlite = postgres ? null : await SqliteParityFile.CreateAsync();
        // 3 columns a row: 10,000 rows a statement on PostgreSQL, 33 on SQLite.
        var fillers = postgres ? 10_000 : 40;
        foreach (var throughEf in new[] { true, false })
        {
            var parent = Guid.NewGuid();
            await using (var db = postgres ? database.Open() : sqlite!.Open())
            {
                db.Nodes.Add(new ParityNode { Id = Guid.NewGuid(), ParentId = parent, Name = "child added first" });
                db.Nodes.AddRange(Enumerable.Range(0, fillers).Select(i => new ParityNode { Id = Guid.NewGuid(), Name = $"filler {i}" }));
                db.Nodes.Add(new ParityNode { Id = parent, Name = "parent added last" });
                var failed = await CaughtAsync(() => SaveAsync(db, throughEf));
                failed.ShouldBeNull($"{(throughEf ? "EF Core's own path" : "one command")}: {failed?.GetType().Name}: {failed?.Message}");
            }

            await using (var db = postgres ? database.Open() : sqlite!.Open())
            {
                (await db.Nodes.CountAsync(n => n.ParentId == parent)).ShouldBe(1);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------------

    private static ParityRecord Record(Guid id, string name) => new()
    {
        Id = id,
        Name = name,
        Version = 1,
        At = DateTime.UtcNow,
        Tags = [],
    };

    /// <summary>EF Core's own path: a module context saves inside a caller's transaction with base.SaveChangesAsync.</summary>
    private static async Task<int> SaveAsync(ParityContext db, bool throughEf)
    {
        if (!throughEf)
        {
            return await db.SaveChangesAsync();
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        var written = await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return written;
    }

    /// <summary>The exception <paramref name="action"/> throws; null when it completes.</summary>
    internal static async Task<Exception?> CaughtAsync(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }
}
