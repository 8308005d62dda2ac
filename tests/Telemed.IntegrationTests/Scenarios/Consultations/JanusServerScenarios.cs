using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios.Consultations;

/// <summary>
/// The Janus the group call tests run (issue 16) is set up as the contract needs: reachable from the root namespace,
/// videoroom only and no rooms of its own, and a session only with a token the admin API added (and not after it is removed).
/// </summary>
public sealed class JanusServerScenarios(JanusServer janus) : IClassFixture<JanusServer>, IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task Given_the_test_Janus_When_asked_for_its_info_Then_it_answers_over_the_veth_link_with_videoroom_and_token_auth_only()
    {
        using var response = await _http.GetAsync(janus.ApiUrl + "/info");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var info = await response.Content.ReadFromJsonAsync<JsonElement>();
        info.GetProperty("janus").GetString().ShouldBe("server_info");
        var plugins = info.GetProperty("plugins").EnumerateObject().Select(p => p.Name).ToList();
        plugins.ShouldBe(["janus.plugin.videoroom"], $"only videoroom is loaded: {string.Join(", ", plugins)}");
        info.GetProperty("transports").EnumerateObject().Select(p => p.Name).ShouldContain("janus.transport.websockets");
        info.GetProperty("auth_token").GetBoolean().ShouldBeTrue();
        janus.HostSettings()["Consultations:Video:Sfu:Janus:BrowserUrl"].ShouldBe($"ws://{janus.JanusAddress}:8188");
    }

    [Fact]
    public async Task Given_token_auth_When_a_session_is_created_without_a_token_then_with_one_the_admin_API_added_and_after_it_is_removed_Then_only_the_added_token_opens_one()
    {
        var refused = await PostAsync(janus.ApiUrl, new { janus = "create", transaction = "t1" });
        ErrorCode(refused).ShouldBe(403, refused.ToString());

        var token = Guid.NewGuid().ToString("N");
        var added = await janus.AdminAsync("add_token", new() { ["token"] = token, ["plugins"] = new[] { "janus.plugin.videoroom" } });
        added.GetProperty("janus").GetString().ShouldBe("success", added.ToString());
        var wrongSecret = await PostAsync(janus.AdminUrl, new { janus = "list_tokens", transaction = "t2", admin_secret = "not-the-secret" });
        ErrorCode(wrongSecret).ShouldBe(403, wrongSecret.ToString());

        var created = await PostAsync(janus.ApiUrl, new { janus = "create", transaction = "t3", token });
        created.GetProperty("janus").GetString().ShouldBe("success", created.ToString());
        var session = created.GetProperty("data").GetProperty("id").GetInt64();
        var attached = await PostAsync($"{janus.ApiUrl}/{session}", new { janus = "attach", plugin = "janus.plugin.videoroom", transaction = "t4", token });
        attached.GetProperty("janus").GetString().ShouldBe("success", attached.ToString());
        var handle = attached.GetProperty("data").GetProperty("id").GetInt64();
        var rooms = await PostAsync($"{janus.ApiUrl}/{session}/{handle}", new { janus = "message", transaction = "t5", token, body = new { request = "list" } });
        rooms.GetProperty("plugindata").GetProperty("data").GetProperty("list").GetArrayLength().ShouldBe(0, $"no pre-made rooms: {rooms}");
        await PostAsync($"{janus.ApiUrl}/{session}", new { janus = "destroy", transaction = "t6", token });

        var removed = await janus.AdminAsync("remove_token", new() { ["token"] = token });
        removed.GetProperty("janus").GetString().ShouldBe("success", removed.ToString());
        var refusedAgain = await PostAsync(janus.ApiUrl, new { janus = "create", transaction = "t7", token });
        ErrorCode(refusedAgain).ShouldBe(403, refusedAgain.ToString());
    }

    [Fact]
    public async Task Given_the_link_to_Janus_When_a_rate_and_loss_are_put_on_and_taken_off_Then_tc_shows_them_and_Janus_still_answers()
    {
        await janus.ShapeAsync("rate 300kbit loss 5%", bothWays: true);
        try
        {
            var shaping = await janus.ShapingAsync();
            // netem where the kernel has it; tbf and an nftables drop rule where it has not (this machine).
            shaping.ShouldContain("rate 300Kbit");
            (shaping.Contains("loss 5%", StringComparison.Ordinal) || shaping.Contains("numgen random mod 10000 < 500", StringComparison.Ordinal)).ShouldBeTrue(shaping);
            var info = await PostAsync(janus.ApiUrl, new { janus = "ping", transaction = "p1" });
            info.GetProperty("janus").GetString().ShouldBe("pong");
        }
        finally
        {
            await janus.ClearShapingAsync();
        }

        var cleared = await janus.ShapingAsync();
        cleared.ShouldNotContain("300Kbit");
        cleared.ShouldNotContain("numgen");
    }

    public void Dispose() => _http.Dispose();

    private async Task<JsonElement> PostAsync(string url, object body)
    {
        using var response = await _http.PostAsJsonAsync(url, body);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static int? ErrorCode(JsonElement answer) =>
        answer.TryGetProperty("error", out var error) ? error.GetProperty("code").GetInt32() : null;
}
