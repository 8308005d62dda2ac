using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Telemed.BuildingBlocks.Data;

/// <summary>
/// A save of new and changed rows written as ONE command: multi-row <c>INSERT</c>s, then one <c>UPDATE</c> per changed row. On
/// PostgreSQL the statements of one command run as one implicit transaction (everything before the protocol's Sync commits
/// together or not at all), so such a save outside a caller's transaction costs one round trip with its commit in it, where
/// EF Core's own path costs three (BEGIN with its batch, the audit entry, COMMIT). See
/// docs/adr/0005-a-booking-is-one-transaction.md.
/// </summary>
internal static partial class OneCommandSave
{
    /// <summary>
    /// The tracked changes: new rows grouped per entity type (principals before dependents) and changed rows; null when a change
    /// needs what only EF Core's own path does: a deleted row, a change that an insert could depend on or collide with, a value the database generates (identity, default or computed
    /// column, row version), an owned or complex type, inheritance, or a cycle between the new rows' types.
    /// </summary>
    public static Plan? For(DbContext db)
    {
        var inserts = new List<(IEntityType Type, List<EntityEntry> Rows)>();
        var updates = new List<EntityEntry>();
        var plain = new Dictionary<IEntityType, bool>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }

            if (entry.State is not (EntityState.Added or EntityState.Modified)
                || !(plain.TryGetValue(entry.Metadata, out var isPlain) ? isPlain : plain[entry.Metadata] = Plain(entry.Metadata)))
            {
                return null;
            }

            if (entry.State == EntityState.Modified)
            {
                if (!IndependentUpdate(entry))
                {
                    return null;
                }

                updates.Add(entry);
                continue;
            }

            var index = inserts.FindIndex(g => g.Type == entry.Metadata);
            if (index < 0)
            {
                inserts.Add((entry.Metadata, []));
                index = inserts.Count - 1;
            }

