using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;
using static Telemed.IntegrationTests.Infrastructure.ConsultationsApi;

namespace Telemed.IntegrationTests.Scenarios.Consultations;

/// <summary>
/// A new message to a doctor's care team (POST /consultations/conversations, a guardian's about a child too) sent again, as a careless
/// client or a patient with a bad connection does: the answer lost, a second click, both clicks at once. The endpoint took no
/// <c>Idempotency-Key</c>, so each send started another thread with the same first message and the doctor was told of each. It takes
/// one now, as every other create does: a send again with the key is answered with the conversation the first started.
/// </summary>
public abstract class StartConversationRetryScenarios(TelemedHost host)
{
    private const string Conversations = "/api/v1/consultations/conversations";

    // Ivan Kuznetsov is the guardian of his daughter Sofia.
    private const string Guardian = "ivan.kuznetsov@demo.telemed.dev";
    private const string Paediatrician = "dmitry.kozlov@demo.telemed.dev";

    [Fact]
    public async Task Given_a_guardians_new_message_about_his_daughter_When_it_is_sent_again_with_its_Idempotency_Key_also_twice_at_once_Then_one_conversation_is_started_and_every_send_names_it()
    {
        using var guardian = await host.SignedInAsync(Guardian);
        using var doctor = await host.SignedInAsync(Paediatrician);
        var doctorId = await DoctorIdAsync(doctor);
        var childId = (await guardian.GetJsonAsync<JsonElement>("/api/v1/me/dependents")).EnumerateArray()
            .Single(d => d.GetProperty("givenName").GetString() == "Sofia").GetProperty("id").GetGuid();
        var subject = $"Sofia's rash {Guid.NewGuid():N}";
        var request = new { doctorId, subject, body = "It spread overnight.", patientId = childId };
        async Task<Guid> StartedAsync(HttpResponseMessage answer)
        {
            await answer.ShouldHaveStatusAsync(HttpStatusCode.Created);
            var view = await answer.Content.ReadFromJsonAsync<JsonElement>();
            view.GetProperty("forDependant").GetBoolean().ShouldBeTrue();
            return view.GetProperty("id").GetGuid();
        }

        async Task<int> ThreadsAsync(string about) => (await guardian.GetJsonAsync<JsonElement>(Conversations)).EnumerateArray()
            .Count(c => c.GetProperty("subject").GetString() == about);

        // When it is sent, and sent again with the same key (its answer lost)
        var key = Guid.NewGuid().ToString();
        var first = await StartedAsync(await guardian.PostWithKeyAsync(Conversations, request, key));
        (await StartedAsync(await guardian.PostWithKeyAsync(Conversations, request, key))).ShouldBe(first);

        // Then there is one conversation with one first message (before, two threads, each with the message)
        (await ThreadsAsync(subject)).ShouldBe(1);
        (await guardian.GetJsonAsync<JsonElement>($"{Conversations}/{first}/messages")).EnumerateArray().Count().ShouldBe(1);

        // Sent four times at once with one key: one more conversation, every answer naming it
        var raced = $"{subject} again";
        var raceKey = Guid.NewGuid().ToString();
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => guardian.PostWithKeyAsync(Conversations, request with { subject = raced }, raceKey)));
        var ids = new List<Guid>();
        foreach (var answer in answers)
        {
            ids.Add(await StartedAsync(answer));
        }

        ids.Distinct().Count().ShouldBe(1, "every send of one request names the conversation it started");
        (await ThreadsAsync(raced)).ShouldBe(1);

        // The same key with another request is refused, starting nothing; a key over 100 characters too
        var other = await guardian.PostWithKeyAsync(Conversations, request with { body = "Something else" }, key);
        other.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await other.ProblemCodeAsync()).ShouldBe("idempotency.key_reused");
        var tooLong = await guardian.PostWithKeyAsync(Conversations, request with { subject = $"{subject} long key" }, new string('k', 101));
        tooLong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await tooLong.ProblemCodeAsync()).ShouldBe("idempotency.key_invalid");
        (await ThreadsAsync($"{subject} long key")).ShouldBe(0);
        (await ThreadsAsync(subject)).ShouldBe(1);

        // Without a key a second send is a second conversation, as before
        await StartedAsync(await guardian.PostAsync(Conversations, request));
        (await ThreadsAsync(subject)).ShouldBe(2);
    }
}

public sealed class StartConversationRetryScenariosOnSqlite(SqliteHost host) : StartConversationRetryScenarios(host), IClassFixture<SqliteHost>;

public sealed class StartConversationRetryScenariosOnPostgres(PostgresHost host) : StartConversationRetryScenarios(host), IClassFixture<PostgresHost>;
