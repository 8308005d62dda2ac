using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;
using static Telemed.IntegrationTests.Infrastructure.ConsultationsApi;

namespace Telemed.IntegrationTests.Scenarios.Consultations;

/// <summary>
/// Refused reads are recorded in the audit trail as denied (the caller still sees 404), and no id-taking operation
/// answers differently for an existing record the caller may not see than for an unknown id — over REST and the hubs.
/// </summary>
public abstract class ConsultationPrivacyScenarios(TelemedHost host)
{
    private const string PatientEmail = "daria.komarova@demo.telemed.dev"; // no demo care relationship with the cardiologist
    private const string StrangerEmail = "roman.fedorov@demo.telemed.dev";
    private const string Dermatologist = "olga.smirnova@demo.telemed.dev";
    private const string Cardiologist = "anna.petrova@demo.telemed.dev";

    private sealed record Visit(Guid ConsultationId, Guid ConversationId, Guid Photo, Guid CareTeamConversationId, Guid MessagePhoto);

    /// <summary>An on-demand dermatology request with a complaint photo, and a care-team thread with a photo in its first message.</summary>
    private static async Task<Visit> PatientRecordsAsync(ApiClient patient, ApiClient dermatologist)
    {
        var photo = await UploadAsync(patient, PngWithText("private rash photo"), "rash.png");
        var requested = await patient.PostAsync("/api/v1/consultations/on-demand",
            new { specialty = "dermatology", kind = "chat", complaint = Complaint(["left-hand"], 3, "weeks", ["rash"], photoIds: [photo]) });
        await requested.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var consultationId = (await requested.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("consultation").GetProperty("id").GetGuid();
        var conversationId = (await patient.GetJsonAsync<JsonElement>($"/api/v1/consultations/{consultationId}/conversation")).GetProperty("id").GetGuid();

        var messagePhoto = await UploadAsync(patient, PngWithText("second photo"), "second.png");
        var started = await patient.PostAsync("/api/v1/consultations/conversations",
            new { doctorId = await DoctorIdAsync(dermatologist), subject = "Rash follow-up", body = "Here it is", attachmentIds = new[] { messagePhoto } });
        await started.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var careTeam = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        return new Visit(consultationId, conversationId, photo, careTeam, messagePhoto);
    }

    /// <summary>The trail's denials of one record; entries are written as the request ends, so look a few times.</summary>
    private async Task<List<JsonElement>> DenialsAsync(Guid recordId)
    {
        using var admin = await host.SignedInAsync("admin@demo.telemed.dev");
        for (var attempt = 0; ; attempt++)
        {
            var page = await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/audit?action=access.denied&recordId={recordId}&pageSize=50");
            var items = page.GetProperty("items").EnumerateArray().Select(e => e.Clone()).ToList();
            if (items.Count > 0 || attempt == 20)
            {
                return items;
            }

            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Given_a_stranger_When_they_ask_for_a_patients_attachment_consultation_or_conversation_Then_404_and_the_trail_records_each_denial()
    {
        using var patient = await host.SignedInAsync(PatientEmail);
        using var dermatologist = await host.SignedInAsync(Dermatologist);
        using var stranger = await host.SignedInAsync(StrangerEmail);
        var visit = await PatientRecordsAsync(patient, dermatologist);
        try
        {
            foreach (var path in new[]
            {
                $"/api/v1/consultations/attachments/{visit.Photo}", $"/api/v1/consultations/attachments/{visit.MessagePhoto}",
                $"/api/v1/consultations/{visit.ConsultationId}", $"/api/v1/consultations/{visit.ConsultationId}/complaint",
                $"/api/v1/consultations/conversations/{visit.CareTeamConversationId}/messages",
            })
            {
                var refused = await stranger.GetAsync(path);
                await refused.ShouldHaveStatusAsync(HttpStatusCode.NotFound);
                (await refused.Content.ReadAsStringAsync()).ShouldNotContain("rash", Case.Insensitive);
            }

            using (var chat = (await HubClient.ConnectAsync(stranger, "/hubs/chat"))!)
            {
                (await chat.InvokeAsync("JoinConversation", visit.ConversationId)).Ok.ShouldBeFalse();
            }

            foreach (var (recordId, recordType) in new[]
            {
                (visit.Photo, "Attachment"), (visit.MessagePhoto, "Attachment"), (visit.ConsultationId, "Consultation"),
                (visit.CareTeamConversationId, "Conversation"), (visit.ConversationId, "Conversation"),
            })
            {
                var denials = await DenialsAsync(recordId);
                denials.ShouldContain(e => e.GetProperty("recordType").GetString() == recordType && e.GetProperty("outcome").GetString() == "denied"
                    && e.GetProperty("actorDisplay").GetString() == "Patient", $"a denied {recordType} read of {recordId}");
            }

            // The owner's own reads are not denials.
            await (await patient.GetAsync($"/api/v1/consultations/attachments/{visit.Photo}")).ShouldHaveStatusAsync(HttpStatusCode.OK);
            (await DenialsAsync(visit.Photo)).Count.ShouldBe(1, "only the stranger's download");
        }
        finally
        {
            await patient.PostAsync($"/api/v1/consultations/{visit.ConsultationId}/fail", new { reason = "patientLeft" });
        }
    }

    [Fact]
    public async Task Given_a_doctor_who_may_not_see_a_consultation_Then_every_id_taking_operation_answers_as_for_an_unknown_id()
    {
        using var patient = await host.SignedInAsync(PatientEmail);
        using var dermatologist = await host.SignedInAsync(Dermatologist);
        using var cardiologist = await host.SignedInAsync(Cardiologist);
        var visit = await PatientRecordsAsync(patient, dermatologist);
        var accepted = false;
        try
        {
            await CompareWithUnknownAsync(cardiologist, visit);

            // The original leak: once another doctor had the request, accepting it said 409 "taken" for a real id and 404 for a made-up one.
            await (await dermatologist.PutAsync("/api/v1/consultations/duty", new { onDuty = true })).ShouldHaveStatusAsync(HttpStatusCode.OK);
            await (await dermatologist.PostAsync($"/api/v1/consultations/{visit.ConsultationId}/accept")).ShouldHaveStatusAsync(HttpStatusCode.OK);
            accepted = true;
            await CompareWithUnknownAsync(cardiologist, visit);
            (await DenialsAsync(visit.ConsultationId)).ShouldContain(e => e.GetProperty("actorDisplay").GetString() == "Doctor");

            // Hubs: the same error for a real conversation or consultation the caller may not see as for an unknown one, with the REST code.
            using var chat = (await HubClient.ConnectAsync(cardiologist, "/hubs/chat"))!;
            var real = await chat.InvokeAsync("JoinConversation", visit.ConversationId);
            var unknown = await chat.InvokeAsync("JoinConversation", Guid.NewGuid());
            real.Ok.ShouldBeFalse();
            real.Error.ShouldBe(unknown.Error);
            real.Error!.ShouldContain("chat.not_found: ");
            using var call = (await HubClient.ConnectAsync(cardiologist, "/hubs/call"))!;
            var realCall = await call.InvokeAsync("JoinCall", visit.ConsultationId, "token");
            realCall.Error.ShouldBe((await call.InvokeAsync("JoinCall", Guid.NewGuid(), "token")).Error);
            realCall.Error!.ShouldContain("consultation.not_found: ");
            using var room = (await HubClient.ConnectAsync(cardiologist, "/hubs/waiting-room"))!;
            (await room.InvokeAsync("WatchConsultation", visit.ConsultationId)).Error.ShouldBe((await room.InvokeAsync("WatchConsultation", Guid.NewGuid())).Error);
        }
        finally
        {
            if (accepted)
            {
                await dermatologist.PostAsync($"/api/v1/consultations/{visit.ConsultationId}/end");
            }
            else
            {
                await patient.PostAsync($"/api/v1/consultations/{visit.ConsultationId}/fail", new { reason = "patientLeft" });
            }

            await dermatologist.PutAsync("/api/v1/consultations/duty", new { onDuty = false });
        }
    }

    /// <summary>Every id-taking operation, for the real (forbidden) ids and for made-up ones: same status, same code.</summary>
    private static async Task CompareWithUnknownAsync(ApiClient caller, Visit visit)
    {
        var unknown = new Visit(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var operations = new (string Name, Func<Visit, Task<HttpResponseMessage>> Call)[]
        {
            ("get", v => caller.GetAsync($"/api/v1/consultations/{v.ConsultationId}")),
            ("complaint", v => caller.GetAsync($"/api/v1/consultations/{v.ConsultationId}/complaint")),
            ("accept", v => caller.PostAsync($"/api/v1/consultations/{v.ConsultationId}/accept")),
            ("end", v => caller.PostAsync($"/api/v1/consultations/{v.ConsultationId}/end")),
            ("fail", v => caller.PostAsync($"/api/v1/consultations/{v.ConsultationId}/fail", new { reason = "technicalFailure" })),
            ("get notes", v => caller.GetAsync($"/api/v1/consultations/{v.ConsultationId}/notes")),
            ("write notes", v => caller.PutAsync($"/api/v1/consultations/{v.ConsultationId}/notes", new { text = "x" })),
            ("call", v => caller.GetAsync($"/api/v1/consultations/{v.ConsultationId}/call")),
            ("consultation chat", v => caller.GetAsync($"/api/v1/consultations/{v.ConsultationId}/conversation")),
            ("conversation", v => caller.GetAsync($"/api/v1/consultations/conversations/{v.CareTeamConversationId}")),
            ("messages", v => caller.GetAsync($"/api/v1/consultations/conversations/{v.CareTeamConversationId}/messages")),
            ("send", v => caller.PostAsync($"/api/v1/consultations/conversations/{v.CareTeamConversationId}/messages", new { body = "hello" })),
            ("read", v => caller.PostAsync($"/api/v1/consultations/conversations/{v.CareTeamConversationId}/read", new { messageId = Guid.NewGuid() })),
            ("photo", v => caller.GetAsync($"/api/v1/consultations/attachments/{v.Photo}")),
            ("message photo", v => caller.GetAsync($"/api/v1/consultations/attachments/{v.MessagePhoto}")),
        };
        foreach (var (name, call) in operations)
        {
            var forRealId = await call(visit);
            var forUnknownId = await call(unknown);
            forRealId.StatusCode.ShouldBe(HttpStatusCode.NotFound, $"{name} with a real id: {await forRealId.Content.ReadAsStringAsync()}");
            forUnknownId.StatusCode.ShouldBe(HttpStatusCode.NotFound, name);
            (await forRealId.ProblemCodeAsync()).ShouldBe(await forUnknownId.ProblemCodeAsync(), name);
        }
    }

    [Fact]
    public async Task Given_a_message_of_4000_characters_Then_rest_and_hub_accept_it_and_one_more_character_is_refused_by_both_with_its_code()
    {
        using var patient = await host.SignedInAsync(PatientEmail);
        using var dermatologist = await host.SignedInAsync(Dermatologist);
        var started = await patient.PostAsync("/api/v1/consultations/conversations",
            new { doctorId = await DoctorIdAsync(dermatologist), subject = "Long letter", body = new string('a', 4000) });
        await started.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var tooLong = await patient.PostAsync($"/api/v1/consultations/conversations/{id}/messages", new { body = new string('b', 4001) });
        await tooLong.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
        (await tooLong.Content.ReadAsStringAsync()).ShouldContain("4000 characters");

        using var hub = (await HubClient.ConnectAsync(patient, "/hubs/chat"))!;
        (await hub.InvokeAsync("JoinConversation", id)).Ok.ShouldBeTrue();
        (await hub.InvokeAsync("SendMessage", id, new string('c', 4000), "long-1")).Ok.ShouldBeTrue();
        var refused = await hub.InvokeAsync("SendMessage", id, new string('d', 4001), "long-2");
        refused.Ok.ShouldBeFalse();
        refused.Error!.ShouldContain("chat.message_too_long: ");
        (await hub.InvokeAsync("SendMessage", id, "   ", "empty")).Error!.ShouldContain("chat.empty_message: ");

        var messages = await patient.GetJsonAsync<JsonElement>($"/api/v1/consultations/conversations/{id}/messages");
        messages.EnumerateArray().Select(m => m.GetProperty("body").GetString()!.Length).ShouldBe([4000, 4000]);
    }
}

[Collection("consultations-sqlite")]
public sealed class ConsultationPrivacyScenariosOnSqlite(ConsultationsSqliteHost host) : ConsultationPrivacyScenarios(host);

[Collection("consultations-postgres")]
public sealed class ConsultationPrivacyScenariosOnPostgres(ConsultationsPostgresHost host) : ConsultationPrivacyScenarios(host);
