using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Telemed.BuildingBlocks.Data;

/// <summary>
/// A check a save makes in its own statement, on PostgreSQL: the save refuses itself, writing nothing, when some row of one table
/// has the given column values. A caller that would otherwise read those rows first, only to find none nearly every time (a
/// booking and the patient's waiting waitlist entries), skips that round trip and its query: a booking spent about 6 % of the
/// host's CPU reading an empty waitlist (perf, measured run, 2026-12-06).
/// <para>
/// The check is <c>SELECT (SELECT 1 UNION ALL (SELECT 1 FROM t WHERE … LIMIT 1))</c>: a scalar subquery that returns a second row
/// when a row matches, which PostgreSQL refuses at run time with <c>cardinality_violation</c> (SQLSTATE 21000; PostgreSQL
/// documentation, "Scalar Subqueries": "it is an error to use a query that returns more than one row"). Inside the save's one
/// statement it is a column of the final <c>SELECT</c> (<see cref="PostgresOneStatement"/>), so the error takes back every part of
/// the statement; in a several-statement save it is a statement of its own in the save's transaction, with the same effect. It
/// sees the snapshot the save's writes see. No builder of a save writes anything else that raises 21000 (no <c>ON CONFLICT
/// DO UPDATE</c>, no scalar subquery), so the error names the guard. SQLite takes the first row of a scalar subquery without
/// complaint, so there the caller reads first, as before.
/// </para>
/// </summary>
internal static class SaveGuard
{
    /// <summary>How a guard's statement starts; <see cref="PostgresOneStatement"/> recognises it by this.</summary>
    internal const string Head = "SELECT (SELECT 1 UNION ALL (SELECT 1 FROM ";

    /// <summary>
    /// Appends the guard's statement (ending with <c>;</c> and a line break, as the builders write theirs) and its parameters, at
    /// <c>{n}</c> placeholders, typed by each property's mapping (its value converter applied, as a query's parameter is).
    /// Throws <see cref="InvalidOperationException"/> for a property the entity type does not map to a column.
    /// </summary>
    public static void Append(DbContext db, IEntityType entityType, IReadOnlyList<(string Property, object? Value)> equals, StringBuilder text,
        List<object?> parameters)
    {
        var shape = ShapeOf(db, entityType, equals);
        text.Append(shape.Head);
        using var factory = db.Database.GetDbConnection().CreateCommand();
        for (var i = 0; i < equals.Count; i++)
        {
            var (column, nullable, mapping) = shape.Columns[i];
            text.Append(column).Append(" = {").Append(parameters.Count).Append('}');
            parameters.Add(mapping.CreateParameter(factory, "", equals[i].Value, nullable));
        }

        text.Append(" LIMIT 1));\n");
    }

    /// <summary>
    /// The guard's text up to its first column, and each column's comparison head and type mapping, worked out once per entity
    /// type, properties and SQL dialect (walking the model for them was most of a guard's cost).
    /// </summary>
    private static Shape ShapeOf(DbContext db, IEntityType entityType, IReadOnlyList<(string Property, object? Value)> equals)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var key = string.Join('|', equals.Select(e => e.Property));
        var shapes = Shapes.GetValue(entityType, static _ => new System.Collections.Concurrent.ConcurrentDictionary<string, Shape>(StringComparer.Ordinal));
        if (shapes.TryGetValue(key, out var shape) && shape.Dialect == sql.GetType())
        {
            return shape;
        }

        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var columns = new (string, bool, RelationalTypeMapping)[equals.Count];
        for (var i = 0; i < equals.Count; i++)
        {
            var name = equals[i].Property;
            var property = entityType.FindProperty(name)
                ?? throw new InvalidOperationException($"{entityType.DisplayName()} has no property {name}.");
            var column = property.GetColumnName(table) ?? throw new InvalidOperationException($"{entityType.DisplayName()}.{name} is not a column.");
            columns[i] = ((i == 0 ? "" : " AND ") + sql.DelimitIdentifier(column), property.IsNullable, (RelationalTypeMapping)property.GetTypeMapping());
        }

        shape = new Shape(sql.GetType(), $"{Head}{sql.DelimitIdentifier(table.Name, table.Schema)} WHERE ", columns);
        shapes[key] = shape;
        return shape;
    }

    private sealed record Shape(Type Dialect, string Head, (string Column, bool Nullable, RelationalTypeMapping Mapping)[] Columns);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IEntityType,
        System.Collections.Concurrent.ConcurrentDictionary<string, Shape>> Shapes = [];

    /// <summary>The save failed because one of its guards found a row (see <see cref="SaveGuard"/>).</summary>
    public static bool IsRefusal(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.CardinalityViolation } || exception.InnerException is { } inner && IsRefusal(inner);
}

/// <summary>
/// A save refused by a guard queued with <see cref="ModuleDbContext.RefuseSaveIfAny{T}"/>: a row it names exists, and nothing of
/// the save was written (its audit records included; the unit of work's carried records are written at its end as for any
/// failed save). The tracked changes are still pending: clear them, read what the guard stood for, and save again.
/// </summary>
public sealed class SaveRefusedException(string guards, Exception inner)
    : DbUpdateException($"The save was refused: a row it was guarded against exists ({guards}); nothing was saved.", inner)
{
    /// <summary>The refused guards' entity types, comma-separated (a save with several cannot tell which one found a row).</summary>
    public string Guards { get; } = guards;
}
