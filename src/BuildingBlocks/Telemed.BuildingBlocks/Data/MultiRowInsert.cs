using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Telemed.BuildingBlocks.Data;

/// <summary>
/// Writes several rows of one entity type as ONE <c>INSERT … VALUES (…), (…)</c> statement. EF Core batches the inserts of a
/// <c>SaveChanges</c> into one round trip, but on PostgreSQL (Npgsql) and SQLite each row is still its own statement; a booking's
/// six 5-minute time blocks and its reminders would be ten. Columns, names and value conversions come from the EF model, so
/// the rows are stored exactly as <c>SaveChanges</c> would store them. The rows are not tracked; run it in the caller's
/// transaction. On PostgreSQL two rows or more go as one array per column (<see cref="PostgresUnnestInsert"/>).
/// </summary>
public static class MultiRowInsert
{
    /// <summary>
    /// Inserts <paramref name="rows"/> as one statement per chunk of at most 30,000 values (SQLite's and PostgreSQL's parameter
    /// limits are 32,766 and 65,535); none: no statement. A unique-key violation is thrown as a <see cref="DbUpdateException"/>,
    /// as from <c>SaveChanges</c>.
    /// </summary>
    public static Task InsertRowsAsync<T>(this DbContext db, IReadOnlyList<T> rows, CancellationToken ct) where T : class =>
        InsertRowsAsync(db, rows, onConflict: null, ct);

    /// <summary>
    /// As <see cref="InsertRowsAsync{T}(DbContext, IReadOnlyList{T}, CancellationToken)"/>, with <paramref name="onConflict"/> (none when null)
    /// after each statement's values: an <c>ON CONFLICT (…) DO NOTHING</c> or <c>DO UPDATE SET … WHERE …</c> clause that
    /// PostgreSQL and SQLite (3.24 and later) both read, naming columns in double quotes and the stored row as <c>{table}</c>
    /// (replaced by the table's name as each database knows it, without schema). Lets a writer that only needs "insert if missing, else adjust" skip reading the rows first. The rows must not
    /// repeat a conflict key among themselves (PostgreSQL refuses to update one row twice in a statement).
    /// </summary>
    public static async Task InsertRowsAsync<T>(this DbContext db, IReadOnlyList<T> rows, string? onConflict, CancellationToken ct) where T : class
    {
        var perStatement = RowsPerStatement<T>(db);
        for (var start = 0; start < rows.Count; start += perStatement)
        {
            await InsertChunkAsync(db, rows.Skip(start).Take(perStatement).ToList(), onConflict, ct);
        }
    }

    private static async Task InsertChunkAsync<T>(DbContext db, IReadOnlyList<T> rows, string? onConflict, CancellationToken ct) where T : class
    {
        var text = new StringBuilder();
        var parameters = new List<object?>();
        AppendInsert(db, rows, text, parameters, "");
        if (onConflict is not null)
        {
            var table = db.GetService<ISqlGenerationHelper>().DelimitIdentifier(db.Model.FindEntityType(typeof(T))!.GetTableName()!);
            text.Length -= ";\n".Length;
            text.Append(' ').Append(onConflict.Replace("{table}", table, StringComparison.Ordinal)).Append(";\n");
        }

        await ExecuteAsync(db, text.ToString(), parameters, ct);
    }

    /// <summary>The most rows of <typeparamref name="T"/> one statement takes (30,000 values, under both databases' parameter limits).</summary>
    internal static int RowsPerStatement<T>(DbContext db) where T : class =>
        Math.Max(1, ParametersPerStatement(db.Database) / Math.Max(1, db.Model.FindEntityType(typeof(T))?.GetProperties().Count() ?? 1));

    /// <summary>
    /// The most values one statement takes. PostgreSQL: 30,000 (its limit is 65,535). SQLite: 100, though its limit is 32,766:
    /// Microsoft.Data.Sqlite finds each parameter of a statement by a linear search of the statement's names, so binding costs
    /// grow with the square of the statement's size (measured here: 0.7 µs a value at 11–55 values, 1.6 µs at 660), and on
    /// SQLite every write runs inside the host's one write gate.
    /// </summary>
    public static int ParametersPerStatement(DatabaseFacade database) => database.IsSqliteDatabase() ? 100 : 30_000;

