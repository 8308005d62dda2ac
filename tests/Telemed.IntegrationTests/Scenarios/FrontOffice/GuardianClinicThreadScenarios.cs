using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios.FrontOffice;

/// <summary>
/// The clinic writes to a child: the guardian is told, and once could never read the message (the thread endpoints read only the
/// caller's own thread). Now the guardian reads and answers the child's thread with <c>?patientId=</c>, the notice links to it, and
/// nobody else gets it.
/// </summary>
public abstract class GuardianClinicThreadScenarios(TelemedHost host)
{
    private const string Guardian = "ivan.kuznetsov@demo.telemed.dev";
    private const string Stranger = "elena.popova@demo.telemed.dev";

    [Fact]
    public async Task Given_the_clinic_writes_to_a_child_Then_the_guardian_reads_and_answers_it_from_the_notices_link_and_a_stranger_gets_404()
    {
        using var guardian = await host.SignedInAsync(Guardian);
        var dateOfBirth = SchedulingApi.Today(host).AddYears(-7).ToString("yyyy-MM-dd");
        var added = await guardian.PostAsync("/api/v1/me/dependents", new { givenName = "Sonya", familyName = "Kuznetsova", dateOfBirth, sex = "female" });
        await added.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var childId = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        using var desk = await host.SignedInAsync("frontdesk@demo.telemed.dev");
        var text = $"Sonya's vaccination card is ready {Guid.NewGuid():N}";
        await (await desk.PostAsync($"/api/v1/front-desk/patients/{childId}/messages", new { body = text })).ShouldHaveStatusAsync(HttpStatusCode.Created);

        // The in-app notice and the e-mail link to the child's thread (an id, no name).
        var childLink = $"/patient/clinic-messages?patientId={childId}";
        var notice = await SchedulingApi.WaitForAsync(async () =>
        {
            var page = await guardian.GetJsonAsync<JsonElement>("/api/v1/me/notifications?pageSize=100");
            return page.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("link").GetString()).FirstOrDefault(l => l == childLink);
        }, TimeSpan.FromSeconds(30), "the clinic message notice");
        notice.ShouldBe(childLink);
        (await ApiClient.LatestLinkAsync(host, Guardian, "/patient/clinic-messages")).ShouldEndWith(childLink);

        // The guardian's own thread does not hold it; the child's does, and reading it marks it read.
        (await guardian.GetJsonAsync<JsonElement>("/api/v1/me/clinic-messages")).GetProperty("messages").EnumerateArray()
            .ShouldNotContain(m => m.GetProperty("body").GetString() == text);
        var thread = await guardian.GetJsonAsync<JsonElement>($"/api/v1/me/clinic-messages?patientId={childId}");
        thread.GetProperty("patientId").GetGuid().ShouldBe(childId);
        thread.GetProperty("unreadBefore").GetInt32().ShouldBe(1);
        thread.GetProperty("messages").EnumerateArray().Single().GetProperty("body").GetString().ShouldBe(text);

        // The guardian answers for the child: the desk sees it in the child's thread, named as a read names it.
        var answered = await guardian.PostAsync($"/api/v1/me/clinic-messages?patientId={childId}", new { body = "We will come on Monday" });
        await answered.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var written = await answered.Content.ReadFromJsonAsync<JsonElement>();
        var deskThread = await desk.GetJsonAsync<JsonElement>($"/api/v1/front-desk/patients/{childId}/messages");
        var seen = deskThread.GetProperty("messages").EnumerateArray().Last();
        seen.GetProperty("body").GetString().ShouldBe("We will come on Monday");
        written.GetProperty("authorName").GetString().ShouldNotBeNullOrEmpty();
        written.GetProperty("authorName").GetString().ShouldBe(seen.GetProperty("authorName").GetString());

        // Anyone else's child: 404 for reads and writes, nothing written, the refusal in the audit trail.
        using var stranger = await host.SignedInAsync(Stranger);
        (await stranger.GetAsync($"/api/v1/me/clinic-messages?patientId={childId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await stranger.PostAsync($"/api/v1/me/clinic-messages?patientId={childId}", new { body = "Not mine" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await desk.GetJsonAsync<JsonElement>($"/api/v1/front-desk/patients/{childId}/messages")).GetProperty("messages").GetArrayLength().ShouldBe(2);
        using var admin = host.CreateApiClient();
        await admin.SignInAsAdminAsync();
        var denied = await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/audit?action=access.denied&recordId={childId}&pageSize=50");
        denied.GetProperty("items").GetArrayLength().ShouldBeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task Given_a_patient_writes_to_the_clinic_Then_the_answer_names_them_as_the_thread_does()
    {
        using var patient = await host.SignedInAsync("mikhail.vasiliev@demo.telemed.dev");
        var created = await patient.PostAsync("/api/v1/me/clinic-messages", new { body = "Is my certificate ready?" });
        await created.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var message = await created.Content.ReadFromJsonAsync<JsonElement>();
        var inThread = (await patient.GetJsonAsync<JsonElement>("/api/v1/me/clinic-messages")).GetProperty("messages").EnumerateArray()
            .Single(m => m.GetProperty("id").GetGuid() == message.GetProperty("id").GetGuid());
        message.GetProperty("authorName").GetString().ShouldNotBeNullOrEmpty();
        message.GetProperty("authorName").GetString().ShouldBe(inThread.GetProperty("authorName").GetString());
    }
}

public sealed class GuardianClinicThreadScenariosOnSqlite(SqliteHost host) : GuardianClinicThreadScenarios(host), IClassFixture<SqliteHost>;

public sealed class GuardianClinicThreadScenariosOnPostgres(PostgresHost host) : GuardianClinicThreadScenarios(host), IClassFixture<PostgresHost>;
