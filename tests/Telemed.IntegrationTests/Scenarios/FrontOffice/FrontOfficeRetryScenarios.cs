using System.Net;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios.FrontOffice;

/// <summary>
/// Clinic messages (the desk's and the patient's) and review requests sent again with their Idempotency-Key (docs/api-v1.md,
/// "Retrying a create"): written once per key, also when sent twice at once; the key with another body is refused; without a key
/// every send writes, as before.
/// </summary>
public abstract class FrontOfficeRetryScenarios(TelemedHost host)
{
    private const string FrontDesk = "frontdesk@demo.telemed.dev";
    private const string Patient = "mikhail.vasiliev@demo.telemed.dev";
    private const string Cardiologist = "anna.petrova@demo.telemed.dev";

    [Fact]
    public async Task Given_clinic_messages_sent_again_with_their_Idempotency_Key_by_the_desk_and_the_patient_Then_each_is_written_once()
    {
        using var patient = await host.SignedInAsync(Patient);
        using var desk = await host.SignedInAsync(FrontDesk);
        var patientId = (await patient.GetJsonAsync<JsonElement>("/api/v1/me/patient-profile")).GetProperty("id").GetGuid();
        var deskThread = $"/api/v1/front-desk/patients/{patientId}/messages";
        async Task<int> InThreadAsync(string text) =>
            (await desk.GetJsonAsync<JsonElement>(deskThread)).GetProperty("messages").EnumerateArray().Count(m => m.GetProperty("body").GetString() == text);

        await CreateRequestKeyChecks.ShouldCreateOncePerKeyAsync(desk, deskThread, text => new { body = text }, InThreadAsync);
        await CreateRequestKeyChecks.ShouldCreateOncePerKeyAsync(patient, "/api/v1/me/clinic-messages", text => new { body = text }, InThreadAsync);

        // One key per author and operation: the patient's key reused by the desk for the same text is the desk's own new request.
        var shared = Guid.NewGuid().ToString();
        var text = $"Same key, two authors {Guid.NewGuid():N}";
        await CreateRequestKeyChecks.CreatedIdAsync(await patient.PostWithKeyAsync("/api/v1/me/clinic-messages", new { body = text }, shared));
        await CreateRequestKeyChecks.CreatedIdAsync(await desk.PostWithKeyAsync(deskThread, new { body = text }, shared));
        (await InThreadAsync(text)).ShouldBe(2);
    }

    [Fact]
    public async Task Given_a_review_request_sent_again_with_its_Idempotency_Key_Then_it_is_raised_once()
    {
        using var patient = await host.SignedInAsync(Patient);
        using var desk = await host.SignedInAsync(FrontDesk);
        using var doctor = await host.SignedInAsync(Cardiologist);
        var patientId = (await patient.GetJsonAsync<JsonElement>("/api/v1/me/patient-profile")).GetProperty("id").GetGuid();
        var doctorId = (await doctor.GetJsonAsync<JsonElement>("/api/v1/me/doctor-profile")).GetProperty("id").GetGuid();
        var path = $"/api/v1/front-desk/patients/{patientId}/review-flags";

        await CreateRequestKeyChecks.ShouldCreateOncePerKeyAsync(desk, path, reason => new { doctorId, reason },
            async reason => (await desk.GetJsonAsync<JsonElement>(path)).EnumerateArray().Count(f => f.GetProperty("reason").GetString() == reason));
    }
}

public sealed class FrontOfficeRetryScenariosOnSqlite(SqliteHost host) : FrontOfficeRetryScenarios(host), IClassFixture<SqliteHost>;

public sealed class FrontOfficeRetryScenariosOnPostgres(PostgresHost host) : FrontOfficeRetryScenarios(host), IClassFixture<PostgresHost>;