    /// <summary>
    /// Appends one <c>INSERT … VALUES (…), (…);</c> of <paramref name="rows"/> to <paramref name="text"/> and its typed parameters
    /// to <paramref name="parameters"/>: on PostgreSQL unnamed, at <c>{n}</c> placeholders (n their index in the list), and for two
    /// rows or more <c>INSERT … SELECT * FROM unnest({n}, …);</c> with one array per column where every column has an array form;
    /// elsewhere named <c>@{prefix}r{row}c{column}</c>, so statements sent together need distinct prefixes.
    /// </summary>
    internal static void AppendInsert<T>(DbContext db, IReadOnlyList<T> rows, StringBuilder text, List<object?> parameters, string prefix) where T : class
    {
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        AppendInsert(db, entityType, rows.Count, (row, property) => property.GetGetter().GetClrValue(rows[row]), text, parameters, prefix);
    }

    /// <summary>
    /// As <see cref="AppendInsert{T}(DbContext, IReadOnlyList{T}, StringBuilder, List{object?}, string)"/>, for <paramref name="count"/>
    /// rows of <paramref name="entityType"/> whose values <paramref name="value"/> gives (row index, property; shadow properties
    /// included when the caller reads them from the change tracker).
    /// </summary>
    internal static void AppendInsert(DbContext db, IEntityType entityType, int count, Func<int, IProperty, object?> value, StringBuilder text,
        List<object?> parameters, string prefix)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        // PostgreSQL: numbered placeholders of unnamed parameters, which its one statement turns into positional ones
        // (PostgresOneStatement) without a name to write, compare or drop.
        var numbered = db.Database.IsPostgres();
        var shape = ShapeOf(entityType, sql, numbered);
        if (numbered && count >= 2 && shape.Unnest is { } unnest)
        {
            PostgresUnnestInsert.Append(unnest, count, value, text, parameters);
            return;
        }

        text.Append(shape.Header);
        using var factory = db.Database.GetDbConnection().CreateCommand();
        for (var r = 0; r < count; r++)
        {
            text.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < shape.Columns.Length; c++)
            {
                var (property, mapping) = shape.Columns[c];
                var name = "";
                if (numbered)
                {
                    text.Append(c == 0 ? "{" : ", {").Append(parameters.Count).Append('}');
                }
                else
                {
                    name = $"@{prefix}r{r}c{c}";
                    text.Append(c == 0 ? "" : ", ").Append(name);
                }

                // CreateParameter applies the property's value converter (enums as text, UTC instants), as SaveChanges does.
                parameters.Add(mapping.CreateParameter(factory, name, value(r, property), property.IsNullable));
            }

