using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;
using static Telemed.IntegrationTests.Infrastructure.ConsultationsApi;

namespace Telemed.IntegrationTests.Scenarios.Clinical;

/// <summary>
/// A signature on a protocol attests that a practising doctor wrote it. Signing checked the licence's dates but not whether an
/// administrator had suspended the doctor's profile meanwhile, so a suspended doctor could still sign. Now it is 422
/// <c>clinical.signer_not_active</c> and the protocol stays unsigned until the profile is active again.
/// </summary>
public abstract class SignerNotActiveScenarios(TelemedHost host)
{
    private const string DoctorEmail = "natalia.lebedeva@demo.telemed.dev";

    [Fact]
    public async Task Given_a_finished_visit_When_an_admin_suspends_the_doctor_before_the_protocol_is_signed_Then_signing_is_refused_until_the_doctor_is_active_again()
    {
        using var doctor = await host.SignedInAsync(DoctorEmail);
        using var admin = await host.SignedInAsync("admin@demo.telemed.dev");
        var doctorId = await DoctorIdAsync(doctor);
        await (await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty = true })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        using var patient = await host.SignedInAsync("ksenia.orekhova@demo.telemed.dev");
        var requested = await patient.PostAsync("/api/v1/consultations/on-demand",
            new { specialty = "neurology", kind = "video", complaint = Complaint(["head"], 2, "days", [], "Pressing headache") });
        await requested.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var id = (await requested.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("consultation").GetProperty("id").GetGuid();
        await (await doctor.PostAsync($"/api/v1/consultations/{id}/accept")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await doctor.PutAsync($"/api/v1/consultations/{id}/protocol", new
        {
            version = 0, complaints = "Headache", historyOfPresentIllness = "", objectiveFindings = "", recommendations = "Rest.",
            diagnoses = new object[] { new { code = "G44.2", role = "primary", certainty = "preliminary" } },
            referrals = new object[] { new { kind = "inPersonVisit", target = "", note = "See a neurologist in person." } },
            followUpOn = (string?)null,
        })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await doctor.PostAsync($"/api/v1/consultations/{id}/end")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty = false });

        await (await admin.PostAsync($"/api/v1/admin/doctors/{doctorId}/status", new { status = "suspended" })).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        try
        {
            var refused = await doctor.PostAsync($"/api/v1/consultations/{id}/protocol/sign", new { version = 1 });
            refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
            (await refused.ProblemCodeAsync()).ShouldBe("clinical.signer_not_active");
            (await doctor.GetJsonAsync<JsonElement>($"/api/v1/consultations/{id}/protocol")).GetProperty("signedAt").ValueKind.ShouldBe(JsonValueKind.Null);
        }
        finally
        {
            await (await admin.PostAsync($"/api/v1/admin/doctors/{doctorId}/status", new { status = "active" })).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        }

        await (await doctor.PostAsync($"/api/v1/consultations/{id}/protocol/sign", new { version = 1 })).ShouldHaveStatusAsync(HttpStatusCode.OK);
    }
}

[Collection("clinical-sqlite")]
public sealed class SignerNotActiveScenariosOnSqlite(ClinicalSqliteHost host) : SignerNotActiveScenarios(host);

[Collection("clinical-postgres")]
public sealed class SignerNotActiveScenariosOnPostgres(ClinicalPostgresHost host) : SignerNotActiveScenarios(host);
