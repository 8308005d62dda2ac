using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.IntegrationTests.Scenarios.Billing;
using Telemed.IntegrationTests.Scenarios.Clinical;
using Telemed.IntegrationTests.Scenarios.Records;
using static Telemed.IntegrationTests.Infrastructure.ConsultationsApi;

namespace Telemed.IntegrationTests.Scenarios.Security.AccessMatrix;

/// <summary>
/// One patient's records across every module, made through the API as the patient and her doctor would: a booked visit and
/// its payment, a waitlist entry, a child, an on-demand consultation with a signed protocol, a signed prescription sent to a
/// pharmacy with a refill request, a lab order, a review, a care-team chat thread with a photo, and a record document.
/// </summary>
internal static class OwnerFootprint
{
    /// <summary>The neurologist who takes the on-demand visit (the demo's neurologist of the second clinic).</summary>
    public const string DoctorEmail = "natalia.lebedeva@demo.telemed.dev";

    /// <summary>Creates the records; the ids it knows, with their kinds (the crawl finds the rest).</summary>
    public static async Task<List<(Guid Id, string Kind)>> CreateAsync(RecordsHost host, ApiClient patient, ApiClient doctor)
    {
        var known = new List<(Guid, string)>();
        // Outside 323-FZ's first-visit rule, so a remote visit may carry a diagnosis and a prescription.
        await PrescriptionSteps.SetEveryClinicAsync(host, "us");

        var appointmentId = await BillingSteps.BookedVisitAsync(host, patient, 3);
        known.Add((appointmentId, "appointment"));
        var payment = await patient.PostAsync($"/api/v1/appointments/{appointmentId}/payment");
        payment.StatusCode.ShouldBeOneOf(HttpStatusCode.OK, HttpStatusCode.Created);

        using var cardiologist = await host.SignedInAsync("anna.petrova@demo.telemed.dev");
        var today = SchedulingApi.Today(host);
        await (await patient.PostAsync("/api/v1/scheduling/waitlist", new { doctorId = await DoctorIdAsync(cardiologist), kind = "video", from = today.AddDays(20), to = today.AddDays(22) }))
            .ShouldHaveStatusAsync(HttpStatusCode.Created);
        var child = await patient.PostAsync("/api/v1/me/dependents",
            new { givenName = "Mila", familyName = "Komarova", dateOfBirth = today.AddYears(-6).ToString("yyyy-MM-dd"), sex = "female" });
        await child.ShouldHaveStatusAsync(HttpStatusCode.Created);
        known.Add(((await child.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), "dependent"));

        await (await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty = true })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var photo = await UploadAsync(patient, PngWithText("rash"), "rash.png");
        known.Add((photo, "attachment"));
        var requested = await patient.PostAsync("/api/v1/consultations/on-demand",
            new { specialty = "neurology", kind = "video", complaint = Complaint(["head"], 3, "days", [], "Tension headache", [photo]) });
        await requested.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var consultationId = (await requested.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("consultation").GetProperty("id").GetGuid();
        known.Add((consultationId, "consultation"));
        await (await doctor.PostAsync($"/api/v1/consultations/{consultationId}/accept")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var created = await doctor.PostAsync($"/api/v1/consultations/{consultationId}/prescriptions",
            new { medicineCode = "paracetamol-500-tab", dose = 500, route = "oral", timesPerDay = 3, durationDays = 7, quantity = 21, refills = 1, instructions = "", version = 0 });
        await created.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var draft = await created.Content.ReadFromJsonAsync<JsonElement>();
        var prescriptionId = draft.GetProperty("id").GetGuid();
        known.Add((prescriptionId, "prescription"));
        await (await doctor.PostAsync($"/api/v1/consultations/{consultationId}/prescriptions/{prescriptionId}/sign", new { version = draft.GetProperty("version").GetInt32() }))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);
        var ordered = await doctor.PostAsync($"/api/v1/consultations/{consultationId}/lab-orders", new { tests = new[] { "2823-3" } });
        await ordered.ShouldHaveStatusAsync(HttpStatusCode.Created);
        await (await doctor.PostAsync($"/api/v1/consultations/{consultationId}/end")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty = false });

        var pharmacies = await patient.GetJsonAsync<JsonElement>("/api/v1/pharmacies?lat=55.75&lon=37.62&radiusKm=50");
        var pharmacy = (pharmacies.ValueKind == JsonValueKind.Array ? pharmacies : pharmacies.GetProperty("items")).EnumerateArray().First().GetProperty("id").GetGuid();
        await (await patient.PostAsync($"/api/v1/me/prescriptions/{prescriptionId}/pharmacy", new { pharmacyId = pharmacy })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var refill = await patient.PostAsync($"/api/v1/me/prescriptions/{prescriptionId}/refill-requests", new { note = "Running low" });
        refill.IsSuccessStatusCode.ShouldBeTrue(await refill.Content.ReadAsStringAsync());
        await (await patient.PostAsync($"/api/v1/consultations/{consultationId}/review", new { stars = 5, text = "Clear and kind", nps = 9 }))
            .ShouldHaveStatusAsync(HttpStatusCode.Created);

        var doctorUser = await RecordsApi.UserIdAsync(doctor);
        known.Add((doctorUser, "doctoruser"));
        var conversationId = await StartThreadAsync(patient, doctor, "After the visit");
        known.Add((conversationId, "conversation"));
        var document = await RecordsApi.UploadedAsync(patient, ClamdServer.PdfWithRandomBody(), sharing: "doctor", doctorUserId: doctorUser);
        known.Add((document, "document"));
        (await RecordsApi.VerdictAsync(patient, document)).ShouldBe("available");
        known.Add((await RecordsApi.PatientIdAsync(patient), "patient"));
        return known;
    }
}