            inserts[index].Rows.Add(entry);
        }

        return Ordered(inserts) is { } ordered ? new Plan(ordered, updates) : null;
    }

    /// <summary>
    /// Appends the plan's statements to <paramref name="text"/>, with parameter names that start with <paramref name="prefix"/> (on
    /// PostgreSQL unnamed parameters at <c>{n}</c> placeholders instead):
    /// the INSERTs, then an UPDATE of the changed columns, found by key and concurrency tokens' original values, per group of
    /// changed rows of one table with the same changed columns (<c>UPDATE … FROM (VALUES …)</c> for two rows or more; on PostgreSQL
    /// <c>UPDATE … FROM unnest(…)</c>, one array per column, where every one of them has an array form). Each
    /// UPDATE fails the whole command with division by zero when it finds fewer rows than it was given
    /// (<see cref="IsRowNotFound"/>), so a row deleted or changed meanwhile takes the save back as EF Core's rows-affected check does.
    /// </summary>
    public static void Append(DbContext db, Plan plan, StringBuilder text, List<object?> parameters, string prefix)
    {
        for (var g = 0; g < plan.Inserts.Count; g++)
        {
            var (type, rows) = plan.Inserts[g];
            var perStatement = Math.Max(1, MultiRowInsert.ParametersPerStatement(db.Database) / Math.Max(1, type.GetProperties().Count()));
            for (var start = 0; start < rows.Count; start += perStatement)
            {
                var chunk = rows.Skip(start).Take(perStatement).ToList();
                MultiRowInsert.AppendInsert(db, type, chunk.Count, (row, property) => chunk[row].CurrentValues[property], text, parameters,
                    $"{prefix}g{g}s{start}");
            }
        }

        var sql = db.GetService<ISqlGenerationHelper>();
        using var factory = db.Database.GetDbConnection().CreateCommand();
        var numbered = db.Database.IsPostgres();
        var (statement, n) = (0, 0);
        string Parameter(IProperty property, object? value, bool cast)
        {
            // PostgreSQL: an unnamed parameter at a numbered placeholder, as MultiRowInsert.AppendInsert writes them.
            var name = numbered ? "" : $"@{prefix}u{statement}p{n++}";
            var placeholder = numbered ? "{" + parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}" : name;
            parameters.Add(((RelationalTypeMapping)property.GetTypeMapping()).CreateParameter(factory, name, value, property.IsNullable));
            // A VALUES list takes its columns' types from its values: the cast keeps them the columns' own (uuid, timestamptz, jsonb).
            return cast ? $"{placeholder}::{ValuesType(property.GetColumnType())}" : placeholder;
        }

        // Changed rows of one table with the same changed columns (and the same null tokens) are one statement: a chat batch's
        // conversations each move their last message's time, one UPDATE for the batch instead of one per message.
        foreach (var rows in InLockOrder(plan.Updates))
        {
            var first = rows[0];
            var perStatement = Math.Max(1, MultiRowInsert.ParametersPerStatement(db.Database) / (first.Changed.Count + first.Conditions.Count));
            for (var start = 0; start < rows.Count; start += perStatement)
            {
                var chunk = rows.Skip(start).Take(perStatement).ToList();
                n = 0;
                text.Append("WITH changed AS (UPDATE ").Append(sql.DelimitIdentifier(first.Table.Name, first.Table.Schema));
                if (chunk.Count == 1)
                {
                    var row = chunk[0];
                    text.Append(" SET ")
                        .AppendJoin(", ", row.Changed.Select(p => $"{sql.DelimitIdentifier(p.Metadata.GetColumnName(row.Table)!)} = {Parameter(p.Metadata, p.CurrentValue, false)}"))
                        .Append(" WHERE ")
                        .AppendJoin(" AND ", row.Conditions.Select(p => row.Entry.OriginalValues[p] is { } original
                            ? $"{sql.DelimitIdentifier(p.GetColumnName(row.Table)!)} = {Parameter(p, original, false)}"
                            : $"{sql.DelimitIdentifier(p.GetColumnName(row.Table)!)} IS NULL"));
                    // count(*) is only known when the statement runs, so the division cannot be folded away when it is planned.
                    text.Append(" RETURNING 1) SELECT 1 / count(*) FROM changed;\n");
                    statement++;
                    continue;
                }

                var matched = first.Conditions.Where(p => first.Entry.OriginalValues[p] is not null).ToList();
                text.Append(" AS target SET ")
                    .AppendJoin(", ", first.Changed.Select((p, i) => $"{sql.DelimitIdentifier(p.Metadata.GetColumnName(first.Table)!)} = v.s{i}"));
                if (numbered && ArraysOf(first, matched) is { } arrays)
                {
                    // PostgreSQL: one array per column (as PostgresUnnestInsert sends new rows), not one parameter per value.
                    text.Append(" FROM unnest(");
                    for (var k = 0; k < arrays.Length; k++)
                    {
                        var changed = k < first.Changed.Count;
                        var condition = changed ? null : matched[k - first.Changed.Count];
                        text.Append(k == 0 ? "{" : ", {").Append(parameters.Count).Append('}');
                        parameters.Add(PostgresUnnestInsert.ArrayOf(arrays[k], chunk.Count,
                            r => changed ? chunk[r].Changed[k].CurrentValue : chunk[r].Entry.OriginalValues[condition!]));
                    }

                    text.Append(')');
                }
                else
                {
                    text.Append(" FROM (VALUES ")
                        .AppendJoin(", ", chunk.Select(row => "(" + string.Join(", ",
                            row.Changed.Select(p => Parameter(p.Metadata, p.CurrentValue, true))
                                .Concat(matched.Select(p => Parameter(p, row.Entry.OriginalValues[p], true)))) + ")"))
                        .Append(')');
                }

                text.Append(" AS v(")
                    .AppendJoin(", ", first.Changed.Select((_, i) => $"s{i}").Concat(matched.Select((_, i) => $"w{i}")))
                    .Append(") WHERE ")
                    .AppendJoin(" AND ", first.Conditions.Select(p => matched.IndexOf(p) is var i and >= 0
                        ? $"target.{sql.DelimitIdentifier(p.GetColumnName(first.Table)!)} = v.w{i}"
                        : $"target.{sql.DelimitIdentifier(p.GetColumnName(first.Table)!)} IS NULL"))
                    // Every row of the list must have been found: one missing fails the whole command, as one row's UPDATE does.
                    .Append(" RETURNING 1) SELECT 1 / (count(*) = ").Append(chunk.Count).Append(")::int FROM changed;\n");
                statement++;
            }
        }
    }

    /// <summary>
    /// The array form of a grouped UPDATE's columns, its changed columns then its matched keys and tokens; null when one of them
    /// has none (<see cref="PostgresUnnestInsert.ColumnOf"/>), and then the rows go as a VALUES list.
    /// </summary>
    private static PostgresUnnestInsert.Column[]? ArraysOf(UpdateShape first, List<IProperty> matched)
    {
        var properties = first.Changed.Select(p => p.Metadata).Concat(matched).ToList();
        var columns = new PostgresUnnestInsert.Column[properties.Count];
        for (var k = 0; k < properties.Count; k++)
        {
            if (PostgresUnnestInsert.ColumnOf(properties[k], (RelationalTypeMapping)properties[k].GetTypeMapping()) is not { } column)
            {
                return null;
            }

            columns[k] = column;
        }

        return columns;
    }

    /// <summary>
    /// A changed row's UPDATE: its table, its changed columns, and the key and concurrency tokens that find it. Rows with equal
    /// <see cref="Key"/> (same table, same changed columns, same tokens null) share one statement.
    /// </summary>
    /// <summary>
    /// The changed rows cut into groups of one table and shape, in one order for every save: groups by table and then by their
    /// first row's key, rows by key (as EF Core's own path orders its commands). Two saves that change the same rows in the same
    /// shapes then take their locks in the same order wherever the change tracker met them. Saves that change the same rows in
    /// different shapes can still cross; PostgreSQL then ends one as a deadlock's victim, which
    /// <see cref="ModuleDbContext"/> reports as the concurrency conflict it is (splitting groups into strict key order would cost
    /// a chat batch its one UPDATE).
    /// </summary>
    private static IEnumerable<List<UpdateShape>> InLockOrder(IEnumerable<EntityEntry> updates) =>
        updates.Select(e => UpdateShape.Of(e)).OfType<UpdateShape>()
            .OrderBy(u => u.RowKey, StringComparer.Ordinal)
            .GroupBy(u => u.Key)
            .Select(g => g.ToList())
            .OrderBy(g => $"{g[0].Table.Schema}.{g[0].Table.Name}", StringComparer.Ordinal)
            .ThenBy(g => g[0].RowKey, StringComparer.Ordinal);

    private sealed record UpdateShape(EntityEntry Entry, StoreObjectIdentifier Table, List<PropertyEntry> Changed, List<IProperty> Conditions, string Key)
    {
        /// <summary>The row's shape; null when none of its mapped columns changed.</summary>
        public static UpdateShape? Of(EntityEntry entry)
        {
            var type = entry.Metadata;
            var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
            var changed = entry.Properties.Where(p => p.IsModified && !p.Metadata.IsPrimaryKey() && p.Metadata.GetColumnName(table) is not null).ToList();
            if (changed.Count == 0)
            {
                return null;
            }

            var conditions = type.FindPrimaryKey()!.Properties.Concat(type.GetProperties().Where(p => p.IsConcurrencyToken && !p.IsPrimaryKey())).ToList();
            var key = $"{table.Schema}.{table.Name}|{string.Join(",", changed.Select(p => p.Metadata.Name))}|"
                + string.Join(",", conditions.Select(p => entry.OriginalValues[p] is null ? "null" : p.Name));
            return new UpdateShape(entry, table, changed, conditions, key);
        }

        /// <summary>The row's primary key as invariant text, for ordering only.</summary>
        public string RowKey => string.Join("|", Entry.Metadata.FindPrimaryKey()!.Properties
            .Select(p => Convert.ToString(Entry.OriginalValues[p], System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// The type a value of a column of <paramref name="columnType"/> is cast to in a VALUES list: the column's own, but a
    /// character or bit-string type without its length (<c>varchar(32)</c> → <c>varchar</c>, <c>char(2)</c> → <c>bpchar</c>,
    /// <c>bit(5)</c> and <c>bit varying(5)</c> → <c>varbit</c>), because an explicit cast to it cuts (or pads) a longer value
    /// silently, where the assignment to the column refuses it as a single row's UPDATE does (PostgreSQL 15, "Bit String
    /// Types" and "Character Types": explicit casts truncate). Other modifiers (numeric's precision, a timestamp's) round the
    /// same either way and are kept.
    /// </summary>
    internal static string ValuesType(string columnType) =>
        CharacterType().Match(columnType) is { Success: true } match
            ? (match.Groups["fixed"].Success ? "bpchar" : match.Groups["bits"].Success ? "varbit" : match.Groups["base"].Value) + match.Groups["array"].Value
            : columnType;

    [GeneratedRegex(@"^\s*(?:(?<base>character varying|varchar)|(?<bits>bit varying|varbit|bit)|(?<fixed>character|char))\s*\(\s*\d+\s*\)(?<array>(?:\[\])*)\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CharacterType();

    /// <summary>The command failed because one of its UPDATEs found no row (see <see cref="Append"/>).</summary>
    public static bool IsRowNotFound(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.DivisionByZero } || exception.InnerException is { } inner && IsRowNotFound(inner);

    /// <summary>A type whose rows are exactly its columns' values in the change tracker: no store-generated value, no owned, complex or derived types.</summary>
    private static bool Plain(IEntityType type) =>
        type.GetTableName() is not null && !type.IsOwned() && type.BaseType is null && !type.GetDirectlyDerivedTypes().Any()
        && !type.GetComplexProperties().Any() && !type.GetNavigations().Any(n => n.TargetEntityType.IsOwned())
        && type.GetProperties().All(p => p.GetDefaultValueSql() is null && p.GetComputedColumnSql() is null
            && p.FindAnnotation(RelationalAnnotationNames.DefaultValue) is null
            && (p.ValueGenerated == ValueGenerated.Never || (p.ValueGenerated == ValueGenerated.OnAdd && p.ClrType == typeof(Guid) && p.IsPrimaryKey())));

    /// <summary>
    /// A change that no INSERT of the same save can depend on or collide with, whichever runs first: it changes no key, foreign
    /// key or column of a unique index, and its table has no filtered unique index (whose filter can name any column). EF Core
    /// orders such pairs itself; the one command runs the INSERTs first.
    /// </summary>
    private static bool IndependentUpdate(EntityEntry entry) =>
        !entry.Metadata.GetIndexes().Any(i => i.IsUnique && i.GetFilter() is not null)
        && entry.Properties.Where(p => p.IsModified).All(p => !p.Metadata.IsKey() && !p.Metadata.IsForeignKey()
            && !p.Metadata.GetContainingIndexes().Any(i => i.IsUnique));

    /// <summary>
    /// Orders the groups so that a type comes after every other type in the save its foreign keys point to. Null (EF Core's own
    /// path) when no such order exists, or when several new rows of a type point to rows of the same type: their order within the
    /// type would matter once they span several statements, and EF Core sorts such rows itself.
    /// </summary>
    private static List<(IEntityType Type, List<EntityEntry> Rows)>? Ordered(List<(IEntityType Type, List<EntityEntry> Rows)> groups)
    {
        if (groups.Exists(g => g.Rows.Count > 1 && g.Type.GetForeignKeys().Any(fk => fk.PrincipalEntityType.IsAssignableFrom(g.Type))))
        {
            return null;
        }

        var ordered = new List<(IEntityType Type, List<EntityEntry> Rows)>(groups.Count);
        var left = new List<(IEntityType Type, List<EntityEntry> Rows)>(groups);
        while (left.Count > 0)
        {
            var next = left.FindIndex(g => g.Type.GetForeignKeys().All(fk => fk.PrincipalEntityType == g.Type
                || ordered.Exists(o => o.Type == fk.PrincipalEntityType) || !left.Exists(l => l.Type == fk.PrincipalEntityType)));
            if (next < 0)
            {
                return null;
            }

            ordered.Add(left[next]);
            left.RemoveAt(next);
        }

        return ordered;
    }

    /// <summary>What one command writes: new rows per entity type in insertion order, then changed rows.</summary>
    internal sealed record Plan(List<(IEntityType Type, List<EntityEntry> Rows)> Inserts, List<EntityEntry> Updates)
    {
        /// <summary>The tracked rows the command writes (what <c>SaveChanges</c> returns).</summary>
        public int Rows => Inserts.Sum(g => g.Rows.Count) + Updates.Count;
    }
}