            text.Append(')');
        }

        text.Append(";\n");
    }

    /// <summary>
    /// An entity type's insert header (<c>INSERT INTO "schema"."table" ("a", "b") VALUES </c>) and its columns' type mappings,
    /// worked out once per entity type and SQL dialect: every booking's save used to walk the model for them again (1–2 % of
    /// the host's CPU under the booking load).
    /// </summary>
    private static InsertShape ShapeOf(IEntityType entityType, ISqlGenerationHelper sql, bool postgres)
    {
        if (Shapes.TryGetValue(entityType, out var shape) && shape.Dialect == sql.GetType())
        {
            return shape;
        }

        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var columns = entityType.GetProperties().Select(p => (Property: p, Column: p.GetColumnName(table))).Where(c => c.Column is not null).ToList();
        var into = new StringBuilder("INSERT INTO ").Append(sql.DelimitIdentifier(table.Name, table.Schema)).Append(" (")
            .AppendJoin(", ", columns.Select(c => sql.DelimitIdentifier(c.Column!))).Append(')').ToString();
        (IProperty Property, RelationalTypeMapping Mapping)[] mapped = [.. columns.Select(c => (c.Property, (RelationalTypeMapping)c.Property.GetTypeMapping()))];
        shape = new InsertShape(sql.GetType(), into + " VALUES ", mapped, postgres ? PostgresUnnestInsert.ShapeOf(into, mapped) : null);
        Shapes.AddOrUpdate(entityType, shape);
        return shape;
    }

    /// <summary>An entity type's VALUES header and columns, and on PostgreSQL its unnest form (null when a column's type has none).</summary>
    private sealed record InsertShape(Type Dialect, string Header, (IProperty Property, RelationalTypeMapping Mapping)[] Columns,
        PostgresUnnestInsert.Shape? Unnest);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IEntityType, InsertShape> Shapes = [];

    /// <summary>
    /// The statements of <paramref name="text"/> (each ends with <c>;</c> and a line break, as every builder here writes them),
    /// each with the named <see cref="System.Data.Common.DbParameter"/>s it uses and its <c>{n}</c> placeholders renumbered
    /// over its own values, to run one by one on SQLite: Microsoft.Data.Sqlite binds every parameter of a command to every
    /// statement of it, looking each name up in the statement (a linear search), so a command of P parameters costs about P × P
    /// name comparisons. A booking's one command (P ≈ 150) spent more time binding than inserting, inside the host's write gate.
    /// </summary>
    internal static IEnumerable<(string Sql, List<object?> Parameters)> Statements(string text, List<object?> parameters)
    {
        var named = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var parameter in parameters)
        {
            if (parameter is System.Data.Common.DbParameter { ParameterName: { Length: > 0 } name })
            {
                named[name.StartsWith('@') ? name : "@" + name] = parameter;
            }
        }

        foreach (var statement in text.Split(";\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var own = new List<object?>();
            var local = new Dictionary<int, int>();
            var sql = Placeholder.Replace(statement, m =>
            {
                var index = int.Parse(m.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture);
                if (!local.TryGetValue(index, out var mine))
                {
                    mine = own.Count;
                    own.Add(parameters[index]);
                    local[index] = mine;
                }

                return "{" + mine.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}";
            });
            foreach (var name in ParameterName.Matches(sql).Select(m => m.Value).Distinct(StringComparer.Ordinal))
            {
                if (named.TryGetValue(name, out var parameter))
                {
                    own.Add(parameter);
                }
            }

            yield return (sql + ";", own);
        }
    }

    /// <summary>Runs <paramref name="statements"/> (from <see cref="Statements"/>) in order, one command each; errors as <see cref="ExecuteAsync"/>.</summary>
    internal static async Task ExecuteEachAsync(DbContext db, IReadOnlyList<(string Sql, List<object?> Parameters)> statements, CancellationToken ct)
    {
        foreach (var (sql, parameters) in statements)
        {
            await ExecuteAsync(db, sql, parameters, ct);
        }
    }

    private static readonly System.Text.RegularExpressions.Regex Placeholder = new(@"\{(\d+)\}", System.Text.RegularExpressions.RegexOptions.Compiled);
    private static readonly System.Text.RegularExpressions.Regex ParameterName = new(@"@[A-Za-z_][A-Za-z0-9_]*", System.Text.RegularExpressions.RegexOptions.Compiled);

    /// <summary>
    /// Runs <paramref name="text"/> (one statement or several, sent in one round trip) with <paramref name="parameters"/>: named
    /// <see cref="System.Data.Common.DbParameter"/>s, or values for <c>{n}</c> placeholders. Any error of the database (a unique
    /// key, a foreign key, a value too long for its column, a lost connection) is thrown as a <see cref="DbUpdateException"/> with
    /// the provider's exception inside, as <c>SaveChanges</c> throws it, so the callers' handlers see one exception type on both paths.
    /// On PostgreSQL the statements go as one, with positional parameters (<see cref="PostgresOneStatement"/>).
    /// </summary>
    internal static async Task ExecuteAsync(DbContext db, string text, List<object?> parameters, CancellationToken ct)
    {
        try
        {
            if (db.Database.IsPostgres() && PostgresOneStatement.TryBuild(db, text, parameters) is { } statement)
            {
                await PostgresOneStatement.ExecuteAsync(db, statement.Sql, statement.Parameters, ct);
            }
            else
            {
                await db.Database.ExecuteSqlRawAsync(text, parameters!, ct);
            }
        }
        catch (System.Data.Common.DbException ex)
        {
            throw new DbUpdateException(ex.IsUniqueViolation() ? "A unique key refused a multi-row insert." : "The database refused a multi-row save.", ex);
        }
    }
}
