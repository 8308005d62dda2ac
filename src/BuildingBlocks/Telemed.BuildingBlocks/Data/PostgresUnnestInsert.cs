using System.Text;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Telemed.BuildingBlocks.Data;

/// <summary>
/// PostgreSQL's form of a multi-row INSERT (<see cref="MultiRowInsert"/>): one array parameter per column,
/// <c>INSERT INTO t ("a", "b") SELECT * FROM unnest({0}, {1})</c>, instead of one parameter per value. A booking's six time blocks
/// and four reminders were 74 of its statement's 146 parameters, each created, typed, numbered and bound by EF Core, Npgsql and
/// PostgreSQL; as arrays they are 16. The statement's text no longer depends on the number of rows, so Npgsql's automatic
/// preparation keeps one prepared statement for a 30- and a 60-minute visit.
/// <para>
/// Same stored values: each value goes through its property's value converter (enums as text, UTC instants, encrypted fields),
/// as <see cref="RelationalTypeMapping.CreateParameter"/> applies it, and the arrays are typed as the column's base type. The
/// INSERT then assigns each element to its column with PostgreSQL's assignment casts, as it assigns a VALUES parameter, so a text
/// longer than its <c>varchar(n)</c> column is refused, not cut (an explicit cast in the SQL would cut it silently). A column
/// whose type is not listed in <see cref="ArrayTypeOf"/> (arrays, json, bit strings, ranges) keeps its entity type on VALUES.
/// </para>
/// </summary>
internal static class PostgresUnnestInsert
{
    /// <summary>An entity type's unnest header and, per column, how its values become one typed array.</summary>
    internal sealed record Shape(string Head, Column[] Columns);

    /// <summary>A column: its property, the converter to the stored value (none: stored as it is), the array's element type and Npgsql type.</summary>
    internal sealed record Column(IProperty Property, Func<object?, object?>? ToProvider, Type Element, NpgsqlDbType ArrayType);

    /// <summary>
    /// The unnest shape for <paramref name="into"/> (<c>INSERT INTO "s"."t" ("a", "b")</c>) and its columns' mappings; null when a
    /// column's stored type has no array form here.
    /// </summary>
    public static Shape? ShapeOf(string into, (IProperty Property, RelationalTypeMapping Mapping)[] columns)
    {
        var result = new Column[columns.Length];
        var head = new StringBuilder(into).Append(" SELECT * FROM unnest(");
        for (var c = 0; c < columns.Length; c++)
        {
            if (ColumnOf(columns[c].Property, columns[c].Mapping) is not { } column)
            {
                return null;
            }

            result[c] = column;
        }

        return new Shape(head.ToString(), result);
    }

    /// <summary>How <paramref name="property"/>'s values become one typed array; null when its stored type has no array form here.</summary>
    public static Column? ColumnOf(IProperty property, RelationalTypeMapping mapping)
    {
        var provider = mapping.Converter?.ProviderClrType ?? property.ClrType;
        provider = Nullable.GetUnderlyingType(provider) ?? provider;
        if (ArrayTypeOf(mapping.StoreTypeNameBase, provider) is not { } type)
        {
            return null;
        }

        var element = provider.IsValueType && property.IsNullable ? typeof(Nullable<>).MakeGenericType(provider) : provider;
        return new Column(property, mapping.Converter is { } converter ? converter.ConvertToProvider : null, element, NpgsqlDbType.Array | type);
    }

    /// <summary>The array parameter of <paramref name="count"/> values of <paramref name="column"/> (<paramref name="value"/> gives a row's model value).</summary>
    public static NpgsqlParameter ArrayOf(Column column, int count, Func<int, object?> value)
    {
        var values = Array.CreateInstance(column.Element, count);
        for (var r = 0; r < count; r++)
        {
            var model = value(r);
            values.SetValue(model is null || column.ToProvider is null ? model : column.ToProvider(model), r);
        }

        return new NpgsqlParameter { NpgsqlDbType = column.ArrayType, Value = values };
    }

    /// <summary>
    /// Appends the INSERT of <paramref name="count"/> rows (<paramref name="value"/> gives a row's property value) with one array
    /// parameter per column at <c>{n}</c> placeholders (n its index in <paramref name="parameters"/>), and <c>;</c> and a line break.
    /// </summary>
    public static void Append(Shape shape, int count, Func<int, IProperty, object?> value, StringBuilder text, List<object?> parameters)
    {
        text.Append(shape.Head);
        for (var c = 0; c < shape.Columns.Length; c++)
        {
            var column = shape.Columns[c];
            text.Append(c == 0 ? "{" : ", {").Append(parameters.Count).Append('}');
            parameters.Add(ArrayOf(column, count, r => value(r, column.Property)));
        }

        text.Append(");\n");
    }

    /// <summary>
    /// The Npgsql element type for a column of <paramref name="storeType"/> (its name without length or precision) holding
    /// <paramref name="clr"/> values, for the types Telemed's tables store; null for any other.
    /// </summary>
    internal static NpgsqlDbType? ArrayTypeOf(string storeType, Type clr) => (storeType, clr) switch
    {
        ("uuid", _) when clr == typeof(Guid) => NpgsqlDbType.Uuid,
        ("text" or "character varying" or "varchar" or "character" or "char", _) when clr == typeof(string) => NpgsqlDbType.Text,
        ("integer" or "int" or "int4", _) when clr == typeof(int) => NpgsqlDbType.Integer,
        ("bigint" or "int8", _) when clr == typeof(long) => NpgsqlDbType.Bigint,
        ("smallint" or "int2", _) when clr == typeof(short) => NpgsqlDbType.Smallint,
        ("boolean" or "bool", _) when clr == typeof(bool) => NpgsqlDbType.Boolean,
        ("numeric" or "decimal", _) when clr == typeof(decimal) => NpgsqlDbType.Numeric,
        ("double precision" or "float8", _) when clr == typeof(double) => NpgsqlDbType.Double,
        ("timestamp with time zone" or "timestamptz", _) when clr == typeof(DateTime) => NpgsqlDbType.TimestampTz,
        ("date", _) when clr == typeof(DateOnly) => NpgsqlDbType.Date,
        ("bytea", _) when clr == typeof(byte[]) => NpgsqlDbType.Bytea,
        _ => null,
    };
}
