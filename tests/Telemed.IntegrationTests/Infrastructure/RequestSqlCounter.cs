using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Telemed.IntegrationTests.Infrastructure;

/// <summary>One SQL command EF Core ran while serving a traced request: the DbContext that ran it and its text.</summary>
public sealed record CountedCommand(string Context, string Sql)
{
    /// <summary>The statements in the command (EF sends a batch as one command of several <c>;</c>-separated statements).</summary>
    public IReadOnlyList<string> Statements => SqlStatements.Split(Sql);
}

/// <summary>
/// Counts the SQL statements and transactions EF Core runs on behalf of requests that carry a given W3C trace id (sent by the
/// test in <c>traceparent</c>): the host's request activity takes that trace id, and EF's diagnostic events are raised on the
/// request's own flow, where <see cref="Activity.Current"/> is that activity. Background work (the outbox dispatcher) has
/// other trace ids and is not counted. Statements that do not go through EF Core are not seen.
/// </summary>
public sealed class RequestSqlCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly ActivityListener _activities;
    private readonly IDisposable _all;
    private readonly List<IDisposable> _subscriptions = [];
    private readonly ConcurrentQueue<CountedCommand> _commands = new();
    private readonly ConcurrentQueue<string> _commits = new();
    private ActivityTraceId _trace;

    public RequestSqlCounter()
    {
        // ASP.NET Core creates the request activity (continuing the caller's traceparent) only when someone listens.
        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
        };
        ActivitySource.AddActivityListener(_activities);
        _all = DiagnosticListener.AllListeners.Subscribe(this);
        // EF Core remembers for a second, per context, that nobody listened to its command events (its logging cache time), and
        // the host's contexts are pooled: one that served a request just before this counter subscribed would not report yet.
        Thread.Sleep(LoggingCacheTime);
    }

    private static readonly TimeSpan LoggingCacheTime = TimeSpan.FromSeconds(1.2);

    public IReadOnlyList<CountedCommand> Commands => _commands.ToList();

    /// <summary>The DbContext type of each committed transaction.</summary>
    public IReadOnlyList<string> Commits => _commits.ToList();

    /// <summary>Starts counting for a new trace id (forgetting what was counted before) and returns the <c>traceparent</c> header value to send.</summary>
    public string Start()
    {
        _commands.Clear();
        _commits.Clear();
        _trace = ActivityTraceId.CreateRandom();
        return $"00-{_trace.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01";
    }

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
        {
            lock (_subscriptions)
            {
                _subscriptions.Add(listener.Subscribe(this));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> e)
    {
        if (Activity.Current?.TraceId != _trace || _trace == default)
        {
            return;
        }

        if (e.Key == RelationalEventId.CommandExecuted.Name && e.Value is CommandExecutedEventData executed)
        {
            _commands.Enqueue(new CountedCommand(executed.Context?.GetType().Name ?? "", executed.Command.CommandText));
        }
        else if (e.Key == RelationalEventId.CommandError.Name && e.Value is CommandErrorEventData failed)
        {
            _commands.Enqueue(new CountedCommand(failed.Context?.GetType().Name ?? "", failed.Command.CommandText));
        }
        else if (e.Key == RelationalEventId.TransactionCommitted.Name && e.Value is TransactionEndEventData committed)
        {
            _commits.Enqueue(committed.Context?.GetType().Name ?? "");
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        _all.Dispose();
        lock (_subscriptions)
        {
            _subscriptions.ForEach(s => s.Dispose());
        }

        _activities.Dispose();
    }
}

/// <summary>
/// Splits SQL text into statements at semicolons outside quotes. A one-command save that PostgreSQL gets as one statement
/// (<c>WITH s0 AS (INSERT …), u1 AS (UPDATE …) SELECT …</c>, see PostgresOneStatement) counts as its parts, each INSERT and UPDATE
/// and the final statement, as it counted when they were separate statements.
/// </summary>
public static partial class SqlStatements
{
    public static IReadOnlyList<string> Split(string sql)
    {
        var statements = new List<string>();
        var start = 0;
        char? quote = null;
        for (var i = 0; i < sql.Length; i++)
        {
            var c = sql[i];
            if (quote is { } q)
            {
                if (c == q)
                {
                    quote = null;
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == ';')
            {
                Add(sql[start..i]);
                start = i + 1;
            }
        }

        Add(sql[start..]);
        return statements;

        void Add(string part)
        {
            if (string.IsNullOrWhiteSpace(part))
            {
                return;
            }

            part = part.Trim();
            if (OneStatementSave().IsMatch(part))
            {
                statements.AddRange(Parts(part));
            }
            else
            {
                statements.Add(part);
            }
        }
    }

    /// <summary>The bodies of a one-statement save's <c>WITH</c> parts, then its final statement.</summary>
    private static IEnumerable<string> Parts(string statement)
    {
        var at = "WITH ".Length;
        while (true)
        {
            var open = statement.IndexOf('(', at);
            var depth = 0;
            var close = open;
            for (; close < statement.Length; close++)
            {
                depth += statement[close] switch { '(' => 1, ')' => -1, _ => 0 };
                if (depth == 0)
                {
                    break;
                }
            }

            yield return statement[(open + 1)..close].Trim();
            at = close + 1;
            if (at >= statement.Length || statement[at] != ',')
            {
                yield return statement[at..].Trim();
                yield break;
            }

            at++;
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^WITH [su]\d+ AS \((INSERT|UPDATE) ")]
    private static partial System.Text.RegularExpressions.Regex OneStatementSave();
}
