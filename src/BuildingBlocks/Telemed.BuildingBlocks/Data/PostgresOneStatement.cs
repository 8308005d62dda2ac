using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Telemed.BuildingBlocks.Data;

/// <summary>
/// A one-command save's statements (<see cref="MultiRowInsert"/>, <see cref="OneCommandSave"/>, the audit journal's INSERT) sent to
/// PostgreSQL as ONE statement with positional parameters (<c>$1</c>, <c>$2</c>, …): the INSERTs and UPDATEs become
/// data-modifying <c>WITH</c> parts, and the UPDATEs' row checks and the save's guards (<see cref="SaveGuard"/>) one final
/// <c>SELECT</c>. With named parameters Npgsql parses and rewrites every command's text and looks each name up, and EF Core's
/// raw-SQL builder formats the text again: together about 7 % of the booking host's CPU (perf, measured run, 2026-12-06).
/// Npgsql sends a command with positional parameters as it is, but only as one statement, hence the <c>WITH</c>. The command
/// still goes through EF Core's relational command, so its interceptors, logging and execution strategy see it as before.
/// <para>
/// Same effects: one statement is one implicit transaction, as the statements before one Sync were. Its parts see one snapshot
/// and none sees another's rows, which is safe for these saves: an UPDATE changes only rows that existed before the save and no
/// key or unique column (<see cref="OneCommandSave"/>); foreign keys are checked when the whole statement ends, so a dependent may
/// come in a part before or after its principal (PostgreSQL 15, "Data-Modifying Statements in WITH" and "CREATE TABLE":
/// non-deferred constraints are checked at the end of each statement).
/// </para>
/// </summary>
internal static class PostgresOneStatement
{
    private const string UpdateHead = "WITH changed AS (UPDATE ";

    private const string UpdateCheck = " RETURNING 1) SELECT ";

    private const string UpdateTail = " FROM changed";

    /// <summary>
    /// The statement and its positional parameters for <paramref name="text"/> (statements that each end with <c>;</c> and a line
    /// break, as the builders write them) and <paramref name="parameters"/> (<see cref="DbParameter"/>s at <c>{n}</c> placeholders,
    /// as the builders write them on PostgreSQL, or named ones, or plain values for <c>{n}</c> placeholders). Null when the text
    /// holds anything else than those builders' INSERTs, row-checked UPDATEs and guards, a quote or a dollar sign, or more
    /// parameters than one statement takes here (30,000): the caller then sends it as it is, through EF Core's raw SQL.
    /// </summary>
    public static (string Sql, DbParameter[] Parameters)? TryBuild(DbContext db, string text, List<object?> parameters)
    {
        // One statement takes at most 65,535 parameters (the protocol's count is 16 bits); the builders keep each of theirs under
        // 30,000, so a large save of several statements stays several statements.
        if (parameters.Count > MultiRowInsert.ParametersPerStatement(db.Database) || text.AsSpan().IndexOfAny('\'', '$') >= 0)
        {
            return null;
        }

        // What each statement is, before anything is written: the last INSERT is the statement's own body only when nothing
        // after it needs the final SELECT. One pass then writes the statement with its placeholders numbered (the text used to
        // be split, joined and scanned again: 3.5 % of the booking host's CPU).
        var statements = new List<Statement>();
        var (parts, checks) = (0, 0);
        var span = text.AsSpan();
        for (var at = 0; at < span.Length;)
        {
            var end = span[at..].IndexOf(";\n", StringComparison.Ordinal) is var found and >= 0 ? at + found : span.Length;
            var (start, length) = Trimmed(span, at, end);
            at = Math.Min(span.Length, end + 2);
            if (length == 0)
            {
                continue;
            }

            var statement = span.Slice(start, length);
            if (statement.StartsWith("INSERT INTO ", StringComparison.Ordinal))
            {
                statements.Add(new Statement(start, length, Kind.Insert, 0));
                parts++;
            }
            else if (statement.StartsWith(UpdateHead, StringComparison.Ordinal) && statement.EndsWith(UpdateTail, StringComparison.Ordinal)
                && statement.LastIndexOf(UpdateCheck, StringComparison.Ordinal) is var check and > 0
                && statement[(check + UpdateCheck.Length)..^UpdateTail.Length].Contains("count(*)", StringComparison.Ordinal))
            {
                // "WITH changed AS (UPDATE … RETURNING 1) SELECT <expression of count(*)> FROM changed": the UPDATE becomes a part of
                // its own, and its expression one column of the final SELECT, over that part's count.
                statements.Add(new Statement(start, length, Kind.Update, check));
                parts++;
                checks++;
            }
            else if (statement.StartsWith(SaveGuard.Head, StringComparison.Ordinal))
            {
                // "SELECT (SELECT 1 UNION ALL (…))": its scalar subquery becomes one column of the final SELECT.
                statements.Add(new Statement(start, length, Kind.Guard, 0));
                checks++;
            }
            else
            {
                return null;
            }
        }

        if (parts == 0)
        {
            return null;
        }

        var writer = new PositionalWriter(parameters, text.Length + 32 * parts);
        var sql = writer.Sql;
        var (written, checkIndex) = (0, 0);
        foreach (var statement in statements)
        {
            var body = span.Slice(statement.Start, statement.Length);
            if (statement.Kind == Kind.Guard)
            {
                checkIndex++;
                continue;
            }

            if (checks == 0 && written == parts - 1)
            {
                sql.Append(written == 0 ? "" : " ");
                if (!writer.Append(body))
                {
                    return null;
                }
            }
            else if (statement.Kind == Kind.Insert)
            {
                sql.Append(written == 0 ? "WITH " : ", ").Append('s').Append(written).Append(" AS (");
                if (!writer.Append(body))
                {
                    return null;
                }

                sql.Append(')');
            }
            else
            {
                sql.Append(written == 0 ? "WITH " : ", ").Append('u').Append(checkIndex++).Append(" AS (UPDATE ");
                if (!writer.Append(body[UpdateHead.Length..statement.Check]))
                {
                    return null;
                }

                sql.Append(" RETURNING 1)");
            }

            written++;
        }

        if (checks > 0)
        {
            sql.Append(" SELECT ");
            checkIndex = 0;
            foreach (var statement in statements)
            {
                var body = span.Slice(statement.Start, statement.Length);
                if (statement.Kind == Kind.Insert)
                {
                    continue;
                }

                sql.Append(checkIndex == 0 ? "" : ", ");
                if (statement.Kind == Kind.Guard)
                {
                    if (!writer.Append(body["SELECT ".Length..]))
                    {
                        return null;
                    }
                }
                else
                {
                    // The expression over this part's count: count(*) becomes (SELECT count(*) FROM uN).
                    var expression = body[(statement.Check + UpdateCheck.Length)..^UpdateTail.Length];
                    for (var count = expression.IndexOf("count(*)", StringComparison.Ordinal); count >= 0;
                        count = expression.IndexOf("count(*)", StringComparison.Ordinal))
                    {
                        sql.Append(expression[..count]).Append("(SELECT count(*) FROM u").Append(checkIndex).Append(')');
                        expression = expression[(count + "count(*)".Length)..];
                    }

                    sql.Append(expression);
                }

                checkIndex++;
            }
        }

        return (sql.ToString(), writer.Parameters(db));
    }

