using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Telemed.IntegrationTests.Infrastructure;

/// <summary>
/// The checks every create that takes an <c>Idempotency-Key</c> passes (docs/api-v1.md, "Retrying a create"), for JSON creates that
/// answer 201 with the record's <c>id</c>.
/// </summary>
internal static class CreateRequestKeyChecks
{
    private static string Unique(string text) => $"{text} {Guid.NewGuid():N}";

    /// <summary>The id of a 201 answer's record.</summary>
    public static async Task<Guid> CreatedIdAsync(HttpResponseMessage response)
    {
        await response.ShouldHaveStatusAsync(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>
    /// The same key twice (both 201, one id), four sends at once with another key (all 201, one id), the first key with another body
    /// (422), an over-long key and two keys in one request (400, nothing created) and two sends without a key (two records): <paramref name="count"/> reads how many records carry a text.
    /// </summary>
    public static async Task ShouldCreateOncePerKeyAsync(ApiClient client, string path, Func<string, object> body, Func<string, Task<int>> count)
    {
        var text = Unique("First request");
        var key = Guid.NewGuid().ToString();
        var first = await CreatedIdAsync(await client.PostWithKeyAsync(path, body(text), key));
        (await CreatedIdAsync(await client.PostWithKeyAsync(path, body(text), key))).ShouldBe(first);
        (await count(text)).ShouldBe(1);

        var racedText = Unique("Sent twice at once");
        var raceKey = Guid.NewGuid().ToString();
        var raced = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.PostWithKeyAsync(path, body(racedText), raceKey)));
        var racedIds = await Task.WhenAll(raced.Select(CreatedIdAsync));
        racedIds.Distinct().Count().ShouldBe(1);
        (await count(racedText)).ShouldBe(1);

        var reused = await client.PostWithKeyAsync(path, body(Unique("Another text")), key);
        reused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await reused.ProblemCodeAsync()).ShouldBe("idempotency.key_reused");
        var tooLong = await client.PostWithKeyAsync(path, body(Unique("Long key")), new string('k', 101));
        tooLong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await tooLong.ProblemCodeAsync()).ShouldBe("idempotency.key_invalid");
        var twoKeysText = Unique("Two keys");
        var twoKeys = await client.PostWithKeysAsync(path, body(twoKeysText), Guid.NewGuid().ToString(), Guid.NewGuid().ToString());
        twoKeys.StatusCode.ShouldBe(HttpStatusCode.BadRequest, "two Idempotency-Key values are not one key \"a1,a2\"");
        (await twoKeys.ProblemCodeAsync()).ShouldBe("idempotency.key_invalid");
        (await count(twoKeysText)).ShouldBe(0);

        var unkeyed = Unique("No key");
        await CreatedIdAsync(await client.PostWithKeyAsync(path, body(unkeyed), null));
        await CreatedIdAsync(await client.PostWithKeyAsync(path, body(unkeyed), null));
        (await count(unkeyed)).ShouldBe(2);
    }
}
