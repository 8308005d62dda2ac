using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;
using static Telemed.IntegrationTests.Infrastructure.ConsultationsApi;

namespace Telemed.IntegrationTests.Scenarios.Consultations;

/// <summary>
/// A chat consultation's "switch to video" proposal is kept in the database (issue 11): a second host on the same
/// database (as after a restart, or behind a load balancer) sees it, and of two answers at once exactly one wins.
/// Driven through the call hub with the official SignalR JavaScript client.
/// </summary>
public abstract class VideoProposalScenarios(TelemedHost host)
{
    private const string PatientEmail = "ksenia.orekhova@demo.telemed.dev";
    private const string DoctorEmail = "lena.schneider@demo.telemed.dev";

    [Fact]
    public async Task Given_a_patients_video_proposal_When_a_second_host_on_the_same_database_answers_Then_it_sees_it_and_of_two_accepts_one_wins()
    {
        using var patient = await host.SignedInAsync(PatientEmail);
        using var doctor = await host.SignedInAsync(DoctorEmail);
        await (await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty = true })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var requested = await patient.PostAsync("/api/v1/consultations/on-demand", new { specialty = "dermatology", kind = "chat", complaint = Complaint(["left-arm"], 3, "weeks", description: "an itchy patch") });
        await requested.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var id = (await requested.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("consultation").GetProperty("id").GetGuid();
        await (await doctor.PostAsync($"/api/v1/consultations/{id}/accept")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        using (var patientHub = (await HubClient.ConnectAsync(patient, "/hubs/call", "videoProposed", "videoAnswered"))!)
        {
            (await patientHub.InvokeAsync("WatchCall", id)).Value.GetProperty("proposedBy").ValueKind.ShouldBe(JsonValueKind.Null);
            (await patientHub.InvokeAsync("ProposeVideo", id)).Ok.ShouldBeTrue();
            (await patientHub.NextEventAsync("videoProposed")).GetProperty("by").GetString().ShouldBe("patient");
            // The proposer cannot answer their own proposal.
            (await patientHub.InvokeAsync("AnswerVideo", id, true)).Error!.ShouldContain("consultation.no_video_proposal");
        }

        await using var second = new TelemedHost(host) { KeepDataOnDispose = true };
        second.Clock.Advance(host.Clock.GetUtcNow() - second.Clock.GetUtcNow());
        await second.InitializeAsync();
        using var doctorThere = await second.SignedInAsync(DoctorEmail);
        using var hubThere = (await HubClient.ConnectAsync(doctorThere, "/hubs/call", "videoAnswered"))!;
        using var hubHere = (await HubClient.ConnectAsync(doctor, "/hubs/call", "videoAnswered"))!;
        var state = await hubThere.InvokeAsync("WatchCall", id);
        state.Ok.ShouldBeTrue(state.Error);
        state.Value.GetProperty("kind").GetString().ShouldBe("chat");
        state.Value.GetProperty("proposedBy").GetString().ShouldBe("patient", "the proposal made on the first host is in the database");

        var answers = await Task.WhenAll(hubThere.InvokeAsync("AnswerVideo", id, true), hubHere.InvokeAsync("AnswerVideo", id, true));

        answers.Count(a => a.Ok).ShouldBe(1, string.Join(" | ", answers.Select(a => a.Error)));
        answers.Single(a => !a.Ok).Error!.ShouldContain("consultation.no_video_proposal");
        (await hubHere.InvokeAsync("WatchCall", id)).Value.GetProperty("kind").GetString().ShouldBe("video");
        (await hubThere.InvokeAsync("WatchCall", id)).Value.GetProperty("proposedBy").ValueKind.ShouldBe(JsonValueKind.Null);

        await (await doctor.PostAsync($"/api/v1/consultations/{id}/end")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty = false });
    }
}

[Collection("consultations-sqlite")]
public sealed class VideoProposalScenariosOnSqlite(ConsultationsSqliteHost host) : VideoProposalScenarios(host);

[Collection("consultations-postgres")]
public sealed class VideoProposalScenariosOnPostgres(ConsultationsPostgresHost host) : VideoProposalScenarios(host);
