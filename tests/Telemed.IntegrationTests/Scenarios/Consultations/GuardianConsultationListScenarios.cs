using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;
using static Telemed.IntegrationTests.Infrastructure.ConsultationsApi;

namespace Telemed.IntegrationTests.Scenarios.Consultations;

/// <summary>
/// A guardian's consultations and chats. <c>GET /consultations/mine</c> and <c>GET /consultations/conversations</c> list what the
/// account asked for, their children's visits among the guardian's own, but a patient's items named nobody, so a parent could not
/// tell Sofia's visit from their own. Each consultation now carries <c>patientId</c> and, on a dependant's, <c>patientName</c> (as
/// <c>/me/prescriptions</c> does); a dependant's conversation is marked <c>forDependant</c>; the notice of a child's booking names the
/// child instead of saying "Your visit"; the pages the record timeline links a child's consultation chat to open for the guardian; and
/// reading one consultation or chat by id (the consultation and chat pages) says whom it is for as the lists do; and a guardian can start
/// a care-team thread about a child (<c>patientId</c>).
/// </summary>
public abstract class GuardianConsultationListScenarios(TelemedHost host)
{
    // In the demo, Ivan Kuznetsov is the guardian of his daughter Sofia; Mikhail Vasiliev is a patient with no link to her.
    private const string Guardian = "ivan.kuznetsov@demo.telemed.dev";
    private const string Stranger = "mikhail.vasiliev@demo.telemed.dev";
    private const string Paediatrician = "dmitry.kozlov@demo.telemed.dev";

