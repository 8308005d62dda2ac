using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;
using static Telemed.IntegrationTests.Infrastructure.ConsultationsApi;

namespace Telemed.IntegrationTests.Scenarios.Clinical;

/// <summary>
/// The patient's visit summaries (only their own signed protocols, titles in their language, no doctor-only sections) and
/// the operator's <c>clinical verify</c> command (exit 0 valid, 1 after one changed value in the database).
/// </summary>
public abstract class VisitSummaryScenarios(TelemedHost host)
{
    private const string DoctorEmail = "natalia.lebedeva@demo.telemed.dev";

    /// <summary>An on-demand consultation with a signed protocol (ended, preliminary G44.2 + R51, in-person referral) and one addendum.</summary>
    private async Task<Guid> SignedVisitAsync(string patientEmail)
    {
        using var doctor = await host.SignedInAsync(DoctorEmail);
        await (await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty = true })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        using var patient = await host.SignedInAsync(patientEmail);
        var requested = await patient.PostAsync("/api/v1/consultations/on-demand",
            new { specialty = "neurology", kind = "video", complaint = Complaint(["head"], 2, "days", [], "Pressing headache") });
        await requested.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var id = (await requested.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("consultation").GetProperty("id").GetGuid();
        await (await doctor.PostAsync($"/api/v1/consultations/{id}/accept")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await doctor.PutAsync($"/api/v1/consultations/{id}/protocol", new
        {
            version = 0,
            complaints = "Headache",
            historyOfPresentIllness = "DOCTOR-ONLY history",
            objectiveFindings = "DOCTOR-ONLY findings",
            recommendations = "Drink water and sleep eight hours.",
            diagnoses = new object[]
            {
                new { code = "G44.2", role = "primary", certainty = "preliminary" },
                new { code = "R51", role = "secondary", certainty = "preliminary" },
            },
            referrals = new object[] { new { kind = "inPersonVisit", target = "", note = "See a neurologist in person." } },
            followUpOn = (string?)null,
        })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await doctor.PostAsync($"/api/v1/consultations/{id}/end")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await doctor.PostAsync($"/api/v1/consultations/{id}/protocol/sign", new { version = 1 })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await doctor.PostAsync($"/api/v1/consultations/{id}/protocol/addenda", new { text = "MRI booked." })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty = false });
        return id;
    }

    [Fact]
    public async Task Given_a_signed_protocol_Then_its_patient_reads_the_summary_in_their_language_and_nobody_else_does()
    {
        var id = await SignedVisitAsync("ksenia.orekhova@demo.telemed.dev");
        using var patient = await host.SignedInAsync("ksenia.orekhova@demo.telemed.dev");

        var list = await patient.GetJsonAsync<JsonElement>("/api/v1/me/visit-summaries");
        var item = list.EnumerateArray().Single(i => i.GetProperty("consultationId").GetGuid() == id);
        item.GetProperty("doctorName").GetString().ShouldBe("Natalia Lebedeva");
        item.GetProperty("primaryDiagnosis").GetString()!.ShouldContain("headache", Case.Insensitive);

        var summary = await patient.GetJsonAsync<JsonElement>($"/api/v1/me/visit-summaries/{id}");
        summary.GetProperty("recommendations").GetString().ShouldBe("Drink water and sleep eight hours.");
        summary.GetProperty("diagnoses")[0].GetProperty("code").GetString().ShouldBe("G44.2");
        summary.GetProperty("diagnoses")[0].GetProperty("primary").GetBoolean().ShouldBeTrue();
        summary.GetProperty("referrals")[0].GetProperty("kind").GetString().ShouldBe("inPersonVisit");
        summary.GetProperty("addenda")[0].GetProperty("text").GetString().ShouldBe("MRI booked.");
        summary.GetProperty("doctorName").GetString().ShouldBe("Natalia Lebedeva");
        summary.ToString().ShouldNotContain("DOCTOR-ONLY");

        using var russian = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/me/visit-summaries/{id}");
        russian.Headers.AcceptLanguage.ParseAdd("ru");
        var inRussian = await (await patient.Http.SendAsync(russian)).Content.ReadFromJsonAsync<JsonElement>();
        inRussian.GetProperty("diagnoses")[0].GetProperty("title").GetString()!.ShouldMatch("[а-яА-Я]");

        foreach (var other in new[] { "nikolai.vinogradov@demo.telemed.dev", DoctorEmail, "frontdesk@demo.telemed.dev", "admin@demo.telemed.dev" })
        {
            using var someone = await host.SignedInAsync(other);
            var refused = await someone.Http.GetAsync($"/api/v1/me/visit-summaries/{id}");
            refused.StatusCode.ShouldBe(HttpStatusCode.NotFound, other);
            (await refused.ProblemCodeAsync()).ShouldBe("clinical.not_found");
            (await someone.GetJsonAsync<JsonElement>("/api/v1/me/visit-summaries")).EnumerateArray()
                .ShouldNotContain(i => i.GetProperty("consultationId").GetGuid() == id);
        }

        (await patient.Http.GetAsync($"/api/v1/me/visit-summaries/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Given_a_signed_protocol_When_the_operator_runs_clinical_verify_Then_it_is_valid_until_one_stored_value_changes()
    {
        var id = await SignedVisitAsync("nikolai.vinogradov@demo.telemed.dev");

        var (exit, output) = await RunCliAsync("clinical", "verify", id.ToString());
        exit.ShouldBe(0, output);
        output.ShouldContain("Protocol: valid; signer Natalia Lebedeva");
        output.ShouldContain("certificate valid");
        output.ShouldContain("Addendum ");
        output.ShouldNotContain("Drink water");

        var raw = new RawDatabase(host);
        var row = $"WHERE \"ConsultationId\" = '{(raw.IsPostgres ? id.ToString() : id.ToString().ToUpperInvariant())}'";
        await using (var connection = await raw.OpenAsync())
        {
            (await RawDatabase.ExecuteAsync(connection, $"UPDATE {raw.Table("clinical", "visit_protocols")} SET \"FollowUpOn\" = '2031-01-01' {row}")).ShouldBe(1);
        }

        (exit, output) = await RunCliAsync("clinical", "verify", id.ToString());
        exit.ShouldBe(1, output);
        output.ShouldContain("Protocol: INVALID");
        output.ShouldContain("document CHANGED");

        (exit, _) = await RunCliAsync("clinical", "verify", Guid.NewGuid().ToString());
        exit.ShouldBe(2);
    }

    private async Task<(int ExitCode, string Output)> RunCliAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = host.DataDirectory,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Storage__DataDirectory"] = host.DataDirectory;
        start.Environment["Database__Provider"] = host.Provider.ToString();
        start.Environment["Database__ConnectionString"] = host.ConnectionString;
        start.Environment["Encryption__AllowDevelopmentKeys"] = "true";
        start.Environment["DemoClinic__Seed"] = "false";
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = await process.StandardOutput.ReadToEndAsync() + await errors;
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        return (process.ExitCode, output);
    }
}

[Collection("clinical-sqlite")]
public sealed class VisitSummaryScenariosOnSqlite(ClinicalSqliteHost host) : VisitSummaryScenarios(host);

[Collection("clinical-postgres")]
public sealed class VisitSummaryScenariosOnPostgres(ClinicalPostgresHost host) : VisitSummaryScenarios(host);
