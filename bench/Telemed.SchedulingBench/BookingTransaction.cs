using System.Globalization;
using System.Text;
using Npgsql;

namespace Telemed.SchedulingBench;

/// <summary>
/// The pgbench script that writes what one booking writes, in one transaction: the idempotency record, the appointment, its
/// six 5-minute time blocks (one multi-row INSERT), its four reminders (one multi-row INSERT), the outbox row and one audit
/// row. It writes into copies of the real tables (<c>CREATE TABLE … (LIKE … INCLUDING ALL)</c>: same columns, keys, indexes and
/// defaults) in the <c>bench</c> schema, so the bookable data stays untouched; every key is fresh (random uuids, a sequence for
/// numbers and instants), so no two transactions collide, as the HTTP clients' distinct slots do not. The statement text is
/// built from <c>information_schema</c>, so it follows the tables' current shape (the audit trail's included). Nullable
/// columns are written as NULL, which is what a new booking stores in most of them.
/// </summary>
internal static class BookingTransaction
{
    private static readonly (string Schema, string Table, int Rows)[] Writes =
    [
        ("scheduling", "time_blocks", 6),
        ("scheduling", "reminders", 4),
        ("scheduling", "appointments", 1),
        ("scheduling", "idempotency_records", 1),
        ("scheduling", "outbox", 1),
        ("audit", "entries", 1),
    ];

    /// <summary>Creates the copies (empty) and returns the script text.</summary>
    public static async Task<string> PrepareAsync(NpgsqlConnection db)
    {
        await Seeder.ExecAsync(db, "CREATE SCHEMA IF NOT EXISTS bench; CREATE SEQUENCE IF NOT EXISTS bench.booking_tx_seq");
        var script = new StringBuilder("BEGIN;\n");
        foreach (var (schema, table, rows) in Writes)
        {
            var copy = $"bench.tx_{schema}_{table}";
            await Seeder.ExecAsync(db, $"DROP TABLE IF EXISTS {copy}; CREATE TABLE {copy} (LIKE {schema}.{table} INCLUDING ALL)");
            var columns = await Seeder.RowsAsync(db, $"""
                SELECT column_name, data_type, is_nullable, coalesce(character_maximum_length, 0)
                FROM information_schema.columns WHERE table_schema = '{schema}' AND table_name = '{table}' AND is_generated = 'NEVER' AND is_identity = 'NO'
                  AND (column_default IS NULL OR column_default NOT LIKE 'nextval%') ORDER BY ordinal_position
                """);
            script.Append(CultureInfo.InvariantCulture, $"INSERT INTO {copy} (").AppendJoin(", ", columns.Select(c => $"\"{c[0]}\"")).Append(") VALUES ");
            script.AppendJoin(", ", Enumerable.Range(0, rows).Select(_ => "(" + string.Join(", ", columns.Select(c =>
                Value(c[1], c[2] == "YES", int.Parse(c[3], CultureInfo.InvariantCulture)))) + ")"));
            script.Append(";\n");
        }

        return script.Append("COMMIT;\n").ToString();
    }

    /// <summary>An SQL expression for a fresh value of the type; NULL for nullable columns.</summary>
    private static string Value(string type, bool nullable, int maxLength) => nullable ? "NULL" : type switch
    {
        "uuid" => "gen_random_uuid()",
        "text" or "character varying" when maxLength is > 0 and < 32 => $"left(md5(random()::text), {maxLength})",
        "text" or "character varying" when maxLength is > 0 and < 256 => "md5(random()::text)",
        "text" or "character varying" => "repeat(md5(random()::text), 8)",
        "timestamp with time zone" or "timestamp without time zone" => "now() + nextval('bench.booking_tx_seq') * interval '5 minutes'",
        "bigint" => "nextval('bench.booking_tx_seq')",
        "integer" or "smallint" => "(nextval('bench.booking_tx_seq') % 30000)::int",
        "boolean" => "false",
        "bytea" => "decode(md5(random()::text), 'hex')",
        "double precision" or "real" or "numeric" => "random()",
        "date" => "current_date",
        "json" or "jsonb" => "'{}'",
        "ARRAY" => "'{}'",
        _ => "NULL",
    };
}
