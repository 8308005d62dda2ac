using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Telemed.BuildingBlocks.Data;
using Telemed.Modules.Notifications.Contracts;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.Modules.Notifications.DevelopmentOutbox;
using Telemed.Modules.Notifications.Preferences;

namespace Telemed.IntegrationTests.Scenarios;

/// <summary>
/// A module context's save of rows that carry no audit record (a batch of notices' claims and links, preferences) outside a
/// caller's transaction: one multi-row INSERT per table, not EF Core's one INSERT per row (issue 10: a batch of a hundred
/// bookings' notices was four hundred statements on PostgreSQL). On PostgreSQL the save is one command, its own implicit
/// transaction; on SQLite it joins the group commit (ADR 0014).
/// </summary>
public abstract class PlainSaveScenarios(TelemedHost host)
{
    [Fact]
    public async Task Given_new_rows_without_audit_records_When_saved_Then_each_table_gets_one_INSERT_for_all_its_rows()
    {
        var user = Guid.NewGuid();
        var now = DateTime.UtcNow;
        using var counter = new RequestSqlCounter();
        using (var trace = new Activity("plain-save").SetParentId(counter.Start()).Start())
        {
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
            db.Preferences.AddRange(
                NotificationPreference.Choose(user, "bookings", NotificationChannel.Email, false, now),
                NotificationPreference.Choose(user, "bookings", NotificationChannel.Sms, false, now),
                NotificationPreference.Choose(user, "messages", NotificationChannel.Email, true, now));
            (await db.SaveChangesAsync()).ShouldBe(3);
        }

        var listing = string.Join("\n", counter.Commands.Select(c => $"[{c.Context}] {c.Sql[..Math.Min(200, c.Sql.Length)]}"));
        var inserts = counter.Commands.SelectMany(c => c.Statements).Where(s => s.TrimStart().StartsWith("INSERT", StringComparison.OrdinalIgnoreCase)).ToList();
        inserts.Count.ShouldBe(1, listing);
        inserts[0].ShouldContain("preferences");
        if (new RawDatabase(host).IsPostgres)
        {
            counter.Commands.Count.ShouldBe(1, listing);
        }

        await using var check = host.Services.CreateAsyncScope();
        (await check.ServiceProvider.GetRequiredService<NotificationsDbContext>().Preferences.CountAsync(p => p.UserId == user)).ShouldBe(3);
    }

    [Fact]
    public async Task Given_changed_rows_of_one_table_When_saved_Then_PostgreSQL_gets_one_UPDATE_and_a_row_gone_meanwhile_fails_the_save_with_none_changed()
    {
        var user = Guid.NewGuid();
        var now = DateTime.UtcNow;
        (string Topic, NotificationChannel Channel)[] choices = [("bookings", NotificationChannel.Email), ("bookings", NotificationChannel.Sms), ("messages", NotificationChannel.Email)];
        await using (var seed = host.Services.CreateAsyncScope())
        {
            var db = seed.ServiceProvider.GetRequiredService<NotificationsDbContext>();
            db.Preferences.AddRange(choices.Select(c => NotificationPreference.Choose(user, c.Topic, c.Channel, false, now)));
            await db.SaveChangesAsync();
        }

        // Given three changed rows (a composite key with an enum stored as text, a timestamp), when saved, then one statement.
        using var counter = new RequestSqlCounter();
        using (var trace = new Activity("plain-update").SetParentId(counter.Start()).Start())
        {
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
            foreach (var preference in await db.Preferences.Where(p => p.UserId == user).ToListAsync())
            {
                preference.Change(true, now.AddMinutes(1)).ShouldBeTrue();
            }

            (await db.SaveChangesAsync()).ShouldBe(3);
        }

        var listing = string.Join("\n", counter.Commands.Select(c => $"[{c.Context}] {c.Sql[..Math.Min(300, c.Sql.Length)]}"));
        var updates = counter.Commands.SelectMany(c => c.Statements).Select(s => s.TrimStart())
            .Where(s => s.StartsWith("UPDATE ", StringComparison.OrdinalIgnoreCase) || s.StartsWith("WITH changed AS (UPDATE ", StringComparison.Ordinal)).ToList();
        updates.Count.ShouldBe(new RawDatabase(host).IsPostgres ? 1 : 3, listing);
        await using (var check = host.Services.CreateAsyncScope())
        {
            (await check.ServiceProvider.GetRequiredService<NotificationsDbContext>().Preferences.Where(p => p.UserId == user).Select(p => p.Enabled).ToListAsync())
                .ShouldBe([true, true, true]);
        }

        // Given the same rows read by one user while another removes one, when the first saves, then nothing of theirs is saved.
        await using var reader = host.Services.CreateAsyncScope();
        var stale = reader.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var read = await stale.Preferences.Where(p => p.UserId == user).ToListAsync();
        await using (var remover = host.Services.CreateAsyncScope())
        {
            var db = remover.ServiceProvider.GetRequiredService<NotificationsDbContext>();
            db.Preferences.Remove(await db.Preferences.SingleAsync(p => p.UserId == user && p.Topic == "messages"));
            await db.SaveChangesAsync();
        }

        foreach (var preference in read)
        {
            preference.Change(false, now.AddMinutes(2));
        }

        await Should.ThrowAsync<DbUpdateConcurrencyException>(() => stale.SaveChangesAsync());
        await using var after = host.Services.CreateAsyncScope();
        (await after.ServiceProvider.GetRequiredService<NotificationsDbContext>().Preferences.Where(p => p.UserId == user).Select(p => p.Enabled).ToListAsync())
            .ShouldBe([true, true]);
    }

    [Fact]
    public async Task Given_a_plain_save_that_meets_a_taken_key_Then_it_fails_as_a_save_does_and_writes_none_of_its_rows()
    {
        var user = Guid.NewGuid();
        var now = DateTime.UtcNow;
        await using (var first = host.Services.CreateAsyncScope())
        {
            var db = first.ServiceProvider.GetRequiredService<NotificationsDbContext>();
            db.Preferences.Add(NotificationPreference.Choose(user, "bookings", NotificationChannel.Sms, false, now));
            await db.SaveChangesAsync();
        }

        await using (var second = host.Services.CreateAsyncScope())
        {
            var db = second.ServiceProvider.GetRequiredService<NotificationsDbContext>();
            db.Preferences.AddRange(
                NotificationPreference.Choose(user, "messages", NotificationChannel.Email, false, now),
                NotificationPreference.Choose(user, "bookings", NotificationChannel.Sms, true, now));
            var refused = await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync());
            refused.IsUniqueViolation().ShouldBeTrue();
        }

        await using var check = host.Services.CreateAsyncScope();
        (await check.ServiceProvider.GetRequiredService<NotificationsDbContext>().Preferences.Where(p => p.UserId == user).Select(p => p.Topic).ToListAsync())
            .ShouldBe(["bookings"]);
    }
}

public sealed class PlainSaveScenariosOnSqlite(SqliteHost host) : PlainSaveScenarios(host), IClassFixture<SqliteHost>;

public sealed class PlainSaveScenariosOnPostgres(PostgresHost host) : PlainSaveScenarios(host), IClassFixture<PostgresHost>;
