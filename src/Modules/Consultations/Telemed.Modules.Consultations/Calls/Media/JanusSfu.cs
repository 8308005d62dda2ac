using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Telemed.Modules.Consultations.Infrastructure;

namespace Telemed.Modules.Consultations.Calls.Media;

/// <summary>
/// The SFU adapter for Janus 1.1's video room plugin, over Janus's REST API (rooms, kicks) and admin API (tokens). Janus runs
/// with token authentication: a browser reaches it only with a token the host added for that participant, and the same token
/// is on the room's <c>allowed</c> list, so it opens that room and no other. Tokens, room secrets and publisher ids are
/// derived from the admin secret (HMAC-SHA256), so every host computes the same ones and nothing secret is stored.
/// </summary>
internal sealed class JanusSfu(HttpClient http, IOptions<ConsultationsOptions> options) : ISelectiveForwardingUnit
{
    private const string Plugin = "janus.plugin.videoroom";
    private const int RoomExists = 427;
    private const int NoSuchRoom = 426;
    private const int NoSuchFeed = 428;
    private const int Unauthorized = 403;
    private const int AppBitrate = 512_000;
    private volatile bool _hostTokenAdded;

    private JanusOptions Janus => options.Value.Video.Sfu.Janus;

    public bool Available => Janus.Configured;

    /// <remarks>
    /// Janus 1.1 checks a room's <c>allowed</c> list when a publisher joins, not when a subscriber does; <c>require_pvtid</c>
    /// makes every subscription carry the private id of a publisher that joined, so only a seat's holder subscribes, and kicking
    /// that publisher ends its subscriptions too. The room is private (not in <c>list</c>) and its secret stays on the host.
    /// </remarks>
    public async Task OpenRoomAsync(long room, int publishers, CancellationToken ct)
    {
        var request = new JsonObject
        {
            ["request"] = "create", ["room"] = room, ["permanent"] = false, ["is_private"] = true, ["secret"] = Derive($"room:{room}"),
            ["description"] = "consultation", ["publishers"] = publishers, ["allowed"] = new JsonArray(), ["require_pvtid"] = true, ["lock_record"] = true, ["record"] = false, ["bitrate"] = AppBitrate,
            ["bitrate_cap"] = true, ["fir_freq"] = 10, ["audiocodec"] = "opus", ["videocodec"] = "vp8", ["notify_joining"] = true,
        };
        if (!string.IsNullOrEmpty(Janus.RoomAdminKey))
        {
            request["admin_key"] = Janus.RoomAdminKey;
        }

        var created = await VideoRoomAsync(request, ct);
        if (created.ErrorCode is { } code && code != RoomExists)
        {
            throw new SfuUnavailableException($"Janus refused to create a room ({code}).");
        }
    }

    public async Task<SfuSeat> AdmitAsync(long room, Guid userId, string display, CancellationToken ct)
    {
        var token = TokenOf(room, userId);
        await AdminAsync(new JsonObject { ["janus"] = "add_token", ["token"] = token, ["plugins"] = new JsonArray(Plugin) }, ct, tolerateExisting: true);
        var allowed = await VideoRoomAsync(new JsonObject
        {
            ["request"] = "allowed", ["room"] = room, ["secret"] = Derive($"room:{room}"), ["action"] = "add", ["allowed"] = new JsonArray(token),
        }, ct);
        if (allowed.ErrorCode is { } code)
        {
            throw new SfuUnavailableException($"Janus refused to allow a participant ({code}).");
        }

        var feed = FeedIdOf(room, userId);
        return new SfuSeat(Janus.BrowserUrl!, token, room, feed, feed + 1, display);
    }

