using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Data;
using Telemed.Modules.Notifications.DevelopmentOutbox;

namespace Telemed.Modules.Notifications.Inbox;

/// <summary>
/// How many notifications a user has not read: kept (90 days), unread, not of a topic they switched off in the centre, and
/// counted up to <see cref="Cap"/>. Every new notification pushes its recipient's count, so an uncapped count made each push
/// read every unread row of the recipient: a doctor who never opens the centre collects thousands in 90 days, and under a
/// booking peak the counts were the database's largest cost (pg_stat_statements, docs/benchmarks.md). Capped, a count reads at
/// most <see cref="Cap"/> rows of the partial index of unread notifications per recipient, however many there are.
/// </summary>
internal static class UnreadCounts
{
    /// <summary>
    /// Counts stop here: <c>100</c> means "100 or more". The bell shows "99+" above 99 and the centre "More than 99 unread",
    /// so no screen needs a larger number.
    /// </summary>
    public const int Cap = 100;

    /// <summary>One user's capped unread count at <paramref name="now"/> (UTC): 0–<see cref="Cap"/>.</summary>
    /// <remarks>The order changes nothing in a count, but a limit without one made EF Core warn on every host's first count; the
    /// partial index of unread notifications (recipient, time) serves it in this order, so it costs no sort.</remarks>
    public static async Task<int> OfAsync(NotificationsDbContext db, Guid userId, DateTime now, CancellationToken ct) =>
        await (await NotificationInbox.ShownAsync(db, userId, now, ct)).Where(n => n.ReadAt == null)
            .OrderByDescending(n => n.CreatedAt).Take(Cap).CountAsync(ct);

    /// <summary>
    /// Each user's capped unread count (0–<see cref="Cap"/>) at <paramref name="now"/> (UTC), in one read per distinct set of
    /// hidden kinds (usually one): <paramref name="choices"/> holds each user's in-app choices by topic (a topic missing is on).
    /// </summary>
    public static async Task<Dictionary<Guid, int>> OfAsync(NotificationsDbContext db, IReadOnlyCollection<Guid> userIds,
        Dictionary<Guid, Dictionary<string, bool>> choices, DateTime now, CancellationToken ct)
    {
        var keptSince = InboxNotification.KeptSince(now);
        var result = new Dictionary<Guid, int>(userIds.Count);
        foreach (var group in userIds.Distinct().GroupBy(u => HiddenKinds(choices.GetValueOrDefault(u)), StringComparer.Ordinal))
        {
            var hidden = group.Key.Length == 0 ? [] : group.Key.Split(',');
            foreach (var row in await CountAsync(db, [.. group], hidden, keptSince, ct))
            {
                result[row.RecipientUserId] = row.Unread;
            }
        }

        return result;
    }

    /// <summary>The kinds whose topic the user switched off, sorted and comma-joined (a grouping key; kinds hold no comma).</summary>
    private static string HiddenKinds(Dictionary<string, bool>? choices) =>
        choices is null || choices.Count == 0
            ? ""
            : string.Join(',', NotificationKinds.All.Where(k => !choices.GetValueOrDefault(NotificationKinds.TopicOf(k), true)).Order(StringComparer.Ordinal));

    private static async Task<List<UnreadRow>> CountAsync(NotificationsDbContext db, Guid[] userIds, string[] hiddenKinds, DateTime keptSince,
        CancellationToken ct)
    {
        var entity = db.Model.FindEntityType(typeof(InboxNotification))!;
        var table = entity.GetSchema() is { } schema ? $"\"{schema}\".\"{entity.GetTableName()}\"" : $"\"{entity.GetTableName()}\"";
        // A correlated LIMIT per recipient: the partial index of unread notifications ("RecipientUserId", "CreatedAt", "Kind")
        // answers each with at most Cap entries. EF has no LINQ root over a parameter list, hence the SQL; the table name comes
        // from the model, every value is a parameter.
        if (db.Database.IsPostgres())
        {
            var counted = $$"""
                 SELECT r."Id" AS "RecipientUserId",
                        (SELECT count(*)::int FROM (SELECT 1 FROM {{table}} AS i
                          WHERE i."RecipientUserId" = r."Id" AND i."ReadAt" IS NULL AND i."CreatedAt" > {1} AND NOT (i."Kind" = ANY ({2}))
                          LIMIT {{Cap}}) AS u) AS "Unread"
                 FROM unnest({0}) AS r("Id")
                 """;
            return await db.Database.SqlQueryRaw<UnreadRow>(counted, userIds, keptSince, hiddenKinds).ToListAsync(ct);
        }

        // SQLite: the lists travel as JSON arrays; ids in the upper-case text form EF Core stores them in.
        var ids = JsonSerializer.Serialize(userIds.Select(u => u.ToString("D").ToUpperInvariant()));
        var kinds = JsonSerializer.Serialize(hiddenKinds);
        var sql = $$"""
             SELECT r.value AS "RecipientUserId",
                    (SELECT count(*) FROM (SELECT 1 FROM {{table}} AS i
                      WHERE i."RecipientUserId" = r.value AND i."ReadAt" IS NULL AND i."CreatedAt" > {1}
                        AND i."Kind" NOT IN (SELECT k.value FROM json_each({2}) AS k)
                      LIMIT {{Cap}})) AS "Unread"
             FROM json_each({0}) AS r
             """;
        return await db.Database.SqlQueryRaw<UnreadRow>(sql, ids, keptSince, kinds).ToListAsync(ct);
    }

    private sealed class UnreadRow
    {
        public Guid RecipientUserId { get; init; }
        public int Unread { get; init; }
    }
}
