using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios;

/// <summary>
/// Issue 11, patients: dependents. A parent adds a child to their account and books for them; the child is the
/// appointment's patient and the guardian's account acts for them. Only the guardian (and the care team) reach the
/// child: another patient gets 404, and the refusal is audited.
/// </summary>
public abstract class DependentsScenarios(TelemedHost host)
{
    private const string Guardian = "roman.fedorov@demo.telemed.dev";
    private const string Stranger = "yulia.mikhailova@demo.telemed.dev";
    private const string Paediatrician = "dmitry.kozlov@demo.telemed.dev";

    private async Task<Guid> AddChildAsync(ApiClient guardian, string givenName)
    {
        var dateOfBirth = SchedulingApi.Today(host).AddYears(-6).ToString("yyyy-MM-dd");
        var added = await guardian.PostAsync("/api/v1/me/dependents", new { givenName, familyName = "Fedorova", dateOfBirth, sex = "female" });
        await added.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var child = await added.Content.ReadFromJsonAsync<JsonElement>();
        child.GetProperty("givenName").GetString().ShouldBe(givenName);
        return child.GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task Given_a_guardian_adds_a_child_Then_only_the_guardian_reads_it_and_adults_cannot_be_added()
    {
        using var guardian = await host.SignedInAsync(Guardian);
        var childId = await AddChildAsync(guardian, "Masha");

        var list = await guardian.GetJsonAsync<JsonElement>("/api/v1/me/dependents");
        list.EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).ShouldContain(childId);
        (await guardian.GetJsonAsync<JsonElement>($"/api/v1/me/dependents/{childId}")).GetProperty("familyName").GetString().ShouldBe("Fedorova");

        using var stranger = await host.SignedInAsync(Stranger);
        var refused = await stranger.GetAsync($"/api/v1/me/dependents/{childId}");
        await refused.ShouldHaveStatusAsync(HttpStatusCode.NotFound);
        (await stranger.GetJsonAsync<JsonElement>("/api/v1/me/dependents")).EnumerateArray().ShouldNotContain(c => c.GetProperty("id").GetGuid() == childId);
        (await stranger.GetAsync($"/api/v1/patients/{childId}/demographics")).StatusCode.ShouldBeOneOf(HttpStatusCode.NotFound, HttpStatusCode.Forbidden);

        var raw = new RawDatabase(host);
        await using (var connection = await raw.OpenAsync())
        {
            var denied = await RawDatabase.RowsAsync(connection,
                $"SELECT \"Outcome\" FROM {raw.Table("audit", "entries")} WHERE \"Action\" = 'patient.dependent.read' AND \"RecordId\" = '{childId}'");
            denied.ShouldNotBeEmpty();
        }

        var adult = await guardian.PostAsync("/api/v1/me/dependents", new { givenName = "Old", familyName = "Enough", dateOfBirth = "1990-01-01", sex = "male" });
        await adult.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
        (await adult.ProblemCodeAsync()).ShouldBe("validation.failed");
        var unborn = await guardian.PostAsync("/api/v1/me/dependents",
            new { givenName = "Not", familyName = "Yet", dateOfBirth = SchedulingApi.Today(host).AddDays(3).ToString("yyyy-MM-dd"), sex = "male" });
        await unborn.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
    }

