using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;
using static Telemed.IntegrationTests.Infrastructure.ConsultationsApi;

namespace Telemed.IntegrationTests.Scenarios.Clinical;

/// <summary>
/// A body that leaves out a member the contract marks required and System.Text.Json would fill with a default (an enum's first
/// value, <c>false</c>, 0): a diagnosis sent as <c>{"code":"R51"}</c> was saved as the primary, preliminary one, a referral without a
/// kind as a specialist referral, a failure report without a reason as <c>doctorAbsent</c> (which releases the patient's payment),
/// <c>PUT /consultations/duty {}</c> took the doctor off duty, and a clinic policy without its cut-off saved a cut-off of 0 hours.
/// Each is now 400 <c>request.invalid</c> naming the member in <c>errors</c>, and changes nothing.
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

    private static async Task<JsonElement> RefusalAsync(HttpResponseMessage response, string what)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, what);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json", what);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("code").GetString().ShouldBe("request.invalid", what);
        return problem;
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

        var referral = new { kind = "specialist", target = "neurology", note = (string?)null };
        await ShouldBeRefusedAsync(await doctor.PutAsync($"/api/v1/consultations/{id}/protocol", Protocol(new { code = "R42" }, referral)),
            "a diagnosis without role and certainty");
        await ShouldBeRefusedAsync(await doctor.PutAsync($"/api/v1/consultations/{id}/protocol", Protocol(new { code = "R42", certainty = "preliminary" }, referral)),
            "a diagnosis without a role");
        await ShouldBeRefusedAsync(await doctor.PutAsync($"/api/v1/consultations/{id}/protocol",
            Protocol(new { code = "R42", role = "primary", certainty = "preliminary" }, new { target = "neurology" })), "a referral without a kind");
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

    [Fact]
    public async Task Given_a_body_that_leaves_out_a_flag_or_a_number_When_it_is_sent_Then_it_is_400_naming_the_member_and_nothing_changes()
    {
        // The same kind with other value types: a flag read as false and a number read as 0 changed real settings.
        using var doctor = await host.SignedInAsync("james.whitfield@demo.telemed.dev");
        using var admin = await host.SignedInAsync("admin@demo.telemed.dev");
        await (await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty = true })).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var problem = await RefusalAsync(await doctor.PutAsync("/api/v1/consultations/duty", new { }), "duty without onDuty");
        problem.GetProperty("errors").GetProperty("onDuty")[0].GetString().ShouldBe("Required.");
        problem.GetProperty("detail").GetString()!.ShouldContain("onDuty");
        (await doctor.GetJsonAsync<JsonElement>("/api/v1/consultations/duty")).GetProperty("onDuty").GetBoolean().ShouldBeTrue("the doctor is still on duty");

        var clinicId = (await admin.GetJsonAsync<JsonElement>("/api/v1/clinics")).EnumerateArray().First().GetProperty("id").GetGuid();
        var before = await admin.GetJsonAsync<JsonElement>($"/api/v1/scheduling/clinics/{clinicId}/policy");
        var noCutoff = await RefusalAsync(await admin.PutAsync($"/api/v1/scheduling/clinics/{clinicId}/policy",
            new { reminderOffsetsHours = new[] { 48, 2 }, waitlistHoldMinutes = 30 }), "a policy without its cut-off");
        noCutoff.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["cancellationCutoffHours"]);
        (await admin.GetJsonAsync<JsonElement>($"/api/v1/scheduling/clinics/{clinicId}/policy")).GetRawText().ShouldBe(before.GetRawText());

        // The same bodies with their members are taken; a nullable member may still be left out.
        await (await admin.PutAsync($"/api/v1/scheduling/clinics/{clinicId}/policy", before)).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty = false })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await doctor.GetJsonAsync<JsonElement>("/api/v1/consultations/duty")).GetProperty("onDuty").GetBoolean().ShouldBeFalse();
    }
}

[Collection("clinical-sqlite")]
public sealed class MissingChoiceScenariosOnSqlite(ClinicalSqliteHost host) : MissingChoiceScenarios(host);

[Collection("clinical-postgres")]
public sealed class MissingChoiceScenariosOnPostgres(ClinicalPostgresHost host) : MissingChoiceScenarios(host);
