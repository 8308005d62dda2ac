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

            // The 404 speaks of a prescription (it once said "No such consultation protocol.", the protocol's words).
            var unknown = await patient.Http.GetAsync($"/api/v1/prescriptions/{Guid.NewGuid()}/document.pdf");
            unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
            var problem = await unknown.Content.ReadFromJsonAsync<JsonElement>();
            problem.GetProperty("code").GetString().ShouldBe("clinical.not_found");
            problem.GetProperty("detail").GetString().ShouldBe("No such prescription.");

            using var anonymous = host.CreateApiClient();
            (await anonymous.Http.GetAsync($"/api/v1/prescriptions/{rxId}/document.pdf")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }
        finally
        {
            await EndAsync(doctor, id);
        }
    }

    [Fact]
    public async Task Given_a_cancelled_prescription_Then_its_PDF_is_the_patients_record_stamped_cancelled_with_date_and_reason_and_no_QR_code()
    {
        await SetEveryClinicAsync(host, "us");
        var (patient, doctor, id) = await AcceptedOnDemandAsync(host, PatientEmail, "Hay fever this week");
        using var _p = patient;
        using var _d = doctor;
        try
        {
            var signed = await SignedPrescriptionAsync(doctor, id, "loratadine-10-tab", 10, 1, 10);
            var rxId = signed.GetProperty("id").GetGuid();
            var code = signed.GetProperty("verificationCode").GetString()!;
            (await PdfTextAsync(patient, rxId, "en")).ShouldContain($"/verify/rx/{code}");
            await (await doctor.PostAsync($"/api/v1/consultations/{id}/prescriptions/{rxId}/cancel", new { reason = "Wrong strength chosen" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
            var readsBefore = await PhiReadsAsync(rxId);

            foreach (var reader in new[] { patient, doctor })
            {
                var english = await PdfTextAsync(reader, rxId, "en");
                english.ShouldContain("CANCELLED");
                english.ShouldContain("Cancelledbytheprescriberon");
                english.ShouldContain("Reason:Wrongstrengthchosen");
                english.ShouldContain("Nottobedispensed");
                english.ShouldContain("Loratadine"); // still the patient's record of what was prescribed
                english.ShouldNotContain("/verify/rx/");
                english.ShouldNotContain("Checkthisprescription");
                english.ShouldNotContain("Validwhen");

                var russian = await PdfTextAsync(reader, rxId, "ru");
                russian.ShouldContain("АННУЛИРОВАН");
                russian.ShouldContain("Причина:Wrongstrengthchosen");
                russian.ShouldContain("Отпускунеподлежит");
                russian.ShouldNotContain("/verify/rx/");
            }

            // Every download is still audited as a read of the prescription.
            (await PhiReadsAsync(rxId)).ShouldBeGreaterThanOrEqualTo(readsBefore + 4);

            // The other ways to the same prescription say the same: the public check and the pharmacist's lookup by its code.
            using var anonymous = host.CreateApiClient();
            (await anonymous.GetJsonAsync<JsonElement>($"/api/v1/public/prescriptions/{code}")).GetProperty("status").GetString().ShouldBe("cancelled");
            using var pharmacist = await host.SignedInAsync("pharmacist@demo.telemed.dev");
            var lookup = await pharmacist.PostAsync("/api/v1/pharmacist/prescriptions/lookup", new { code });
            await lookup.ShouldHaveStatusAsync(HttpStatusCode.OK);
            (await lookup.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("prescriptionStatus").GetString().ShouldBe("cancelled");
        }
        finally
        {
            await EndAsync(doctor, id);
        }
    }

    [Fact]
    public async Task Given_a_draft_or_an_expired_prescription_Then_no_PDF_passes_for_a_valid_one()
    {
        await SetEveryClinicAsync(host, "us");
        var (patient, doctor, id) = await AcceptedOnDemandAsync(host, PatientEmail, "Allergic rhinitis again");
        using var _p = patient;
        using var _d = doctor;
        try
        {
            // A draft has no document at all: the same 404 as an unknown id, for its prescriber and its patient.
            var draft = await doctor.PostAsync($"/api/v1/consultations/{id}/prescriptions",
                new { medicineCode = "montelukast-10-tab", dose = 10, route = "oral", timesPerDay = 1, durationDays = 7, quantity = 7, refills = 0, instructions = (string?)null, version = 0 });
            await draft.ShouldHaveStatusAsync(HttpStatusCode.Created);
            var draftId = (await draft.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            foreach (var reader in new[] { patient, doctor })
            {
                (await (await reader.Http.GetAsync($"/api/v1/prescriptions/{draftId}/document.pdf")).ProblemCodeAsync()).ShouldBe("clinical.not_found");
            }

            // Past its validity (set in the database: the clock cannot wait 60 days) it is stamped expired, without a QR code.
            var signed = await SignedPrescriptionAsync(doctor, id, "loratadine-10-tab", 10, 1, 10);
            var rxId = signed.GetProperty("id").GetGuid();
            var raw = new RawDatabase(host);
            await using (var connection = await raw.OpenAsync())
            {
                var past = raw.IsPostgres ? "CAST('2026-01-02 09:00:00+00' AS timestamptz)" : "'2026-01-02 09:00:00'";
                var row = $"WHERE \"Id\" = '{(raw.IsPostgres ? rxId.ToString() : rxId.ToString().ToUpperInvariant())}'";
                (await RawDatabase.ExecuteAsync(connection, $"UPDATE {raw.Table("clinical", "prescriptions")} SET \"ValidUntil\" = {past} {row}")).ShouldBe(1);
            }

            var expired = await PdfTextAsync(patient, rxId, "en");
            expired.ShouldContain("EXPIRED");
            expired.ShouldContain("itwasvaliduntil02/01/2026");
            expired.ShouldNotContain("/verify/rx/");
        }
        finally
        {
            await EndAsync(doctor, id);
        }
    }

    [Fact]
    public async Task Given_a_russian_clinic_Then_form_107_1u_names_the_medicine_form_and_quantity_in_Russian_without_English_words()
    {
        await SetEveryClinicAsync(host, "us");
        var (patient, doctor, id) = await AcceptedOnDemandAsync(host, PatientEmail, "Sore throat and fever");
        using var _p = patient;
        using var _d = doctor;
        try
        {
            // Signed under "us" (323-FZ would stop a new treatment in a first remote visit); the layout follows the clinic's
            // jurisdiction when the document is printed.
            var signed = await SignedPrescriptionAsync(doctor, id, "amoxicillin-500-caps", 500, 3, 21);
            var rxId = signed.GetProperty("id").GetGuid();
            await SetEveryClinicAsync(host, "ru-323fz");

            // An English reader too: form 107-1/у is Russian throughout.
            var text = await PdfTextAsync(patient, rxId, "en");
            foreach (var russian in new[] { "107-1/у", "РЕЦЕПТ", "Rp.:Амоксициллин500мг,капсулы", "Количество:21капсула", "500мг3разавдень", "путьвведения:внутрь",
                "Действителендо", "КлиникаTelemed" })
            {
                text.ShouldContain(russian);
            }

            var words = text.Replace($"/verify/rx/{signed.GetProperty("verificationCode").GetString()}", "", StringComparison.Ordinal);
            foreach (var english in new[] { "Amoxicillin", "amoxicillin", "capsule", "mg", "oral", "Prescription", "Quantity", "route", "Validuntil",
                "D.t.d", "Clinic", "Moscow", "Novosibirsk" })
            {
                words.ShouldNotContain(english, Case.Sensitive);
            }
        }
        finally
        {
            await SetEveryClinicAsync(host, "us");
            await EndAsync(doctor, id);
        }
    }

    private static async Task<string> PdfTextAsync(ApiClient reader, Guid rxId, string language)
    {
        var response = await reader.Http.GetAsync($"/api/v1/prescriptions/{rxId}/document.pdf?language={language}");
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        return PdfText(await response.Content.ReadAsByteArrayAsync());
    }

    private async Task<int> PhiReadsAsync(Guid rxId)
    {
        using var admin = await host.SignedInAsync("admin@demo.telemed.dev");
        return (await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/audit?action=phi.read&recordType=Prescription&recordId={rxId}&pageSize=1"))
            .GetProperty("total").GetInt32();
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
            // The patient's PDF of it says so too, and offers no QR code to present it with.
            var alteredPdf = await PdfTextAsync(patient, rxId, "en");
            alteredPdf.ShouldContain("NOTVALID");
            alteredPdf.ShouldNotContain("/verify/rx/");

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