    private static async Task<HttpResponseMessage> AddWithKeyAsync(ApiClient guardian, string key, object child)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/me/dependents") { Content = JsonContent.Create(child, options: ApiClient.Json) };
        request.Headers.Add("Idempotency-Key", key);
        return await guardian.Http.SendAsync(request);
    }

    [Fact]
    public async Task Given_a_child_added_with_an_Idempotency_Key_When_the_guardian_sends_it_again_after_losing_the_answer_or_twice_at_once_Then_the_child_is_added_once()
    {
        using var guardian = await host.SignedInAsync("svetlana.pavlova@demo.telemed.dev");
        var givenName = $"Lena{Guid.NewGuid():N}"[..12];
        var child = new { givenName, familyName = "Pavlova", dateOfBirth = SchedulingApi.Today(host).AddYears(-4).ToString("yyyy-MM-dd"), sex = "female" };
        var key = Guid.NewGuid().ToString();
        var first = await AddWithKeyAsync(guardian, key, child);
        await first.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var childId = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var again = await AddWithKeyAsync(guardian, key, child);
        await again.ShouldHaveStatusAsync(HttpStatusCode.Created);
        (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid().ShouldBe(childId);

        var twin = child with { givenName = givenName + "b" };
        var raceKey = Guid.NewGuid().ToString();
        var racing = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => AddWithKeyAsync(guardian, raceKey, twin)));
        foreach (var answer in racing)
        {
            await answer.ShouldHaveStatusAsync(HttpStatusCode.Created);
        }

        var reused = await AddWithKeyAsync(guardian, key, twin);
        reused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await reused.ProblemCodeAsync()).ShouldBe("idempotency.key_reused");

        var names = (await guardian.GetJsonAsync<JsonElement>("/api/v1/me/dependents")).EnumerateArray().Select(c => c.GetProperty("givenName").GetString()).ToList();
        names.Count(n => n == givenName).ShouldBe(1);
        names.Count(n => n == twin.givenName).ShouldBe(1);
    }

    [Fact]
    public async Task Given_a_child_When_the_guardian_books_a_paediatrician_Then_the_child_is_the_patient_the_guardian_sees_it_and_strangers_cannot_book_or_read()
    {
        using var guardian = await host.SignedInAsync(Guardian);
        var childId = await AddChildAsync(guardian, "Petya");
        var doctorId = (await SchedulingApi.DoctorsAsync(guardian)).Single(d => d.Name == "Dmitry Kozlov").Id;
        var slots = await SchedulingApi.SlotsAsync(guardian, doctorId, SchedulingApi.Today(host).AddDays(9), 4);

        using var stranger = await host.SignedInAsync(Stranger);
        var foreign = await SchedulingApi.BookAsync(stranger, doctorId, slots[0], patientId: childId);
        await foreign.ShouldHaveStatusAsync(HttpStatusCode.NotFound);
        (await foreign.ProblemCodeAsync()).ShouldBe("scheduling.patient_not_found");

        var booked = await SchedulingApi.BookAsync(guardian, doctorId, slots[0], patientId: childId);
        await booked.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var appointment = await booked.Content.ReadFromJsonAsync<JsonElement>();
        appointment.GetProperty("patientId").GetGuid().ShouldBe(childId);
        var appointmentId = appointment.GetProperty("id").GetGuid();

        var mine = await guardian.GetJsonAsync<JsonElement>("/api/v1/scheduling/appointments/mine");
        mine.EnumerateArray().ShouldContain(a => a.GetProperty("id").GetGuid() == appointmentId && a.GetProperty("patientName").GetString() == "Petya Fedorova");
        await (await guardian.GetAsync($"/api/v1/scheduling/appointments/{appointmentId}")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await stranger.GetAsync($"/api/v1/scheduling/appointments/{appointmentId}")).StatusCode.ShouldBeOneOf(HttpStatusCode.NotFound, HttpStatusCode.Forbidden);
        (await stranger.GetJsonAsync<JsonElement>("/api/v1/scheduling/appointments/mine")).EnumerateArray()
            .ShouldNotContain(a => a.GetProperty("id").GetGuid() == appointmentId);

        // The paediatrician sees the child as the patient, with the guardian's contact, once the booking's event has granted the
        // care relationship (delivered through the outbox, after the booking's answer).
        using var doctor = await host.SignedInAsync(Paediatrician);
        await SchedulingApi.WaitForAsync(async () => (await doctor.GetAsync($"/api/v1/patients/{childId}/demographics")).IsSuccessStatusCode ? "related" : null,
            TimeSpan.FromSeconds(20), "the care relationship from the booking");
        var demographics = await doctor.GetJsonAsync<JsonElement>($"/api/v1/patients/{childId}/demographics");
        demographics.GetProperty("givenName").GetString().ShouldBe("Petya");
        var guardianProfile = await guardian.GetJsonAsync<JsonElement>("/api/v1/me/patient-profile");
        demographics.GetRawText().ShouldContain(guardianProfile.GetProperty("email").GetString()!);
    }
}

public sealed class DependentsScenariosOnSqlite(SqliteHost host) : DependentsScenarios(host), IClassFixture<SqliteHost>;

public sealed class DependentsScenariosOnPostgres(PostgresHost host) : DependentsScenarios(host), IClassFixture<PostgresHost>;
