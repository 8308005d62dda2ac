using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;
using static Telemed.IntegrationTests.Infrastructure.ConsultationsApi;

namespace Telemed.IntegrationTests.Scenarios.Clinical;

/// <summary>
/// A body that leaves out a choice the contract marks required (an enum member). System.Text.Json filled it with the enum's first
/// value: a diagnosis sent as <c>{"code":"R51"}</c> was saved as the primary, preliminary one, a referral without a kind as a
/// specialist referral, and a failure report without a reason as <c>doctorAbsent</c> (which releases the patient's payment).
/// Each is now 400 <c>request.invalid</c> and changes nothing.
/// </summary>
public abstract class MissingChoiceScenarios(TelemedHost host)
{
    private const string DoctorEmail = "alexei.sokolov@demo.telemed.dev";

    private static async Task ShouldBeRefusedAsync(HttpResponseMessage response, string what)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, what);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json", what);
        (await response.ProblemCodeAsync()).ShouldBe("request.invalid", what);
    }

    [Fact]
    public async Task Given_a_consultation_in_progress_When_a_diagnosis_referral_or_failure_leaves_out_its_choice_Then_it_is_400_and_nothing_is_saved()
    {
        using var doctor = await host.SignedInAsync(DoctorEmail);
        await (await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty = true })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        using var patient = await host.SignedInAsync("boris.kovalev@demo.telemed.dev");
        await ShouldBeRefusedAsync(await patient.PostAsync("/api/v1/consultations/on-demand",
            new { specialty = "neurology", complaint = Complaint(["head"], 4, "days", [], "Dizzy") }), "on-demand without a kind");
        var requested = await patient.PostAsync("/api/v1/consultations/on-demand",
            new { specialty = "neurology", kind = "video", complaint = Complaint(["head"], 4, "days", [], "Dizzy") });
        await requested.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var id = (await requested.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("consultation").GetProperty("id").GetGuid();
        await (await doctor.PostAsync($"/api/v1/consultations/{id}/accept")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        object Protocol(object diagnosis, object referral) => new
        {
            version = 0, complaints = "Dizziness", historyOfPresentIllness = "", objectiveFindings = "", recommendations = "",
            diagnoses = new[] { diagnosis }, referrals = new[] { referral }, followUpOn = (string?)null,
        };

        var referral = new { kind = "specialist", target = "ENT", note = (string?)null };
        await ShouldBeRefusedAsync(await doctor.PutAsync($"/api/v1/consultations/{id}/protocol", Protocol(new { code = "R42" }, referral)),
            "a diagnosis without role and certainty");
        await ShouldBeRefusedAsync(await doctor.PutAsync($"/api/v1/consultations/{id}/protocol", Protocol(new { code = "R42", certainty = "preliminary" }, referral)),
            "a diagnosis without a role");
        await ShouldBeRefusedAsync(await doctor.PutAsync($"/api/v1/consultations/{id}/protocol",
            Protocol(new { code = "R42", role = "primary", certainty = "preliminary" }, new { target = "ENT" })), "a referral without a kind");
        var protocol = await doctor.GetJsonAsync<JsonElement>($"/api/v1/consultations/{id}/protocol");
        protocol.GetProperty("version").GetInt32().ShouldBe(0);
        protocol.GetProperty("diagnoses").GetArrayLength().ShouldBe(0);

        await ShouldBeRefusedAsync(await doctor.PostAsync($"/api/v1/consultations/{id}/fail", new { details = "Connection dropped" }), "a failure without a reason");
        (await StatusInDatabaseAsync(host, id)).ToLowerInvariant().ShouldNotStartWith("failed");

        // The same bodies with their choices are taken.
        var saved = await doctor.PutAsync($"/api/v1/consultations/{id}/protocol", Protocol(new { code = "R42", role = "primary", certainty = "preliminary" }, referral));
        await saved.ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("diagnoses")[0].GetProperty("role").GetString().ShouldBe("primary");
        await (await doctor.PostAsync($"/api/v1/consultations/{id}/end")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty = false });
    }
}

[Collection("clinical-sqlite")]
public sealed class MissingChoiceScenariosOnSqlite(ClinicalSqliteHost host) : MissingChoiceScenarios(host);

[Collection("clinical-postgres")]
public sealed class MissingChoiceScenariosOnPostgres(ClinicalPostgresHost host) : MissingChoiceScenarios(host);
