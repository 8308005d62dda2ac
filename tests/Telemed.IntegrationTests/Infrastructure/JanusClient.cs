using System.Net.Http.Json;
using System.Text.Json;

namespace Telemed.IntegrationTests.Infrastructure;

/// <summary>
/// A minimal client of Janus's REST API for tests that check what Janus itself allows (a browser uses janus.js): sessions with
/// a token, the video room's synchronous requests, and a publisher join answered by long polling the session's events.
/// </summary>
public sealed class JanusClient(string apiUrl) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(40) };

    /// <summary>The new session's id, or null when Janus refused the token (its error 403).</summary>
    public async Task<long?> CreateSessionAsync(string token)
    {
        var answer = await PostAsync(apiUrl, new { janus = "create", token });
        return answer.GetProperty("janus").GetString() == "success" ? answer.GetProperty("data").GetProperty("id").GetInt64() : null;
    }

    public async Task<long> AttachAsync(long session, string token)
    {
        var answer = await PostAsync($"{apiUrl}/{session}", new { janus = "attach", plugin = "janus.plugin.videoroom", token });
        return answer.GetProperty("data").GetProperty("id").GetInt64();
    }

    /// <summary>Joins as a publisher (no media yet) and returns the video room's answer: <c>joined</c>, or one with <c>error_code</c>.</summary>
    public async Task<JsonElement> JoinAsPublisherAsync(long session, long handle, string token, long room, long feedId)
    {
        var body = new { request = "join", ptype = "publisher", room, id = feedId, display = "test", token };
        var answer = await PostAsync($"{apiUrl}/{session}/{handle}", new { janus = "message", token, body });
        if (answer.TryGetProperty("plugindata", out var sync))
        {
            return sync.GetProperty("data");
        }

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            var events = await _http.GetFromJsonAsync<JsonElement>($"{apiUrl}/{session}?maxev=5&token={Uri.EscapeDataString(token)}");
            foreach (var e in events.ValueKind == JsonValueKind.Array ? events.EnumerateArray().ToList() : [events])
            {
                if (e.TryGetProperty("plugindata", out var data) && e.TryGetProperty("sender", out var sender) && sender.GetInt64() == handle)
                {
                    return data.GetProperty("data");
                }
            }
        }

        throw new TimeoutException("Janus sent no answer to the join.");
    }

    /// <summary>The publisher ids in a room (<c>listparticipants</c>).</summary>
    public async Task<IReadOnlyList<long>> ParticipantIdsAsync(long session, long handle, string token, long room)
    {
        var data = await SyncAsync(session, handle, token, new { request = "listparticipants", room });
        return data.TryGetProperty("participants", out var list) ? [.. list.EnumerateArray().Select(p => p.GetProperty("id").GetInt64())] : [];
    }

    public async Task<bool> RoomExistsAsync(long session, long handle, string token, long room) =>
        (await SyncAsync(session, handle, token, new { request = "exists", room })).GetProperty("exists").GetBoolean();

    /// <summary>Whether a room records now (<c>list</c> with the video room's admin key, which includes private rooms); null when there is no such room.</summary>
    public async Task<bool?> RoomRecordsAsync(long session, long handle, string token, long room, string adminKey)
    {
        var data = await SyncAsync(session, handle, token, new { request = "list", admin_key = adminKey });
        foreach (var r in data.GetProperty("list").EnumerateArray())
        {
            if (r.GetProperty("room").GetInt64() == room)
            {
                return r.TryGetProperty("record", out var record) && record.GetBoolean();
            }
        }

        return null;
    }

    /// <summary>Every room Janus has now, private ones included (<c>list</c> with the video room's admin key).</summary>
    public async Task<IReadOnlyList<long>> RoomIdsAsync(long session, long handle, string token, string adminKey)
    {
        var data = await SyncAsync(session, handle, token, new { request = "list", admin_key = adminKey });
        return [.. data.GetProperty("list").EnumerateArray().Select(r => r.GetProperty("room").GetInt64())];
    }

    /// <summary>A participant's own <c>enable_recording</c> without the room secret: Janus's error code, or null if it obeyed.</summary>
    public async Task<int?> EnableRecordingAsync(long session, long handle, string token, long room, bool record)
    {
        var data = await SyncAsync(session, handle, token, new { request = "enable_recording", room, record });
        return data.TryGetProperty("error_code", out var code) ? code.GetInt32() : null;
    }

    public void Dispose() => _http.Dispose();

    private async Task<JsonElement> SyncAsync(long session, long handle, string token, object body)
    {
        var answer = await PostAsync($"{apiUrl}/{session}/{handle}", new { janus = "message", token, body });
        return answer.GetProperty("plugindata").GetProperty("data");
    }

    private async Task<JsonElement> PostAsync(string url, object request)
    {
        var json = JsonSerializer.SerializeToNode(request)!.AsObject();
        json["transaction"] = Guid.NewGuid().ToString("N");
        using var response = await _http.PostAsJsonAsync(url, json);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