    [Fact]
    public async Task Given_a_guardian_with_his_own_and_his_daughters_consultations_When_he_and_a_stranger_list_theirs_Then_only_the_daughters_items_name_her_and_her_chat_opens_for_him()
    {
        var today = SchedulingApi.Today(host);
        Guid childId;
        Guid appointmentId;
        using (var booking = await host.SignedInAsync(Guardian))
        using (var doctorForId = await host.SignedInAsync(Paediatrician))
        {
            childId = (await booking.GetJsonAsync<JsonElement>("/api/v1/me/dependents")).EnumerateArray()
                .Single(d => d.GetProperty("givenName").GetString() == "Sofia").GetProperty("id").GetGuid();
            var doctorId = await DoctorIdAsync(doctorForId);
            var slot = (await SchedulingApi.SlotsAsync(booking, doctorId, today.AddDays(1), 6))[0];
            var booked = await SchedulingApi.BookAsync(booking, doctorId, slot, patientId: childId);
            await booked.ShouldHaveStatusAsync(HttpStatusCode.Created);
            appointmentId = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            host.Clock.Advance(slot.Start.AddMinutes(-5) - host.Clock.GetUtcNow().UtcDateTime);
        }

        // Signed in again: the sessions from before the clock moved to the visit have expired.
        using var guardian = await host.SignedInAsync(Guardian);
        using var stranger = await host.SignedInAsync(Stranger);
        var admitted = (await EnterAsync(guardian, appointmentId, Complaint(["head"], 4, "days", [], "Headache after school"))).GetProperty("consultation");
        var childsConsultation = admitted.GetProperty("id").GetGuid();
        // The waiting room the guardian is shown on entering already says whom the visit is for.
        admitted.GetProperty("patientName").GetString().ShouldBe("Sofia Kuznetsova");
        var ownConsultation = await OnDemandAsync(guardian, "neurology", "video", Complaint(["head"], 3, "days", [], "My own headache"));
        var strangersConsultation = await OnDemandAsync(stranger, "neurology", "video", Complaint(["head"], 3, "days", [], "Headache"));
        var ownId = (await guardian.GetJsonAsync<JsonElement>("/api/v1/me/patient-profile")).GetProperty("id").GetGuid();
        var strangersOwnId = (await stranger.GetJsonAsync<JsonElement>("/api/v1/me/patient-profile")).GetProperty("id").GetGuid();

        // Then the daughter's consultation names her, and the guardian's own names no one (the web says "For Sofia" only there).
        var mine = (await guardian.GetJsonAsync<JsonElement>("/api/v1/consultations/mine")).EnumerateArray().ToList();
        var childs = mine.Single(c => c.GetProperty("id").GetGuid() == childsConsultation);
        childs.GetProperty("patientId").GetGuid().ShouldBe(childId);
        childs.GetProperty("patientName").GetString().ShouldBe("Sofia Kuznetsova");
        var own = mine.Single(c => c.GetProperty("id").GetGuid() == ownConsultation);
        own.GetProperty("patientId").GetGuid().ShouldBe(ownId);
        own.GetProperty("patientName").ValueKind.ShouldBe(JsonValueKind.Null);
        mine.Where(c => c.GetProperty("patientId").GetGuid() == ownId).ShouldAllBe(c => c.GetProperty("patientName").ValueKind == JsonValueKind.Null);

        // A patient without dependants: only their own consultations, each their own and naming no one.
        var strangers = (await stranger.GetJsonAsync<JsonElement>("/api/v1/consultations/mine")).EnumerateArray().ToList();
        strangers.ShouldContain(c => c.GetProperty("id").GetGuid() == strangersConsultation);
        strangers.ShouldNotContain(c => c.GetProperty("id").GetGuid() == childsConsultation || c.GetProperty("id").GetGuid() == ownConsultation);
        strangers.ShouldAllBe(c => c.GetProperty("patientId").GetGuid() == strangersOwnId && c.GetProperty("patientName").ValueKind == JsonValueKind.Null);

        // The conversations list marks the daughter's chat, not the guardian's own nor any of the stranger's.
        var childsChat = childs.GetProperty("conversationId").GetGuid();
        var ownChat = own.GetProperty("conversationId").GetGuid();
        var chats = (await guardian.GetJsonAsync<JsonElement>("/api/v1/consultations/conversations")).EnumerateArray().ToList();
        chats.Single(c => c.GetProperty("id").GetGuid() == childsChat).GetProperty("forDependant").GetBoolean().ShouldBeTrue();
        chats.Single(c => c.GetProperty("id").GetGuid() == childsChat).GetProperty("patientName").GetString().ShouldBe("Sofia Kuznetsova");
        chats.Single(c => c.GetProperty("id").GetGuid() == ownChat).GetProperty("forDependant").GetBoolean().ShouldBeFalse();
        (await stranger.GetJsonAsync<JsonElement>("/api/v1/consultations/conversations")).EnumerateArray()
            .ShouldAllBe(c => !c.GetProperty("forDependant").GetBoolean());

        // The daughter's record timeline links her consultation's chat to /patient/messages/{id}: that page's reads answer the guardian,
        // and the stranger gets the 404 an unknown conversation gets.
        var timeline = await guardian.GetJsonAsync<JsonElement>($"/api/v1/me/record/timeline?patientId={childId}&kind=conversation&pageSize=100");
        timeline.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetGuid()).ShouldContain(childsChat);
        await (await guardian.GetAsync($"/api/v1/consultations/conversations/{childsChat}")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await guardian.GetAsync($"/api/v1/consultations/conversations/{childsChat}/messages")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await stranger.GetAsync($"/api/v1/consultations/conversations/{childsChat}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // And the consultation itself (what /patient/appointments opens for a visit not yet completed) reads for the guardian.
        await (await guardian.GetAsync($"/api/v1/consultations/{childsConsultation}")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        // Read one by one (the consultation and chat pages), the daughter's still name her and the guardian's own name no one.
        var childsOne = await guardian.GetJsonAsync<JsonElement>($"/api/v1/consultations/{childsConsultation}");
        childsOne.GetProperty("patientId").GetGuid().ShouldBe(childId);
        childsOne.GetProperty("patientName").GetString().ShouldBe("Sofia Kuznetsova");
        var ownOne = await guardian.GetJsonAsync<JsonElement>($"/api/v1/consultations/{ownConsultation}");
        ownOne.GetProperty("patientId").GetGuid().ShouldBe(ownId);
        ownOne.GetProperty("patientName").ValueKind.ShouldBe(JsonValueKind.Null);
        (await guardian.GetJsonAsync<JsonElement>($"/api/v1/consultations/conversations/{childsChat}")).GetProperty("forDependant").GetBoolean().ShouldBeTrue();
        (await guardian.GetJsonAsync<JsonElement>($"/api/v1/consultations/{childsConsultation}/conversation")).GetProperty("forDependant").GetBoolean().ShouldBeTrue();
        (await guardian.GetJsonAsync<JsonElement>($"/api/v1/consultations/conversations/{ownChat}")).GetProperty("forDependant").GetBoolean().ShouldBeFalse();
        (await stranger.GetJsonAsync<JsonElement>($"/api/v1/consultations/{strangersConsultation}")).GetProperty("patientName").ValueKind.ShouldBe(JsonValueKind.Null);
        // Her doctor reads the chat as before: never "for a dependant", the patient named as staff see her.
        using (var doctor = await host.SignedInAsync(Paediatrician))
        {
            var doctorsView = await doctor.GetJsonAsync<JsonElement>($"/api/v1/consultations/conversations/{childsChat}");
            doctorsView.GetProperty("forDependant").GetBoolean().ShouldBeFalse();
            doctorsView.GetProperty("patientName").GetString().ShouldBe("Sofia Kuznetsova");

            // A care-team thread about the daughter: the guardian starts it for her (patientId), it says so, and her doctor sees her
            // as its patient; a stranger naming her is refused as for an unknown patient and starts nothing.
            var paediatricianId = await DoctorIdAsync(doctor);
            var started = await guardian.PostAsync("/api/v1/consultations/conversations",
                new { doctorId = paediatricianId, subject = "Sofia's cough", body = "Should she stay home?", patientId = childId });
            await started.ShouldHaveStatusAsync(HttpStatusCode.Created);
            var thread = await started.Content.ReadFromJsonAsync<JsonElement>();
            thread.GetProperty("forDependant").GetBoolean().ShouldBeTrue();
            thread.GetProperty("patientName").GetString().ShouldBe("Sofia Kuznetsova");
            var threadId = thread.GetProperty("id").GetGuid();
            (await doctor.GetJsonAsync<JsonElement>($"/api/v1/consultations/conversations/{threadId}")).GetProperty("patientName").GetString().ShouldBe("Sofia Kuznetsova");
            var ownThread = await guardian.PostAsync("/api/v1/consultations/conversations", new { doctorId = paediatricianId, subject = "My cough", body = "Hello" });
            await ownThread.ShouldHaveStatusAsync(HttpStatusCode.Created);
            (await ownThread.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("forDependant").GetBoolean().ShouldBeFalse();
            var refused = await stranger.PostAsync("/api/v1/consultations/conversations",
                new { doctorId = paediatricianId, subject = "Sofia", body = "Hello", patientId = childId });
            refused.StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await refused.ProblemCodeAsync()).ShouldBe("chat.patient_not_found");
            (await stranger.GetJsonAsync<JsonElement>("/api/v1/consultations/conversations")).EnumerateArray()
                .ShouldNotContain(c => c.GetProperty("subject").GetString() == "Sofia");
        }

        // The notice of the daughter's booking in the guardian's notification centre says whose visit it is.
        var notice = await SchedulingApi.WaitForAsync(async () =>
            (await guardian.GetJsonAsync<JsonElement>("/api/v1/me/notifications?pageSize=100")).GetProperty("items").EnumerateArray()
                .Where(n => n.GetProperty("link").GetString() == $"/patient/appointments/{appointmentId}").Select(n => n.GetProperty("title").GetString()).FirstOrDefault(),
            TimeSpan.FromSeconds(20), "the notice of the daughter's booking");
        notice.ShouldContain("Sofia Kuznetsova");
    }
}

public sealed class GuardianConsultationListScenariosOnSqlite(SqliteHost host) : GuardianConsultationListScenarios(host), IClassFixture<SqliteHost>;

public sealed class GuardianConsultationListScenariosOnPostgres(PostgresHost host) : GuardianConsultationListScenarios(host), IClassFixture<PostgresHost>;