    private enum Kind : byte { Insert, Update, Guard }

    /// <summary>A statement of the text: where it is, what it is, and for an UPDATE where its check starts.</summary>
    private readonly record struct Statement(int Start, int Length, Kind Kind, int Check);

    private static (int Start, int Length) Trimmed(ReadOnlySpan<char> text, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return (start, end - start);
    }

    /// <summary>
    /// Writes text with each <c>@name</c> and <c>{n}</c> placeholder replaced by <c>$k</c>, k counting the parameters in the order
    /// they are first met, and gives those parameters in that order.
    /// </summary>
    private sealed class PositionalWriter(List<object?> parameters, int capacity)
    {
        private readonly int[] _position = new int[parameters.Count];
        private readonly List<int> _order = new(parameters.Count);
        private Dictionary<string, int>? _byName;
        private int _guess;

        public StringBuilder Sql { get; } = new(capacity);

        /// <summary>Appends <paramref name="text"/> to <see cref="Sql"/>; false when a placeholder names no parameter.</summary>
        public bool Append(ReadOnlySpan<char> text)
        {
            var sql = Sql;
            var at = 0;
            while (true)
            {
                var next = text[at..].IndexOfAny('@', '{');
                if (next < 0)
                {
                    sql.Append(text[at..]);
                    return true;
                }

                next += at;
                sql.Append(text[at..next]);
                int index;
                int end;
                if (text[next] == '{')
                {
                    end = text[next..].IndexOf('}') is var close and > 1 ? next + close : -1;
                    if (end < 0 || !int.TryParse(text[(next + 1)..end], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out index)
                        || index >= parameters.Count)
                    {
                        return false;
                    }

                    end++;
                }
                else
                {
                    end = next + 1;
                    while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_'))
                    {
                        end++;
                    }

                    var name = text[next..end];
                    // The builders add each named parameter as they write its name, so the next one in the list is nearly always it.
                    if (_guess < parameters.Count && parameters[_guess] is DbParameter candidate && Named(candidate, name))
                    {
                        index = _guess;
                    }
                    else
                    {
                        _byName ??= NamesOf(parameters);
                        if (!_byName.TryGetValue(name.ToString(), out index))
                        {
                            return false;
                        }
                    }

                    _guess = index + 1;
                }

                if (_position[index] == 0)
                {
                    _order.Add(index);
                    _position[index] = _order.Count;
                }

                sql.Append('$').Append(_position[index]);
                at = end;
            }
        }

