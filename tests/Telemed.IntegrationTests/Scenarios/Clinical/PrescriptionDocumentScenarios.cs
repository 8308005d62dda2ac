using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;
using UglyToad.PdfPig;
using static Telemed.IntegrationTests.Scenarios.Clinical.PrescriptionSteps;

namespace Telemed.IntegrationTests.Scenarios.Clinical;

/// <summary>
/// The prescription document and its public check (issue 12, item 5) on the real databases: the PDF for the patient and the
/// prescriber only, with the verification address its QR code carries; the anonymous verification page's answer (valid,
/// initials and birth year, nothing more of the patient), and "not valid" once one byte of the stored prescription changes or
/// the prescriber cancels it.
/// </summary>
public abstract class PrescriptionDocumentScenarios(TelemedHost host)
{
    private const string PatientEmail = "daria.komarova@demo.telemed.dev";

    private static string PdfText(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        // PdfPig's page text drops the spaces between words.
        return string.Concat(document.GetPages().Select(p => p.Text));
    }

    [Fact]
    public async Task Given_a_signed_prescription_Then_the_patient_and_prescriber_get_its_PDF_and_everyone_else_404()
    {
        await SetEveryClinicAsync(host, "us");
        var (patient, doctor, id) = await AcceptedOnDemandAsync(host, PatientEmail, "Tension headache after long screen work");
        using var _p = patient;
        using var _d = doctor;
        try
        {
            var signed = await SignedPrescriptionAsync(doctor, id, "paracetamol-500-tab", 500, 3, 20);
            var rxId = signed.GetProperty("id").GetGuid();
            var code = signed.GetProperty("verificationCode").GetString()!;

            foreach (var reader in new[] { patient, doctor })
            {
                var response = await reader.Http.GetAsync($"/api/v1/prescriptions/{rxId}/document.pdf");
                await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
                response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
                var text = PdfText(await response.Content.ReadAsByteArrayAsync());
                text.ShouldContain("Paracetamol");
                text.ShouldContain("Komarova");
                text.ShouldContain($"/verify/rx/{code}");
                text.ShouldContain("NataliaLebedeva");
                text.ShouldContain("3timesaday");
            }

            // In the app's language (the web app adds ?language= to the link): the form and its Signa, not only the labels.
            var russian = PdfText(await (await patient.Http.GetAsync($"/api/v1/prescriptions/{rxId}/document.pdf?language=ru")).Content.ReadAsByteArrayAsync());
            russian.ShouldContain("3разавдень");
            russian.ShouldContain("внутрь");
            russian.ShouldNotContain("timesaday");

            foreach (var email in new[] { "pharmacist@demo.telemed.dev", "frontdesk@demo.telemed.dev", "admin@demo.telemed.dev", "sergey.volkov@demo.telemed.dev" })
            {
                using var other = await host.SignedInAsync(email);
                (await (await other.Http.GetAsync($"/api/v1/prescriptions/{rxId}/document.pdf")).ProblemCodeAsync()).ShouldBe("clinical.not_found");
            }

            using var anonymous = host.CreateApiClient();
            (await anonymous.Http.GetAsync($"/api/v1/prescriptions/{rxId}/document.pdf")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }
        finally
        {
            await EndAsync(doctor, id);
        }
    }

    [Fact]
    public async Task Given_a_QR_code_Then_anyone_sees_validity_with_initials_only_and_a_changed_byte_or_a_cancellation_makes_it_invalid()
    {
        await SetEveryClinicAsync(host, "us");
        var (patient, doctor, id) = await AcceptedOnDemandAsync(host, PatientEmail, "Headache again");
        using var _p = patient;
        using var _d = doctor;
        try
        {
            // Another medicine than the first scenario's, so duplicate therapy does not hold the draft back whatever the order.
            var signed = await SignedPrescriptionAsync(doctor, id, "cetirizine-10-tab", 10, 1, 10);
            var rxId = signed.GetProperty("id").GetGuid();
            var code = signed.GetProperty("verificationCode").GetString()!;
            using var anonymous = host.CreateApiClient();

            var check = await anonymous.Http.GetAsync($"/api/v1/public/prescriptions/{code}");
            await check.ShouldHaveStatusAsync(HttpStatusCode.OK);
            var body = await check.Content.ReadAsStringAsync();
            var verification = JsonDocument.Parse(body).RootElement;
            verification.GetProperty("valid").GetBoolean().ShouldBeTrue();
            verification.GetProperty("patientInitials").GetString().ShouldBe("D. K.");
            verification.GetProperty("patientBirthYear").GetInt32().ShouldBe(1996);
            verification.GetProperty("medicineName").GetString()!.ShouldContain("Cetirizine");
            body.ShouldNotContain("Komarova");
            body.ShouldNotContain("Daria");
            body.ShouldNotContain(rxId.ToString());

            (await (await anonymous.Http.GetAsync("/api/v1/public/prescriptions/AAAAAAAAAAAAAAAAAAAA")).ProblemCodeAsync()).ShouldBe("clinical.prescription_not_found");
            (await (await anonymous.Http.GetAsync("/api/v1/public/prescriptions/%27%20OR%201=1")).ProblemCodeAsync()).ShouldBe("clinical.prescription_not_found");

            // One changed byte of the stored prescription: the check says the signature no longer matches.
            var raw = new RawDatabase(host);
            var row = $"WHERE \"Id\" = '{(raw.IsPostgres ? rxId.ToString() : rxId.ToString().ToUpperInvariant())}'";
            var later = raw.IsPostgres ? "\"ValidUntil\" + interval '1 second'"
                : "substr(\"ValidUntil\", 1, 17) || (CASE WHEN substr(\"ValidUntil\", 18, 1) = '0' THEN '1' ELSE '0' END) || substr(\"ValidUntil\", 19)";
            string original;
            await using (var connection = await raw.OpenAsync())
            {
                original = (await RawDatabase.RowsAsync(connection, $"SELECT CAST(\"ValidUntil\" AS TEXT) FROM {raw.Table("clinical", "prescriptions")} {row}")).Single();
                (await RawDatabase.ExecuteAsync(connection, $"UPDATE {raw.Table("clinical", "prescriptions")} SET \"ValidUntil\" = {later} {row}")).ShouldBe(1);
            }

            var tampered = await anonymous.GetJsonAsync<JsonElement>($"/api/v1/public/prescriptions/{code}");
            tampered.GetProperty("valid").GetBoolean().ShouldBeFalse();
            tampered.GetProperty("signatureValid").GetBoolean().ShouldBeFalse();

            await using (var connection = await raw.OpenAsync())
            {
                var restore = raw.IsPostgres ? $"CAST('{original}' AS timestamptz)" : $"'{original}'";
                (await RawDatabase.ExecuteAsync(connection, $"UPDATE {raw.Table("clinical", "prescriptions")} SET \"ValidUntil\" = {restore} {row}")).ShouldBe(1);
            }

            (await anonymous.GetJsonAsync<JsonElement>($"/api/v1/public/prescriptions/{code}")).GetProperty("valid").GetBoolean().ShouldBeTrue();
            await (await doctor.PostAsync($"/api/v1/consultations/{id}/prescriptions/{rxId}/cancel", new { reason = "Wrong strength chosen" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
            var cancelled = await anonymous.GetJsonAsync<JsonElement>($"/api/v1/public/prescriptions/{code}");
            cancelled.GetProperty("valid").GetBoolean().ShouldBeFalse();
            cancelled.GetProperty("status").GetString().ShouldBe("cancelled");
        }
        finally
        {
            await EndAsync(doctor, id);
        }
    }
}

[Collection("clinical-sqlite")]
public sealed class PrescriptionDocumentScenariosOnSqlite(ClinicalSqliteHost host) : PrescriptionDocumentScenarios(host);

[Collection("clinical-postgres")]
public sealed class PrescriptionDocumentScenariosOnPostgres(ClinicalPostgresHost host) : PrescriptionDocumentScenarios(host);