    public async Task DropAsync(long room, Guid userId, CancellationToken ct)
    {
        var token = TokenOf(room, userId);
        var secret = Derive($"room:{room}");
        // Order matters: first the door (no new session, no new handle in this room), then whoever is inside.
        await AdminAsync(new JsonObject { ["janus"] = "remove_token", ["token"] = token }, ct, tolerateExisting: true);
        var removed = await VideoRoomAsync(new JsonObject { ["request"] = "allowed", ["room"] = room, ["secret"] = secret, ["action"] = "remove", ["allowed"] = new JsonArray(token) }, ct);
        if (removed.ErrorCode is { } code && code != NoSuchRoom)
        {
            throw new SfuUnavailableException($"Janus refused to withdraw a participant ({code}).");
        }

        var feed = FeedIdOf(room, userId);
        await KickAsync(room, feed, ct);
        await KickAsync(room, feed + 1, ct);
    }

    public Task DropScreenAsync(long room, Guid userId, CancellationToken ct) => KickAsync(room, FeedIdOf(room, userId) + 1, ct);

    private async Task KickAsync(long room, long feed, CancellationToken ct)
    {
        var kicked = await VideoRoomAsync(new JsonObject { ["request"] = "kick", ["room"] = room, ["secret"] = Derive($"room:{room}"), ["id"] = feed }, ct);
        if (kicked.ErrorCode is { } kickCode && kickCode is not (NoSuchFeed or NoSuchRoom))
        {
            throw new SfuUnavailableException($"Janus refused to drop a publisher ({kickCode}).");
        }
    }

    public async Task CloseRoomAsync(long room, IReadOnlyCollection<Guid> participants, CancellationToken ct)
    {
        var destroyed = await VideoRoomAsync(new JsonObject { ["request"] = "destroy", ["room"] = room, ["secret"] = Derive($"room:{room}"), ["permanent"] = false }, ct);
        if (destroyed.ErrorCode is { } code && code != NoSuchRoom)
        {
            throw new SfuUnavailableException($"Janus refused to destroy a room ({code}).");
        }

        foreach (var user in participants)
        {
            await AdminAsync(new JsonObject { ["janus"] = "remove_token", ["token"] = TokenOf(room, user) }, ct, tolerateExisting: true);
        }
    }

    public bool CanRecord => Available && !string.IsNullOrEmpty(Janus.RecordingsDirectory);

    /// <remarks>
    /// The room is created with <c>lock_record</c>, so only the host (with the room secret) switches recording on; a publisher's own
    /// <c>configure</c> cannot. The folder is set before the switch, so each recording's files are apart from every other's.
    /// </remarks>
    public async Task StartRecordingAsync(long room, string directory, CancellationToken ct)
    {
        if (!CanRecord || directory.Length == 0 || !directory.All(char.IsAsciiLetterOrDigit))
        {
            throw new SfuUnavailableException("Recording is not configured.");
        }

        var secret = Derive($"room:{room}");
        var edited = await VideoRoomAsync(new JsonObject
        {
            ["request"] = "edit", ["room"] = room, ["secret"] = secret, ["new_rec_dir"] = Path.Combine(Janus.RecordingsDirectory!, directory),
        }, ct);
        if (edited.ErrorCode is { } editCode)
        {
            throw new SfuUnavailableException($"Janus refused to set the recording folder ({editCode}).");
        }

        var started = await VideoRoomAsync(new JsonObject { ["request"] = "enable_recording", ["room"] = room, ["secret"] = secret, ["record"] = true }, ct);
        if (started.ErrorCode is { } code)
        {
            throw new SfuUnavailableException($"Janus refused to record ({code}).");
        }
    }

    public async Task StopRecordingAsync(long room, CancellationToken ct)
    {
        var stopped = await VideoRoomAsync(new JsonObject { ["request"] = "enable_recording", ["room"] = room, ["secret"] = Derive($"room:{room}"), ["record"] = false }, ct);
        if (stopped.ErrorCode is { } code && code != NoSuchRoom)
        {
            throw new SfuUnavailableException($"Janus refused to stop recording ({code}).");
        }
    }