        /// <summary>The parameters met, in order: unnamed <see cref="DbParameter"/>s as given, and typed ones for plain values.</summary>
        public DbParameter[] Parameters(DbContext db)
        {
            var result = new DbParameter[_order.Count];
            DbCommand? factory = null;
            Dictionary<Type, RelationalTypeMapping>? mappings = null;
            IRelationalTypeMappingSource? source = null;
            try
            {
                for (var k = 0; k < _order.Count; k++)
                {
                    var value = parameters[_order[k]];
                    if (value is DbParameter parameter)
                    {
                        // Unnamed parameters are Npgsql's positional mode: the text is sent as it is, without parsing or name lookups.
                        if (parameter.ParameterName.Length > 0)
                        {
                            parameter.ParameterName = "";
                        }

                        result[k] = parameter;
                        continue;
                    }

                    // A {n} value gets the parameter EF Core's raw SQL would give it (the type mapping for its CLR type), looked up
                    // once per type here (an audit entry's eleven values are five types).
                    factory ??= db.Database.GetDbConnection().CreateCommand();
                    source ??= db.GetService<IRelationalTypeMappingSource>();
                    RelationalTypeMapping mapping;
                    if (value is null)
                    {
                        mapping = source.GetMappingForValue(null);
                    }
                    else if (!(mappings ??= []).TryGetValue(value.GetType(), out mapping!))
                    {
                        mapping = source.GetMappingForValue(value);
                        mappings[value.GetType()] = mapping;
                    }

                    result[k] = mapping.CreateParameter(factory, "", value, nullable: true);
                }
            }
            finally
            {
                factory?.Dispose();
            }

            return result;
        }
    }

    private static bool Named(DbParameter parameter, ReadOnlySpan<char> name)
    {
        var own = parameter.ParameterName.AsSpan();
        return own.SequenceEqual(name) || (own.Length == name.Length - 1 && own.SequenceEqual(name[1..]));
    }

    private static Dictionary<string, int> NamesOf(List<object?> parameters)
    {
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < parameters.Count; i++)
        {
            if (parameters[i] is DbParameter { ParameterName: { Length: > 0 } name })
            {
                names.TryAdd(name.StartsWith('@') ? name : "@" + name, i);
            }
        }

        return names;
    }

    /// <summary>
    /// Runs <paramref name="sql"/> with its positional <paramref name="parameters"/> as EF Core's relational command (its
    /// interceptors, diagnostics and execution strategy, as <c>ExecuteSqlRawAsync</c> runs a command).
    /// </summary>
    public static async Task ExecuteAsync(DbContext db, string sql, DbParameter[] parameters, CancellationToken ct)
    {
        var builder = db.GetService<IRelationalCommandBuilderFactory>().Create().Append(sql);
        for (var k = 0; k < parameters.Length; k++)
        {
            builder.AddParameter(new PositionalParameter(InvariantName(k), parameters[k]));
        }

        var command = builder.Build();
        var connection = db.GetService<IRelationalConnection>();
        var logger = db.GetService<IRelationalCommandDiagnosticsLogger>();
        await db.Database.CreateExecutionStrategy().ExecuteAsync(
            (command, connection, logger, db),
            static async (_, state, token) => await state.command.ExecuteNonQueryAsync(
                new RelationalCommandParameterObject(state.connection, null, null, state.db, state.logger, CommandSource.ExecuteSqlRaw), token),
            null,
            ct);
    }

    /// <summary>
    /// A ready parameter added to the command as it is. EF Core's raw parameter skips one whose name the command already has, and
    /// positional parameters all have the same (empty) name.
    /// </summary>
    private sealed class PositionalParameter(string invariantName, DbParameter parameter) : IRelationalParameter
    {
        public string InvariantName => invariantName;

        public void AddDbParameter(DbCommand command, object? value) => command.Parameters.Add(parameter);

        public void AddDbParameter(DbCommand command, IReadOnlyDictionary<string, object?>? parameterValues) => command.Parameters.Add(parameter);
    }

    private static string InvariantName(int k) => k < Names.Length ? Names[k] : $"p{k}";

    private static readonly string[] Names = [.. Enumerable.Range(0, 1024).Select(k => $"p{k}")];
}
