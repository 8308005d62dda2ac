using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;
using static Telemed.IntegrationTests.Infrastructure.ConsultationsApi;

namespace Telemed.IntegrationTests.Scenarios.Clinical;

/// <summary>
/// A guardian's lists. A child's prescription, lab order and visit could be acted on by id by the guardian, but
/// <c>/me/prescriptions</c>, <c>/me/lab-orders</c> and <c>/me/lab-results</c> listed only the guardian's own records, so the parent
/// never saw them. Every <c>/me</c> list now covers the patients the account acts for (the directory's rule), each item names whose it
/// is (<c>patientId</c>, and <c>patientName</c> on a dependant's), and reading the child's items is audited as the guardian's own.
/// </summary>
public abstract class GuardianListScenarios(TelemedHost host)
{
    private const string Guardian = "roman.fedorov@demo.telemed.dev";
    private const string Stranger = "yulia.mikhailova@demo.telemed.dev";
    private const string Paediatrician = "dmitry.kozlov@demo.telemed.dev";

    [Fact]
    public async Task Given_a_child_seen_by_a_doctor_When_the_guardian_lists_prescriptions_lab_orders_and_refills_Then_the_childs_items_are_there_named_for_the_child_and_audited()
    {
        await PrescriptionSteps.SetEveryClinicAsync(host, "us");
        var today = SchedulingApi.Today(host);
        Guid childId;
        Guid appointmentId;
        using (var booking = await host.SignedInAsync(Guardian))
        using (var doctorForId = await host.SignedInAsync(Paediatrician))
        {
            var added = await booking.PostAsync("/api/v1/me/dependents",
                new { givenName = "Masha", familyName = "Fedorova", dateOfBirth = today.AddYears(-15).ToString("yyyy-MM-dd"), sex = "female" });
            await added.ShouldHaveStatusAsync(HttpStatusCode.Created);
            childId = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            var doctorId = await DoctorIdAsync(doctorForId);
            var slot = (await SchedulingApi.SlotsAsync(booking, doctorId, today.AddDays(1), 6))[0];
            var booked = await SchedulingApi.BookAsync(booking, doctorId, slot, patientId: childId);
            await booked.ShouldHaveStatusAsync(HttpStatusCode.Created);
            appointmentId = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            host.Clock.Advance(slot.Start.AddMinutes(-5) - host.Clock.GetUtcNow().UtcDateTime);
        }

        // Signed in again: the sessions from before the clock moved to the visit have expired.
        using var guardian = await host.SignedInAsync(Guardian);
        using var doctor = await host.SignedInAsync(Paediatrician);
        var admission = await EnterAsync(guardian, appointmentId, Complaint(["head"], 4, "days", [], "Headache after school"));
        var consultationId = admission.GetProperty("consultation").GetProperty("id").GetGuid();
        await (await doctor.PostAsync($"/api/v1/consultations/{consultationId}/accept")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var prescriptionId = (await PrescriptionSteps.SignedPrescriptionAsync(doctor, consultationId, "paracetamol-500-tab", 500, 3, 21)).GetProperty("id").GetGuid();
        var ordered = await doctor.PostAsync($"/api/v1/consultations/{consultationId}/lab-orders", new { tests = new[] { "2823-3" } });
        await ordered.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var orderId = (await ordered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await (await doctor.PostAsync($"/api/v1/consultations/{consultationId}/end")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var prescriptions = (await guardian.GetJsonAsync<JsonElement>("/api/v1/me/prescriptions")).EnumerateArray().ToList();
        var childs = prescriptions.Single(p => p.GetProperty("id").GetGuid() == prescriptionId);
        childs.GetProperty("patientId").GetGuid().ShouldBe(childId);
        childs.GetProperty("patientName").GetString().ShouldBe("Masha Fedorova");
        // The guardian's own items name no one: the web says "for …" only on a dependant's.
        var ownId = (await guardian.GetJsonAsync<JsonElement>("/api/v1/me/patient-profile")).GetProperty("id").GetGuid();
        prescriptions.Where(p => p.GetProperty("patientId").GetGuid() == ownId).ShouldAllBe(p => p.GetProperty("patientName").ValueKind == JsonValueKind.Null);

        var orders = (await guardian.GetJsonAsync<JsonElement>("/api/v1/me/lab-orders")).EnumerateArray().ToList();
        var order = orders.Single(o => o.GetProperty("id").GetGuid() == orderId);
        order.GetProperty("patientId").GetGuid().ShouldBe(childId);
        order.GetProperty("patientName").GetString().ShouldBe("Masha Fedorova");
        // Released reports of every covered patient: none yet for the child, and the list answers (no one else's).
        (await guardian.GetJsonAsync<JsonElement>("/api/v1/me/lab-results")).EnumerateArray()
            .ShouldAllBe(r => r.GetProperty("patientId").GetGuid() != childId || r.GetProperty("patientName").GetString() == "Masha Fedorova");

        var refill = await guardian.PostAsync($"/api/v1/me/prescriptions/{prescriptionId}/refill-requests", new { note = "Running low" });
        refill.IsSuccessStatusCode.ShouldBeTrue(await refill.Content.ReadAsStringAsync());
        (await guardian.GetJsonAsync<JsonElement>("/api/v1/me/refill-requests")).EnumerateArray()
            .ShouldContain(r => r.GetProperty("prescriptionId").GetGuid() == prescriptionId && r.GetProperty("patientId").GetGuid() == childId);

        // Nobody else's lists hold the child's items.
        using var stranger = await host.SignedInAsync(Stranger);
        (await stranger.GetJsonAsync<JsonElement>("/api/v1/me/prescriptions")).EnumerateArray().ShouldNotContain(p => p.GetProperty("id").GetGuid() == prescriptionId);
        (await stranger.GetJsonAsync<JsonElement>("/api/v1/me/lab-orders")).EnumerateArray().ShouldNotContain(o => o.GetProperty("id").GetGuid() == orderId);

        // The guardian's reads of the child's prescription and order are in the trail as PHI reads by the guardian.
        var guardianId = (await guardian.GetJsonAsync<JsonElement>("/api/v1/auth/session")).GetProperty("user").GetProperty("id").GetGuid();
        using var admin = await host.SignedInAsync("admin@demo.telemed.dev");
        foreach (var record in new[] { prescriptionId, orderId })
        {
            await SchedulingApi.WaitForAsync(async () =>
                (await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/audit?action=phi.read&recordId={record}&pageSize=100")).GetProperty("items").EnumerateArray()
                    .Any(e => e.GetProperty("actorId").ValueKind == JsonValueKind.String && e.GetProperty("actorId").GetGuid() == guardianId) ? "audited" : null,
                TimeSpan.FromSeconds(20), $"the guardian's read of {record}");
        }
    }
}

public sealed class GuardianListScenariosOnSqlite(SqliteHost host) : GuardianListScenarios(host), IClassFixture<SqliteHost>;

public sealed class GuardianListScenariosOnPostgres(PostgresHost host) : GuardianListScenarios(host), IClassFixture<PostgresHost>;
