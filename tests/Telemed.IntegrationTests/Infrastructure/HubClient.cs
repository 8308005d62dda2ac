using System.Text.Json;

namespace Telemed.IntegrationTests.Infrastructure;

/// <summary>A hub connection made by the official SignalR JavaScript client (tests/js/hub-client.mjs), driven from a test.</summary>
public sealed class HubClient : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly LineProcess _node;
    private readonly List<string> _unread = [];
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly CancellationTokenSource _stop = new();
    private int _nextId;

    private HubClient(LineProcess node, List<string> early)
    {
        _node = node;
        _unread.AddRange(early);
        if (early.Count > 0)
        {
            _arrived.Release(early.Count);
        }

        _ = Task.Run(PumpAsync);
    }

    /// <summary>Connects to the host (or front) the user's API client talks to; null when the hub refuses the connection (e.g. not signed in).</summary>
    public static Task<HubClient?> ConnectAsync(ApiClient user, string hubPath, params string[] events) => ConnectAsync(user, user.Http.BaseAddress!, hubPath, events);

    /// <summary>Connects with the user's cookies to another address (another host of a cluster); null when refused.</summary>
    public static async Task<HubClient?> ConnectAsync(ApiClient user, Uri baseAddress, string hubPath, params string[] events)
    {
        var node = NodeClients.StartLines("hub-client.mjs", baseAddress.ToString().TrimEnd('/'), user.CookieHeader, hubPath, string.Join(',', events));
        // An event the server sends as the connection opens (e.g. "subscribed") can be printed before "ready": keep it.
        var early = new List<string>();
        var first = JsonDocument.Parse(await node.NextLineAsync(l =>
        {
            var settles = l.Contains("\"type\":\"ready\"") || l.Contains("\"type\":\"refused\"");
            if (!settles)
            {
                early.Add(l);
            }

            return settles;
        }, Timeout)).RootElement;
        if (first.GetProperty("type").GetString() == "ready")
        {
            return new HubClient(node, early);
        }

        node.Dispose();
        return null;
    }

    /// <summary>Invokes a hub method; the error message when the hub refuses it.</summary>
    public async Task<(bool Ok, JsonElement Value, string? Error)> InvokeAsync(string method, params object?[] args)
    {
        var id = Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await _node.SendLineAsync(JsonSerializer.Serialize(new { id, method, args }, ApiClient.Json));
        var line = await TakeAsync(l => l.Contains($"\"id\":\"{id}\""), Timeout);
        return line.GetProperty("type").GetString() == "result"
            ? (true, line.GetProperty("value").Clone(), null)
            : (false, default, line.GetProperty("message").GetString());
    }

    /// <summary>
    /// Invokes a hub method with its arguments given as a JSON array's text, for what a C# string cannot be serialised as: an escaped
    /// lone surrogate (<c>"\ud800"</c>) becomes a lone surrogate in the JavaScript client, which sends it escaped, as a browser does.
    /// </summary>
    public async Task<(bool Ok, JsonElement Value, string? Error)> InvokeWithJsonArgumentsAsync(string method, string argumentsJson)
    {
        var id = Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await _node.SendLineAsync($"{{\"id\":\"{id}\",\"method\":{JsonSerializer.Serialize(method)},\"args\":{argumentsJson}}}");
        var line = await TakeAsync(l => l.Contains($"\"id\":\"{id}\""), Timeout);
        return line.GetProperty("type").GetString() == "result"
            ? (true, line.GetProperty("value").Clone(), null)
            : (false, default, line.GetProperty("message").GetString());
    }

    /// <summary>The next event of that name whose first argument matches (events that arrived earlier count).</summary>
    public async Task<JsonElement> NextEventAsync(string name, Func<JsonElement, bool>? predicate = null, TimeSpan? timeout = null)
    {
        var line = await TakeAsync(l =>
        {
            if (!l.Contains("\"type\":\"event\"") || !l.Contains($"\"name\":\"{name}\""))
            {
                return false;
            }

            var args = JsonDocument.Parse(l).RootElement.GetProperty("args");
            return predicate is null || (args.GetArrayLength() > 0 && predicate(args[0]));
        }, timeout ?? Timeout);
        var received = line.GetProperty("args");
        return received.GetArrayLength() > 0 ? received[0].Clone() : default; // an event without arguments (e.g. "subscribed")
    }

    /// <summary>Waits until the server closes the connection (the client reports <c>closed</c>).</summary>
    public Task ClosedAsync(TimeSpan? timeout = null) => TakeAsync(l => l.Contains("\"type\":\"closed\""), timeout ?? Timeout);

    /// <summary>Whether the connection has been reported closed so far (does not wait).</summary>
    public bool IsClosed
    {
        get
        {
            lock (_unread)
            {
                return _unread.Any(l => l.Contains("\"type\":\"closed\""));
            }
        }
    }

    private async Task<JsonElement> TakeAsync(Func<string, bool> matches, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            lock (_unread)
            {
                var index = _unread.FindIndex(l => matches(l));
                if (index >= 0)
                {
                    var line = _unread[index];
                    _unread.RemoveAt(index);
                    return JsonDocument.Parse(line).RootElement;
                }
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left))
            {
                lock (_unread)
                {
                    throw new TimeoutException($"No matching message from the hub. Unread: {string.Join(" | ", _unread)}");
                }
            }
        }
    }

    private async Task PumpAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var line = await _node.NextLineAsync(_ => true, TimeSpan.FromHours(1));
                lock (_unread)
                {
                    _unread.Add(line);
                }

                _arrived.Release();
            }
        }
        catch (Exception ex) when (ex is TimeoutException or ObjectDisposedException or InvalidOperationException)
        {
            // The Node process ended.
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _node.Dispose();
    }
}
