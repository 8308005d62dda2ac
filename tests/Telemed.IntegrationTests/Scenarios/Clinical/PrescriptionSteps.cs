using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;
using static Telemed.IntegrationTests.Infrastructure.ConsultationsApi;

namespace Telemed.IntegrationTests.Scenarios.Clinical;

/// <summary>Steps the prescription scenarios share: an accepted on-demand consultation and a signed prescription in it.</summary>
internal static class PrescriptionSteps
{
    public const string DoctorEmail = "natalia.lebedeva@demo.telemed.dev";

    /// <summary>The demo neurologist on duty accepts <paramref name="patientEmail"/>'s on-demand video request.</summary>
    public static async Task<(ApiClient Patient, ApiClient Doctor, Guid ConsultationId)> AcceptedOnDemandAsync(TelemedHost host, string patientEmail, string description)
    {
        var doctor = await host.SignedInAsync(DoctorEmail);
        await (await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty = true })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var patient = await host.SignedInAsync(patientEmail);
        var requested = await patient.PostAsync("/api/v1/consultations/on-demand",
            new { specialty = "neurology", kind = "video", complaint = Complaint(["head"], 4, "days", [], description) });
        await requested.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var id = (await requested.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("consultation").GetProperty("id").GetGuid();
        await (await doctor.PostAsync($"/api/v1/consultations/{id}/accept")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        return (patient, doctor, id);
    }

    /// <summary>Puts every clinic under <paramref name="jurisdiction"/> (e.g. "us", so 323-FZ's first-visit rule does not apply).</summary>
    public static async Task SetEveryClinicAsync(TelemedHost host, string jurisdiction)
    {
        using var admin = await host.SignedInAsync("admin@demo.telemed.dev");
        foreach (var clinic in (await admin.GetJsonAsync<JsonElement>("/api/v1/clinics")).EnumerateArray())
        {
            await (await admin.PutAsync($"/api/v1/admin/clinics/{clinic.GetProperty("id").GetGuid()}/jurisdiction", new { jurisdiction })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        }
    }

    /// <summary>A draft for <paramref name="medicineCode"/>, its warnings overridden, signed; the signed view.</summary>
    public static async Task<JsonElement> SignedPrescriptionAsync(ApiClient doctor, Guid consultationId, string medicineCode, decimal dose, int timesPerDay, int quantity)
    {
        var created = await doctor.PostAsync($"/api/v1/consultations/{consultationId}/prescriptions",
            new { medicineCode, dose, route = "oral", timesPerDay, durationDays = 7, quantity, refills = 0, instructions = "After food.", version = 0 });
        await created.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var draft = await created.Content.ReadFromJsonAsync<JsonElement>();
        // Other scenarios on the same database may have given this patient the same medicine (duplicate therapy): these
        // steps are about what follows signing, so warnings are overridden; a hard stop still fails here.
        foreach (var finding in draft.GetProperty("openFindings").EnumerateArray().ToList())
        {
            finding.GetProperty("severity").GetString().ShouldBe("warning", finding.ToString());
            var overridden = await doctor.PostAsync($"/api/v1/consultations/{consultationId}/prescriptions/{draft.GetProperty("id").GetGuid()}/overrides",
                new { code = finding.GetProperty("code").GetString(), reason = "Reviewed for this scenario", version = draft.GetProperty("version").GetInt32() });
            await overridden.ShouldHaveStatusAsync(HttpStatusCode.OK);
            draft = await overridden.Content.ReadFromJsonAsync<JsonElement>();
        }

        draft.GetProperty("openFindings").GetArrayLength().ShouldBe(0, draft.GetProperty("openFindings").ToString());
        var signed = await doctor.PostAsync($"/api/v1/consultations/{consultationId}/prescriptions/{draft.GetProperty("id").GetGuid()}/sign",
            new { version = draft.GetProperty("version").GetInt32() });
        await signed.ShouldHaveStatusAsync(HttpStatusCode.OK);
        return await signed.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Ends the consultation and takes the doctor off duty.</summary>
    public static async Task EndAsync(ApiClient doctor, Guid consultationId)
    {
        await (await doctor.PostAsync($"/api/v1/consultations/{consultationId}/end")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty = false });
    }
}
