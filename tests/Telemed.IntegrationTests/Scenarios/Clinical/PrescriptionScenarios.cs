using Telemed.BuildingBlocks.Auditing;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.IntegrationTests.Scenarios.Consultations;
using Telemed.Modules.Clinical.Contracts;
using static Telemed.IntegrationTests.Infrastructure.ConsultationsApi;

namespace Telemed.IntegrationTests.Scenarios.Clinical;

/// <summary>
/// E-prescriptions through the API on the real databases: findings with sources, a warning overridden with a reason and
/// signed, a hard stop that refuses signing, 323-FZ's rule on new treatment, who may see prescriptions, encryption at rest,
/// and the pharmacy's view (<see cref="IPrescriptionsForDispensing"/>) noticing one changed byte.
/// </summary>
public abstract class PrescriptionScenarios(TelemedHost host)
{
    private const string DoctorEmail = "natalia.lebedeva@demo.telemed.dev";
    private const string Admin = "admin@demo.telemed.dev";

    private Task<(ApiClient Patient, ApiClient Doctor, Guid ConsultationId)> AcceptedOnDemandAsync(string patientEmail, string description) =>
        PrescriptionSteps.AcceptedOnDemandAsync(host, patientEmail, description);

    private Task SetEveryClinicAsync(string jurisdiction) => PrescriptionSteps.SetEveryClinicAsync(host, jurisdiction);

    private static object Rx(string medicineCode, decimal dose, int timesPerDay, int quantity, int version = 0, string route = "oral") =>
        new { medicineCode, dose, route, timesPerDay, durationDays = 7, quantity, refills = 0, instructions = "After food.", version };

