using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.IntegrationTests.Scenarios.Clinical;
using Telemed.IntegrationTests.Scenarios.Records;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Records.Contracts;

namespace Telemed.IntegrationTests.Scenarios.Privacy;

/// <summary>
/// Erasure requests (issue 13 item 6, docs/privacy.md): the patient asks, an admin carries it out under the retention policy or
/// declines; what may go goes, the medical record stays, and the patient is told what was kept and why.
/// </summary>
public abstract class ErasureScenarios(PrivacyHost host)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private async Task<JsonElement> AdminViewAsync(ApiClient admin, Guid id) =>
        (await admin.GetJsonAsync<JsonElement>("/api/v1/admin/erasure-requests")).EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == id);

    [Fact]
    public async Task Given_a_patient_with_a_prescription_and_a_document_When_an_admin_carries_out_their_erasure_request_Then_contacts_documents_and_account_go_the_record_stays_and_they_are_told_why()
    {
        await PrescriptionSteps.SetEveryClinicAsync(host, "us");
        var (email, _, patientId, patient) = await host.NewPatientAsync();
        using var _ = patient;
        var (consulting, doctor, consultationId) = await PrescriptionSteps.AcceptedOnDemandAsync(host, email, "Headache for four days");
        using (consulting)
        using (doctor)
        {
            await PrescriptionSteps.SignedPrescriptionAsync(doctor, consultationId, "paracetamol-500-tab", 500, 3, 20);
            await PrescriptionSteps.EndAsync(doctor, consultationId);
            await (await consulting.PostAsync($"/api/v1/consultations/{consultationId}/review", new { stars = 2, text = "Too rushed.", nps = 3 }))
                .ShouldHaveStatusAsync(HttpStatusCode.Created);
        }

        (await ReviewedConsultationsAsync()).ShouldContain(consultationId);
        var documentId = await RecordsApi.UploadedAsync(patient, ClamdServer.PdfWithRandomBody());
        (await RecordsApi.VerdictAsync(patient, documentId)).ShouldBe("available");

        var asked = await patient.PostAsync("/api/v1/me/erasure-requests", new { reason = "I am moving to another clinic." });
        await asked.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var id = (await asked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var twice = await patient.PostAsync("/api/v1/me/erasure-requests", new { reason = (string?)null });
        twice.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await twice.ProblemCodeAsync()).ShouldBe("privacy.erasure_already_requested");
        (await patient.PostAsync($"/api/v1/admin/erasure-requests/{id}/carry-out")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        using var admin = await host.SignedInAsync("admin@demo.telemed.dev");
        (await AdminViewAsync(admin, id)).GetProperty("status").GetString().ShouldBe("requested");
        var carried = await admin.PostAsync($"/api/v1/admin/erasure-requests/{id}/carry-out");
        await carried.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var done = await carried.Content.ReadFromJsonAsync<JsonElement>();
        done.GetProperty("status").GetString().ShouldBe("completed");
        done.GetProperty("stepsDone").EnumerateArray().Select(s => s.GetString()).ShouldBe(["documents", "reviews", "notificationHistory", "answer", "contactDetails", "account"]);
        (await ReviewedConsultationsAsync()).ShouldNotContain(consultationId);
        var kept = done.GetProperty("kept").EnumerateArray().ToDictionary(k => k.GetProperty("category").GetString()!);
        kept.Keys.ShouldBe(["auditTrail", "consents", "labResults", "prescriptions", "signedProtocols"], ignoreOrder: true);
        kept["prescriptions"].GetProperty("legalSource").GetString()!.ShouldNotBeNullOrWhiteSpace();
        DateOnly.Parse(kept["signedProtocols"].GetProperty("keptUntil").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBeGreaterThan(SchedulingApi.Today(host).AddYears(5));
        (await admin.PostAsync($"/api/v1/admin/erasure-requests/{id}/decline", new { reason = "Too late" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        // The patient is told, at the address they had, what was kept and why.
        var told = await host.Smtp.WaitForMessageAsync(m => m.To.Contains(email, StringComparer.OrdinalIgnoreCase) && m.Subject == "Your data has been erased", Patience);
        told.Text.ShouldContain("Prescriptions: until");
        told.Text.ShouldContain("HIPAA");

        // What may go is gone: contact details, documents, the account; the prescription (clinical record) stays.
        using (var scope = host.Services.CreateScope())
        {
            var card = await scope.ServiceProvider.GetRequiredService<IDirectoryModule>().GetPatientCardAsync(patientId);
            card.ShouldNotBeNull();
            card.Email.ShouldBeEmpty();
            card.Phone.ShouldBeEmpty();
            (await scope.ServiceProvider.GetRequiredService<IRecordsModule>().AvailableDocumentsOfAsync(patientId)).ShouldBeEmpty();
        }

        (await patient.GetAsync("/api/v1/me/consents")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var again = host.CreateApiClient();
        using (again)
        {
            var signIn = await again.Http.PostAsJsonAsync("/api/v1/auth/sign-in", new { email, password = Demo.Password });
            signIn.IsSuccessStatusCode.ShouldBeFalse();
        }

        using var treating = await host.SignedInAsync(PrescriptionSteps.DoctorEmail);
        var prescriptions = await treating.GetAsync($"/api/v1/consultations/{consultationId}/prescriptions");
        await prescriptions.ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await prescriptions.Content.ReadFromJsonAsync<JsonElement>()).GetArrayLength().ShouldBe(1);
    }

    /// <summary>The consultations that have a review, read from the feedback module's table.</summary>
    private async Task<List<Guid>> ReviewedConsultationsAsync()
    {
        var database = new RawDatabase(host);
        await using var connection = await database.OpenAsync();
        return (await RawDatabase.RowsAsync(connection, $"SELECT \"ConsultationId\" FROM {database.Table("feedback", "reviews")}")).Select(Guid.Parse).ToList();
    }

    [Fact]
    public async Task Given_an_erasure_request_When_an_admin_declines_it_with_a_reason_Then_the_patient_sees_the_reason_and_may_ask_again()
    {
        var (_, _, _, patient) = await host.NewPatientAsync();
        using var _ = patient;
        var asked = await patient.PostAsync("/api/v1/me/erasure-requests", new { reason = (string?)null });
        await asked.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var id = (await asked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        using var admin = await host.SignedInAsync("admin@demo.telemed.dev");
        (await admin.PostAsync($"/api/v1/admin/erasure-requests/{id}/decline", new { reason = "" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await admin.PostAsync($"/api/v1/admin/erasure-requests/{Guid.NewGuid()}/decline", new { reason = "x" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var declined = await admin.PostAsync($"/api/v1/admin/erasure-requests/{id}/decline", new { reason = "A court order requires us to keep your file." });
        await declined.ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await admin.PostAsync($"/api/v1/admin/erasure-requests/{id}/carry-out")).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var mine = (await patient.GetJsonAsync<JsonElement>("/api/v1/me/erasure-requests")).EnumerateArray().Single();
        mine.GetProperty("status").GetString().ShouldBe("declined");
        mine.GetProperty("declineReason").GetString().ShouldBe("A court order requires us to keep your file.");
        (await patient.GetAsync("/api/v1/me/consents")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await patient.PostAsync("/api/v1/me/erasure-requests", new { reason = "Please reconsider." })).ShouldHaveStatusAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Given_a_patient_When_five_erasure_requests_are_sent_at_once_Then_one_is_opened_and_the_others_are_409()
    {
        // Each request once passed the "none open" check before any had inserted: five open requests for one patient.
        var (_, _, _, patient) = await host.NewPatientAsync();
        using var _ = patient;

        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => patient.PostAsync("/api/v1/me/erasure-requests", new { reason = "Once, please." })));

        answers.Count(a => a.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.Created))
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            (await refused.ProblemCodeAsync()).ShouldBe("privacy.erasure_already_requested");
        }

        (await patient.GetJsonAsync<JsonElement>("/api/v1/me/erasure-requests")).EnumerateArray().Select(r => r.GetProperty("status").GetString())
            .ShouldBe(["requested"]);
    }
}

[Collection(nameof(PrivacySqliteCollection))]
public sealed class ErasureScenariosOnSqlite(PrivacySqliteHost host) : ErasureScenarios(host);

[Collection(nameof(PrivacyPostgresCollection))]
public sealed class ErasureScenariosOnPostgres(PrivacyPostgresHost host) : ErasureScenarios(host);