    /// <remarks>
    /// An HMAC of the consultation id under the admin secret, like tokens and room secrets: every host computes the same number
    /// without asking anyone, and a participant who knows another consultation's id still cannot work out its room's number.
    /// </remarks>
    public long RoomIdOf(Guid consultationId, int attempt)
    {
        var bytes = HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes($"room-id:{consultationId:N}:{attempt}"));
        var id = (long)(BitConverter.ToUInt64(bytes, 0) & ((1UL << 52) - 1));
        return id == 0 ? 1 : id;
    }

    /// <summary>The participant's Janus token for this room (32 URL-safe characters).</summary>
    internal string TokenOf(long room, Guid userId) => Derive($"participant:{room}:{userId:N}")[..32];

    /// <summary>An even, positive publisher id below 2^52 (the screen share publishes as id + 1).</summary>
    public long FeedIdOf(long room, Guid userId)
    {
        var bytes = HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes($"feed:{room}:{userId:N}"));
        var id = (long)(BitConverter.ToUInt64(bytes, 0) & ((1UL << 52) - 1)) & ~1L;
        return id == 0 ? 2 : id;
    }

    private byte[] Key => Encoding.UTF8.GetBytes(Janus.AdminSecret ?? throw new SfuUnavailableException("Janus has no admin secret configured."));

    private string Derive(string purpose) => WebEncoders.Base64UrlEncode(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes(purpose)));

    private string HostToken => Derive("host")[..32];

    private readonly record struct PluginAnswer(int? ErrorCode, JsonNode? Data);

    /// <summary>One synchronous video room request on a short-lived host session (create session, attach, message, destroy).</summary>
    private async Task<PluginAnswer> VideoRoomAsync(JsonObject body, CancellationToken ct)
    {
        if (!_hostTokenAdded)
        {
            await AdminAsync(new JsonObject { ["janus"] = "add_token", ["token"] = HostToken, ["plugins"] = new JsonArray(Plugin) }, ct, tolerateExisting: true);
            _hostTokenAdded = true;
        }

        var session = (long)(await JanusAsync(Janus.ApiUrl!, new JsonObject { ["janus"] = "create" }, ct))["data"]!["id"]!;
        try
        {
            var handle = (long)(await JanusAsync($"{Janus.ApiUrl}/{session}", new JsonObject { ["janus"] = "attach", ["plugin"] = Plugin }, ct))["data"]!["id"]!;
            var answer = await JanusAsync($"{Janus.ApiUrl}/{session}/{handle}", new JsonObject { ["janus"] = "message", ["body"] = body }, ct);
            var data = answer["plugindata"]?["data"];
            return new PluginAnswer(data?["error_code"]?.GetValue<int>(), data);
        }
        finally
        {
            try
            {
                await JanusAsync($"{Janus.ApiUrl}/{session}", new JsonObject { ["janus"] = "destroy" }, CancellationToken.None);
            }
            catch (SfuUnavailableException)
            {
                // Janus times idle sessions out by itself (session_timeout); a failed clean-up loses nothing.
            }
        }
    }

    private Task<JsonNode> JanusAsync(string url, JsonObject request, CancellationToken ct)
    {
        request["token"] = HostToken;
        return PostAsync(url, request, ct);
    }

    private async Task AdminAsync(JsonObject request, CancellationToken ct, bool tolerateExisting)
    {
        request["admin_secret"] = Janus.AdminSecret;
        try
        {
            await PostAsync(Janus.AdminUrl!, request, ct);
        }
        catch (SfuUnavailableException e) when (tolerateExisting && e.Code is { } code && code != Unauthorized)
        {
            // add_token of a token Janus already has, or remove_token of one it has not: the state we want either way.
            // A wrong admin secret (403) is not that, and must not hand out seats whose tokens Janus never heard of.
        }
    }

    private async Task<JsonNode> PostAsync(string url, JsonObject request, CancellationToken ct)
    {
        request["transaction"] = Guid.NewGuid().ToString("N");
        JsonNode answer;
        try
        {
            using var response = await http.PostAsJsonAsync(url, request, ct);
            answer = await response.Content.ReadFromJsonAsync<JsonNode>(ct) ?? throw new SfuUnavailableException("Janus sent an empty answer.");
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw new SfuUnavailableException("Janus did not answer.", e);
        }

        if ((string?)answer["janus"] == "error")
        {
            var code = (int?)answer["error"]?["code"];
            throw new SfuUnavailableException($"Janus answered error {code}.", code: code);
        }

        return answer;
    }
}