    private static async Task<JsonElement> CreatedAsync(ApiClient doctor, Guid consultationId, object request)
    {
        var created = await doctor.PostAsync($"/api/v1/consultations/{consultationId}/prescriptions", request);
        await created.ShouldHaveStatusAsync(HttpStatusCode.Created);
        return await created.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<JsonElement> SignedAsync(ApiClient doctor, Guid consultationId, JsonElement draft)
    {
        var signed = await doctor.PostAsync($"/api/v1/consultations/{consultationId}/prescriptions/{draft.GetProperty("id").GetGuid()}/sign",
            new { version = draft.GetProperty("version").GetInt32() });
        await signed.ShouldHaveStatusAsync(HttpStatusCode.OK);
        return await signed.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static IEnumerable<string> Codes(JsonElement view, string property) =>
        view.GetProperty(property).EnumerateArray().Select(f => f.GetProperty("code").GetString()!);

    [Fact]
    public async Task Given_a_penicillin_allergy_When_amoxicillin_is_prescribed_Then_the_warning_needs_a_reason_and_the_signed_prescription_reaches_the_pharmacy()
    {
        await SetEveryClinicAsync("us");
        var (patient, doctor, id) = await AcceptedOnDemandAsync("ivan.kuznetsov@demo.telemed.dev", "Sore throat and fever");
        using var _p = patient;
        using var _d = doctor;

        var found = await doctor.GetJsonAsync<JsonElement>("/api/v1/clinical/formulary?q=амоксициллин");
        found.EnumerateArray().Select(m => m.GetProperty("code").GetString()).ShouldContain("amoxicillin-500-caps");

        var draft = await CreatedAsync(doctor, id, Rx("amoxicillin-500-caps", 500, 3, 21));
        draft.GetProperty("status").GetString().ShouldBe("draft");
        var allergy = draft.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("code").GetString() == "allergy_conflict");
        allergy.GetProperty("severity").GetString().ShouldBe("warning");
        allergy.GetProperty("source").GetString()!.ShouldStartWith("BNF");
        Codes(draft, "openFindings").ShouldBe(["allergy_conflict"]);
        var rxId = draft.GetProperty("id").GetGuid();
        // A Russian-speaking prescriber reads the finding's specifics in Russian (the web app sends its language).
        using (var russian = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/consultations/{id}/prescriptions/{rxId}"))
        {
            russian.Headers.AcceptLanguage.ParseAdd("ru-RU");
            using var answer = await doctor.Http.SendAsync(russian);
            await answer.ShouldHaveStatusAsync(HttpStatusCode.OK);
            var message = (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("findings").EnumerateArray()
                .Single(f => f.GetProperty("code").GetString() == "allergy_conflict").GetProperty("message").GetString()!;
            message.ShouldStartWith("Записанная у пациента аллергия");
            message.ShouldContain("амоксициллин");
        }

        var refused = await doctor.PostAsync($"/api/v1/consultations/{id}/prescriptions/{rxId}/sign", new { version = 1 });
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("code").GetString().ShouldBe("clinical.prescription_has_open_findings");
        problem.GetProperty("errors").TryGetProperty("allergy_conflict", out _).ShouldBeTrue();

        (await (await doctor.PostAsync($"/api/v1/consultations/{id}/prescriptions/{rxId}/overrides", new { code = "allergy_conflict", reason = "x", version = 1 }))
            .ProblemCodeAsync()).ShouldBe("validation.failed");
        var overridden = await doctor.PostAsync($"/api/v1/consultations/{id}/prescriptions/{rxId}/overrides",
            new { code = "allergy_conflict", reason = "Override-reason-marker: took amoxicillin in 2024 without reaction", version = 1 });
        await overridden.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var afterOverride = await overridden.Content.ReadFromJsonAsync<JsonElement>();
        afterOverride.GetProperty("openFindings").GetArrayLength().ShouldBe(0);
        afterOverride.GetProperty("overrides")[0].GetProperty("reason").GetString()!.ShouldContain("without reaction");

        var signed = await SignedAsync(doctor, id, afterOverride);
        signed.GetProperty("status").GetString().ShouldBe("active");
        signed.GetProperty("signedBy").GetString().ShouldBe("Natalia Lebedeva");
        var code = signed.GetProperty("verificationCode").GetString()!;
        code.Length.ShouldBe(20);
        (signed.GetProperty("validUntil").GetDateTime() - signed.GetProperty("signedAt").GetDateTime()).TotalDays.ShouldBe(60, 0.01);
        (await (await doctor.PutAsync($"/api/v1/consultations/{id}/prescriptions/{rxId}", Rx("amoxicillin-500-caps", 250, 3, 21, 3))).ProblemCodeAsync())
            .ShouldBe("clinical.prescription_not_draft");

        var mine = await patient.GetJsonAsync<JsonElement>("/api/v1/me/prescriptions");
        var listed = mine.EnumerateArray().Single(p => p.GetProperty("id").GetGuid() == rxId);
        listed.GetProperty("dosageText").GetString().ShouldBe("500 mg 3 times a day for 7 days, oral. After food.");
        // A Russian-speaking patient reads the same dosage in Russian (the web app sends its language as Accept-Language);
        // the prescriber's own words stay as typed.
        using (var russian = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me/prescriptions"))
        {
            russian.Headers.AcceptLanguage.ParseAdd("ru");
            using var answer = await patient.Http.SendAsync(russian);
            (await answer.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Single(p => p.GetProperty("id").GetGuid() == rxId)
                .GetProperty("dosageText").GetString().ShouldBe("500 мг 3 раза в день в течение 7 дней, внутрь. After food.");
        }

        listed.GetProperty("verificationCode").GetString().ShouldBe(code);

        // The override is in the audit trail with its finding code (the reason stays in the encrypted prescription).
        using (var admin = await host.SignedInAsync(Admin))
        {
            var audit = await admin.GetJsonAsync<JsonElement>("/api/v1/admin/audit?action=prescription.override&recordType=Prescription&pageSize=100");
            var entry = audit.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("recordId").GetString() == rxId.ToString());
            entry.GetProperty("reason").GetString().ShouldBe("finding allergy_conflict");
            // The admin's screen words it from its code, in the admin's language.
            entry.GetProperty("reasonCode").GetString().ShouldBe("overridden_finding");
            entry.GetProperty("reasonArguments").GetProperty("code").GetString().ShouldBe("allergy_conflict");
        }

        // At rest: the medicine and the override reason are not readable in the database; signing queued PrescriptionSigned.
        var raw = new RawDatabase(host);
        await using (var connection = await raw.OpenAsync())
        {
            (await RawDatabase.RowsAsync(connection, $"SELECT \"EventType\" FROM {raw.Table("clinical", "outbox")}")).ShouldContain(e => e.Contains("PrescriptionSigned"));
            var stored = await RawDatabase.RowsAsync(connection, $"SELECT \"ContentJson\" || \"OverridesJson\" FROM {raw.Table("clinical", "prescriptions")}");
            stored.ShouldNotBeEmpty();
            stored.ShouldAllBe(value => !value.Contains("moxicillin") && !value.Contains("Override-reason-marker"));
        }

        using (var scope = host.Services.CreateScope())
        {
            var pharmacy = scope.ServiceProvider.GetRequiredService<IPrescriptionsForDispensing>();
            var forPharmacy = (await pharmacy.FindByVerificationCodeAsync(code.ToLowerInvariant()))!;
            forPharmacy.PrescriptionId.ShouldBe(rxId);
            forPharmacy.SignatureValid.ShouldBeTrue();
            forPharmacy.SignerCertificateSerial.ShouldNotBeNullOrEmpty();
            forPharmacy.Status.ShouldBe(PrescriptionStatuses.Active);
            forPharmacy.PatientInitials.ShouldBe("I. K.");
            forPharmacy.PatientBirthYear.ShouldBe(1968);
            forPharmacy.MedicineName.ShouldBe("Amoxicillin 500 mg capsules");
            forPharmacy.ActiveIngredient.ShouldBe("amoxicillin");
            forPharmacy.Quantity.ShouldBe(21);
            forPharmacy.QuantityUnit.ShouldBe("capsules");
            forPharmacy.PrescriberName.ShouldBe("Natalia Lebedeva");
            (await pharmacy.FindAsync(rxId))!.SignatureValid.ShouldBeTrue();
            (await pharmacy.FindAsync(Guid.NewGuid())).ShouldBeNull();
            (await pharmacy.FindByVerificationCodeAsync("AAAAAAAAAAAAAAAAAAAA")).ShouldBeNull();

            // Initials and a birth year are all the pharmacy gets: the patient's allergies and conditions are neither read nor
            // recorded as opened (it used to load them, and the patient's access report said the pharmacist had).
            var audited = scope.ServiceProvider.GetRequiredService<AuditScope>().Drain().Select(r => r.RecordType).ToList();
            audited.ShouldContain("PatientDemographics");
            audited.ShouldNotContain("PatientClinicalSummary");
        }

        // One changed byte: the validity date (a plain column), then a character of the encrypted content.
        var row = $"WHERE \"Id\" = '{(raw.IsPostgres ? rxId.ToString() : rxId.ToString().ToUpperInvariant())}'";
        await using (var connection = await raw.OpenAsync())
        {
            var later = raw.IsPostgres ? "\"ValidUntil\" + interval '1 second'" : "substr(\"ValidUntil\", 1, 17) || (CASE WHEN substr(\"ValidUntil\", 18, 1) = '0' THEN '1' ELSE '0' END) || substr(\"ValidUntil\", 19)";
            (await RawDatabase.ExecuteAsync(connection, $"UPDATE {raw.Table("clinical", "prescriptions")} SET \"ValidUntil\" = {later} {row}")).ShouldBe(1);
        }

        using (var scope = host.Services.CreateScope())
        {
            (await scope.ServiceProvider.GetRequiredService<IPrescriptionsForDispensing>().FindAsync(rxId))!.SignatureValid.ShouldBeFalse();
        }

        await using (var connection = await raw.OpenAsync())
        {
            await RawDatabase.ExecuteAsync(connection, $"UPDATE {raw.Table("clinical", "prescriptions")} SET "
                + $"\"ContentJson\" = substr(\"ContentJson\", 1, length(\"ContentJson\") - 2) || 'AA' {row}");
        }

        using (var scope = host.Services.CreateScope())
        {
            var garbled = (await scope.ServiceProvider.GetRequiredService<IPrescriptionsForDispensing>().FindAsync(rxId))!;
            garbled.SignatureValid.ShouldBeFalse();
            garbled.MedicineName.ShouldBe("");
        }

        await EndAsync(doctor, id);
    }

    [Fact]
    public async Task Given_simvastatin_already_active_When_clarithromycin_is_prescribed_Then_the_hard_stop_cannot_be_overridden_and_signing_is_refused()
    {
        await SetEveryClinicAsync("us");
        var (patient, doctor, id) = await AcceptedOnDemandAsync("nikolai.vinogradov@demo.telemed.dev", "Cough and chest pain");
        using var _p = patient;
        using var _d = doctor;

        var statin = await CreatedAsync(doctor, id, Rx("simvastatin-20-tab", 20, 1, 28));
        statin.GetProperty("openFindings").GetArrayLength().ShouldBe(0);
        await SignedAsync(doctor, id, statin);

        var draft = await CreatedAsync(doctor, id, Rx("clarithromycin-500-tab", 500, 2, 14));
        var interaction = draft.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("code").GetString() == "interaction");
        interaction.GetProperty("severity").GetString().ShouldBe("hard_stop");
        interaction.GetProperty("source").GetString()!.ShouldContain("SmPC Zocor");
        interaction.GetProperty("message").GetString().ShouldBe(
            "clarithromycin with simvastatin (already prescribed): Myopathy and rhabdomyolysis: clarithromycin (strong CYP3A4 inhibitor) raises simvastatin exposure.");
        var rxId = draft.GetProperty("id").GetGuid();

        // A Russian-speaking doctor reads the whole finding in Russian: the statin, from its signed prescription, by its Russian
        // INN, and the effect from the table; the source stays cited as published.
        using (var russian = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/consultations/{id}/prescriptions/{rxId}"))
        {
            russian.Headers.AcceptLanguage.ParseAdd("ru-RU");
            using var answer = await doctor.Http.SendAsync(russian);
            var finding = (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("findings").EnumerateArray()
                .Single(f => f.GetProperty("code").GetString() == "interaction");
            finding.GetProperty("message").GetString().ShouldBe(
                "кларитромицин и уже назначенный препарат симвастатин: миопатия и рабдомиолиз: кларитромицин (сильный ингибитор CYP3A4) повышает концентрацию симвастатина.");
            finding.GetProperty("source").GetString()!.ShouldContain("SmPC Zocor");
        }

        var overrideAttempt = await doctor.PostAsync($"/api/v1/consultations/{id}/prescriptions/{rxId}/overrides",
            new { code = "interaction", reason = "I know better", version = 1 });
        overrideAttempt.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await overrideAttempt.ProblemCodeAsync()).ShouldBe("clinical.finding_not_overridable");
        var sign = await doctor.PostAsync($"/api/v1/consultations/{id}/prescriptions/{rxId}/sign", new { version = 1 });
        sign.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await sign.ProblemCodeAsync()).ShouldBe("clinical.prescription_has_open_findings");

        // A dose far above the usual range is a hard stop too; the doctor corrects it and the draft is clean.
        var tooMuch = await doctor.PutAsync($"/api/v1/consultations/{id}/prescriptions/{rxId}", Rx("azithromycin-500-tab", 1500, 1, 3, 1));
        await tooMuch.ShouldHaveStatusAsync(HttpStatusCode.OK);
        Codes(await tooMuch.Content.ReadFromJsonAsync<JsonElement>(), "openFindings").ShouldBe(["dose_far_above_range"]);
        var fixedDraft = await doctor.PutAsync($"/api/v1/consultations/{id}/prescriptions/{rxId}", Rx("azithromycin-500-tab", 500, 1, 3, 2));
        var clean = await fixedDraft.Content.ReadFromJsonAsync<JsonElement>();
        clean.GetProperty("openFindings").GetArrayLength().ShouldBe(0);
        (await (await doctor.PutAsync($"/api/v1/consultations/{id}/prescriptions/{rxId}", Rx("azithromycin-500-tab", 500, 1, 3, 3, route: "rectal")))
            .ProblemCodeAsync()).ShouldBe("clinical.route_not_for_medicine");
        (await (await doctor.PutAsync($"/api/v1/consultations/{id}/prescriptions/{rxId}", Rx("no-such-medicine", 500, 1, 3, 3))).ProblemCodeAsync())
            .ShouldBe("clinical.unknown_medicine");

        var cancelled = await doctor.PostAsync($"/api/v1/consultations/{id}/prescriptions/{rxId}/cancel", new { reason = "Patient prefers to wait" });
        await cancelled.ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await cancelled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().ShouldBe("cancelled");
        var list = await doctor.GetJsonAsync<JsonElement>($"/api/v1/consultations/{id}/prescriptions");
        list.EnumerateArray().Select(p => p.GetProperty("status").GetString()).ShouldBe(["active", "cancelled"]);
        (await patient.GetJsonAsync<JsonElement>("/api/v1/me/prescriptions")).EnumerateArray().Select(p => p.GetProperty("medicineName").GetString())
            .ShouldBe(["Simvastatin 20 mg tablets"]);
        await EndAsync(doctor, id);
    }

    [Fact]
    public async Task Given_a_first_remote_visit_in_a_Russian_clinic_Then_a_new_medicine_cannot_be_signed_and_a_renewal_can()
    {
        await SetEveryClinicAsync("us");
        var (patient, doctor, id) = await AcceptedOnDemandAsync("anastasia.bogdanova@demo.telemed.dev", "Itchy rash on the arms");
        using var _p = patient;
        using var _d = doctor;
        await SignedAsync(doctor, id, await CreatedAsync(doctor, id, Rx("cetirizine-10-tab", 10, 1, 30)));
        await EndAsync(doctor, id);

        await SetEveryClinicAsync("ru-323fz");
        var (patient2, doctor2, id2) = await AcceptedOnDemandAsync("anastasia.bogdanova@demo.telemed.dev", "Rash again, and a cough");
        using var _p2 = patient2;
        using var _d2 = doctor2;
        var newMedicine = await CreatedAsync(doctor2, id2, Rx("codeine-30-tab", 30, 2, 10));
        var codes = Codes(newMedicine, "openFindings").ToList();
        codes.ShouldContain("new_treatment_needs_in_person_visit");
        codes.ShouldContain("below_minimum_age");
        newMedicine.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("code").GetString() == "new_treatment_needs_in_person_visit")
            .GetProperty("source").GetString()!.ShouldContain("323-FZ");
        var refused = await doctor2.PostAsync($"/api/v1/consultations/{id2}/prescriptions/{newMedicine.GetProperty("id").GetGuid()}/sign", new { version = 1 });
        (await refused.ProblemCodeAsync()).ShouldBe("clinical.prescription_has_open_findings");

        // The same medicine as before is a renewal: allowed, with the duplicate-therapy warning while the first is active.
        var renewal = await CreatedAsync(doctor2, id2, Rx("cetirizine-10-tab", 10, 1, 30));
        Codes(renewal, "openFindings").ShouldBe(["duplicate_therapy"]);
        await SetEveryClinicAsync("us");
        await EndAsync(doctor2, id2);
    }

    private static async Task<HttpResponseMessage> CreateWithKeyAsync(ApiClient doctor, Guid consultationId, string key, object request)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/consultations/{consultationId}/prescriptions")
        {
            Content = JsonContent.Create(request, options: ApiClient.Json),
        };
        message.Headers.Add("Idempotency-Key", key);
        return await doctor.Http.SendAsync(message);
    }

    [Fact]
    public async Task Given_a_prescription_with_an_Idempotency_Key_When_the_doctor_sends_it_again_after_losing_the_answer_or_twice_at_once_Then_one_draft_is_written()
    {
        await SetEveryClinicAsync("us");
        var (patient, doctor, id) = await AcceptedOnDemandAsync("oliver.grant@demo.telemed.dev", "Headache for two days");
        using var _p = patient;
        using var _d = doctor;
        try
        {
            var key = Guid.NewGuid().ToString();
            var first = await CreateWithKeyAsync(doctor, id, key, Rx("paracetamol-500-tab", 1000, 3, 30));
            await first.ShouldHaveStatusAsync(HttpStatusCode.Created);
            var draft = await first.Content.ReadFromJsonAsync<JsonElement>();
            var again = await CreateWithKeyAsync(doctor, id, key, Rx("paracetamol-500-tab", 1000, 3, 30));
            await again.ShouldHaveStatusAsync(HttpStatusCode.Created);
            var replayed = await again.Content.ReadFromJsonAsync<JsonElement>();
            replayed.GetProperty("id").GetGuid().ShouldBe(draft.GetProperty("id").GetGuid());
            replayed.GetProperty("version").GetInt32().ShouldBe(draft.GetProperty("version").GetInt32());

            var raceKey = Guid.NewGuid().ToString();
            var racing = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => CreateWithKeyAsync(doctor, id, raceKey, Rx("paracetamol-500-tab", 500, 2, 20))));
            var racedIds = new List<Guid>();
            foreach (var answer in racing)
            {
                await answer.ShouldHaveStatusAsync(HttpStatusCode.Created);
                racedIds.Add((await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
            }

            racedIds.Distinct().Count().ShouldBe(1);
            var reused = await CreateWithKeyAsync(doctor, id, key, Rx("paracetamol-500-tab", 500, 1, 10));
            reused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
            (await reused.ProblemCodeAsync()).ShouldBe("idempotency.key_reused");

            var drafts = (await doctor.GetJsonAsync<JsonElement>($"/api/v1/consultations/{id}/prescriptions")).EnumerateArray().ToList();
            drafts.Select(d => d.GetProperty("id").GetGuid()).Order().ShouldBe(new[] { draft.GetProperty("id").GetGuid(), racedIds[0] }.Order());
        }
        finally
        {
            await PrescriptionSteps.EndAsync(doctor, id);
        }
    }

    [Fact]
    public async Task Given_prescriptions_Then_a_pharmacist_the_front_desk_an_admin_an_unrelated_doctor_and_drafts_stay_hidden_with_404()
    {
        await SetEveryClinicAsync("us");
        var (patient, doctor, id) = await AcceptedOnDemandAsync("roman.fedorov@demo.telemed.dev", "Painful big toe");
        using var _p = patient;
        using var _d = doctor;
        var draft = await CreatedAsync(doctor, id, Rx("paracetamol-500-tab", 1000, 3, 30));
        var rxId = draft.GetProperty("id").GetGuid();

        foreach (var email in new[] { "pharmacist@demo.telemed.dev", SchedulingApi.FrontDesk, Admin, "sergey.volkov@demo.telemed.dev", "roman.fedorov@demo.telemed.dev" })
        {
            using var other = await host.SignedInAsync(email);
            foreach (var response in new[]
            {
                await other.Http.GetAsync($"/api/v1/consultations/{id}/prescriptions"),
                await other.Http.GetAsync($"/api/v1/consultations/{id}/prescriptions/{rxId}"),
                await other.PostAsync($"/api/v1/consultations/{id}/prescriptions", Rx("paracetamol-500-tab", 500, 1, 10)),
                await other.PutAsync($"/api/v1/consultations/{id}/prescriptions/{rxId}", Rx("paracetamol-500-tab", 500, 1, 10, 1)),
                await other.PostAsync($"/api/v1/consultations/{id}/prescriptions/{rxId}/sign", new { version = 1 }),
                await other.PostAsync($"/api/v1/consultations/{id}/prescriptions/{rxId}/cancel", new { reason = "not mine" }),
            })
            {
                response.StatusCode.ShouldBe(HttpStatusCode.NotFound, email);
                (await response.ProblemCodeAsync()).ShouldBe("clinical.not_found");
            }
        }

        (await doctor.Http.GetAsync($"/api/v1/consultations/{id}/prescriptions/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await patient.GetJsonAsync<JsonElement>("/api/v1/me/prescriptions")).EnumerateArray().ShouldBeEmpty();
        using (var scope = host.Services.CreateScope())
        {
            (await scope.ServiceProvider.GetRequiredService<IPrescriptionsForDispensing>().FindAsync(rxId)).ShouldBeNull();
        }

        using var pharmacist = await host.SignedInAsync("pharmacist@demo.telemed.dev");
        (await pharmacist.Http.GetAsync("/api/v1/clinical/formulary?q=para")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await EndAsync(doctor, id);
    }

    [Fact]
    public async Task Given_a_formulary_file_When_an_admin_imports_it_Then_new_medicines_are_searchable_and_bad_lines_are_reported()
    {
        using var admin = await host.SignedInAsync(Admin);
        var file = "# code\tinn\tinn_ru\tatc\tname\tform\tstrength\tdose_unit\tdispense_unit\troute\tmin\tmax\tmin_age\tclass\tsource\n"
            + "esomeprazole-20-tab\tesomeprazole\tэзомепразол\tA02BC05\tEsomeprazole 20 mg tablets\ttablet\t20 mg\tmg\ttablets\toral\t20\t40\t12\t\tSmPC Nexium 4.2\n"
            + "not a medicine\n";
        var response = await admin.Http.PostAsync("/api/v1/admin/formulary/import?edition=clinic-test", new StringContent(file, System.Text.Encoding.UTF8, "text/plain"));
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        result.GetProperty("added").GetInt32().ShouldBe(1);
        result.GetProperty("rejectedLines").EnumerateArray().Select(l => l.GetInt32()).ShouldBe([3]);
        (await (await admin.Http.PostAsync("/api/v1/admin/formulary/import?edition=Bad Name", new StringContent(file))).ProblemCodeAsync()).ShouldBe("clinical.bad_edition");

        // Over-long fields are refused by line and column, and nothing of the file is stored.
        var huge = "rabeprazole-20-tab\trabeprazole\tрабепразол\tA02BC04\tRabeprazole 20 mg tablets\ttablet\t20 mg\tmg\ttablets\toral\t\t\t\t\tSmPC\n"
            + "x-tab\tx\tx\t" + new string('A', 40) + "\t" + new string('n', 100_000) + "\ttablet\t1 mg\tmg\ttablets\toral\t\t\t\t\t" + new string('s', 401) + "\n";
        var tooLong = await admin.Http.PostAsync("/api/v1/admin/formulary/import?edition=clinic-huge", new StringContent(huge, System.Text.Encoding.UTF8, "text/plain"));
        tooLong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await tooLong.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("code").GetString().ShouldBe("validation.failed");
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order().ShouldBe(["lines[2].atc", "lines[2].name", "lines[2].source"]);

        using var doctor = await host.SignedInAsync(DoctorEmail);
        var found = await doctor.GetJsonAsync<JsonElement>("/api/v1/clinical/formulary?q=эзомепразол");
        found.EnumerateArray().Single().GetProperty("minimumAgeYears").GetInt32().ShouldBe(12);
        (await doctor.GetJsonAsync<JsonElement>("/api/v1/clinical/formulary?q=рабепразол")).EnumerateArray().ShouldBeEmpty("the refused file stored nothing");
        (await (await doctor.Http.GetAsync("/api/v1/clinical/formulary?q=e")).ProblemCodeAsync()).ShouldBe("clinical.query_too_short");
        (await doctor.Http.PostAsync("/api/v1/admin/formulary/import?edition=x", new StringContent(file))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private static Task EndAsync(ApiClient doctor, Guid id) => PrescriptionSteps.EndAsync(doctor, id);
}

[Collection("clinical-sqlite")]
public sealed class PrescriptionScenariosOnSqlite(ClinicalSqliteHost host) : PrescriptionScenarios(host);

[Collection("clinical-postgres")]
public sealed class PrescriptionScenariosOnPostgres(ClinicalPostgresHost host) : PrescriptionScenarios(host);
