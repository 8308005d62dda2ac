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
/// Npgsql sends a command with positional parameters as it is, but only as one statement, hence the <c>WITH</c>. The command still goes through EF Core's relational command, so its
/// interceptors, logging and execution strategy see it as before.
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
    /// holds anything else than those builders' INSERTs, row-checked UPDATEs and guards, a quote or a dollar sign, or more parameters than
    /// one statement takes here (30,000): the caller then sends it as it is, through EF Core's raw SQL.
    /// </summary>
    public static (string Sql, DbParameter[] Parameters)? TryBuild(DbContext db, string text, List<object?> parameters)
    {
        // One statement takes at most 65,535 parameters (the protocol's count is 16 bits); the builders keep each of theirs under
        // 30,000, so a large save of several statements stays several statements.
        if (parameters.Count > MultiRowInsert.ParametersPerStatement(db.Database) || text.AsSpan().IndexOfAny('\'', '$') >= 0)
        {
            return null;
        }

        var statements = text.Split(";\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var parts = new List<(string Name, string Body)>(statements.Length);
        var checks = new List<string>();
        foreach (var statement in statements)
        {
            if (statement.StartsWith("INSERT INTO ", StringComparison.Ordinal))
            {
                parts.Add(($"s{parts.Count}", statement));
            }
            else if (statement.StartsWith(UpdateHead, StringComparison.Ordinal) && statement.EndsWith(UpdateTail, StringComparison.Ordinal)
                && statement.LastIndexOf(UpdateCheck, StringComparison.Ordinal) is var check and > 0)
            {
                // "WITH changed AS (UPDATE … RETURNING 1) SELECT <expression of count(*)> FROM changed": the UPDATE becomes a part of
                // its own, and its expression one column of the final SELECT, over that part's count.
                var name = $"u{checks.Count}";
                parts.Add((name, string.Concat("UPDATE ", statement.AsSpan(UpdateHead.Length, check - UpdateHead.Length), " RETURNING 1")));
                var expression = statement[(check + UpdateCheck.Length)..^UpdateTail.Length];
                if (!expression.Contains("count(*)", StringComparison.Ordinal))
                {
                    return null;
                }

                checks.Add(expression.Replace("count(*)", $"(SELECT count(*) FROM {name})", StringComparison.Ordinal));
            }
            else if (statement.StartsWith(SaveGuard.Head, StringComparison.Ordinal))
            {
                // "SELECT (SELECT 1 UNION ALL (…))": its scalar subquery becomes one column of the final SELECT.
                checks.Add(statement["SELECT ".Length..]);
            }
            else
            {
                return null;
            }
        }

        if (parts.Count == 0)
        {
            return null;
        }

        var sql = new StringBuilder(text.Length + 32 * parts.Count);
        var last = checks.Count == 0 ? parts.Count - 1 : parts.Count;
        for (var i = 0; i < last; i++)
        {
            var (name, body) = parts[i];
            sql.Append(i == 0 ? "WITH " : ", ").Append(name).Append(" AS (").Append(body).Append(')');
        }

        if (checks.Count == 0)
        {
            sql.Append(last == 0 ? "" : " ").Append(parts[last].Body);
        }
        else
        {
            sql.Append(" SELECT ").AppendJoin(", ", checks);
        }

        return Positional(db, sql.ToString(), parameters);
    }

    /// <summary>
    /// <paramref name="sql"/> with each <c>@name</c> and <c>{n}</c> placeholder replaced by <c>$k</c>, k counting the parameters in
    /// the order they are first met; null when a placeholder names no parameter.
    /// </summary>
    private static (string Sql, DbParameter[] Parameters)? Positional(DbContext db, string sql, List<object?> parameters)
    {
        var position = new int[parameters.Count];
        var order = new List<int>(parameters.Count);
        var output = new StringBuilder(sql.Length);
        Dictionary<string, int>? byName = null;
        var guess = 0;
        var at = 0;
        var span = sql.AsSpan();
        while (true)
        {
            var next = span[at..].IndexOfAny('@', '{');
            if (next < 0)
            {
                output.Append(span[at..]);
                break;
            }

            next += at;
            output.Append(span[at..next]);
            int index;
            int end;
            if (span[next] == '{')
            {
                end = span[next..].IndexOf('}') is var close and > 1 ? next + close : -1;
                if (end < 0 || !int.TryParse(span[(next + 1)..end], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out index)
                    || index >= parameters.Count)
                {
                    return null;
                }

                end++;
            }
            else
            {
                end = next + 1;
                while (end < span.Length && (char.IsAsciiLetterOrDigit(span[end]) || span[end] == '_'))
                {
                    end++;
                }

                var name = span[next..end];
                // The builders add each named parameter as they write its name, so the next one in the list is nearly always it.
                if (guess < parameters.Count && parameters[guess] is DbParameter candidate && Named(candidate, name))
                {
                    index = guess;
                }
                else
                {
                    byName ??= NamesOf(parameters);
                    if (!byName.TryGetValue(name.ToString(), out index))
                    {
                        return null;
                    }
                }

                guess = index + 1;
            }

            if (position[index] == 0)
            {
                order.Add(index);
                position[index] = order.Count;
            }

            output.Append('$').Append(position[index]);
            at = end;
        }

        using var factory = db.Database.GetDbConnection().CreateCommand();
        var mappings = db.GetService<IRelationalTypeMappingSource>();
        var result = new DbParameter[order.Count];
        for (var k = 0; k < order.Count; k++)
        {
            var value = parameters[order[k]];
            if (value is DbParameter parameter)
            {
                // Unnamed parameters are Npgsql's positional mode: the text is sent as it is, without parsing or name lookups.
                if (parameter.ParameterName.Length > 0)
                {
                    parameter.ParameterName = "";
                }

                result[k] = parameter;
            }
            else
            {
                // A {n} value gets the parameter EF Core's raw SQL would give it (the type mapping for its CLR type).
                result[k] = mappings.GetMappingForValue(value).CreateParameter(factory, "", value, nullable: true);
            }
        }

        return (output.ToString(), result);
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
