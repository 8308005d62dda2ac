using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.IntegrationTests.Scenarios.Consultations;
using static Telemed.IntegrationTests.Infrastructure.ConsultationsApi;

namespace Telemed.IntegrationTests.Scenarios.Clinical;

/// <summary>
/// The structured visit protocol through the API: pre-filled complaints, ICD-10 diagnoses from the catalogue, autosave with
/// versions, encryption at rest, who may read it, and Russia's 323-FZ art. 36.2 rule on confirmed diagnoses.
/// </summary>
public abstract class VisitProtocolScenarios(TelemedHost host)
{
    private const string DoctorEmail = "natalia.lebedeva@demo.telemed.dev";
    private const string Admin = "admin@demo.telemed.dev";

    private async Task<(ApiClient Patient, ApiClient Doctor, Guid ConsultationId)> AcceptedOnDemandAsync(string patientEmail, string description)
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

    private async Task SetEveryClinicAsync(string jurisdiction)
    {
        using var admin = await host.SignedInAsync(Admin);
        foreach (var clinic in (await admin.GetJsonAsync<JsonElement>("/api/v1/clinics")).EnumerateArray())
        {
            var set = await admin.PutAsync($"/api/v1/admin/clinics/{clinic.GetProperty("id").GetGuid()}/jurisdiction", new { jurisdiction });
            await set.ShouldHaveStatusAsync(HttpStatusCode.OK);
        }
    }

    /// <summary>A whole protocol body (every member is required) with only the given parts filled in.</summary>
    private static object Body(int version, object? diagnoses = null, object? referrals = null, string? followUpOn = null, string complaints = "") => new
    {
        version, complaints, historyOfPresentIllness = "", objectiveFindings = "", recommendations = "",
        diagnoses = diagnoses ?? Array.Empty<object>(), referrals = referrals ?? Array.Empty<object>(), followUpOn,
    };

    private static object Protocol(int version, string certainty, string hpi = "Headache for four days, worse in the morning.") => new
    {
        version,
        complaints = "Headache",
        historyOfPresentIllness = hpi,
        objectiveFindings = "Alert, no focal signs on video.",
        recommendations = "Fluids, sleep, paracetamol as needed.",
        diagnoses = new object[]
        {
            new { code = "g442", role = "primary", certainty },
            new { code = "R51", role = "secondary", certainty = "preliminary" },
        },
        referrals = new object[] { new { kind = "inPersonVisit", target = "", note = "See a neurologist in person this week." } },
        followUpOn = (string?)null,
    };

    [Fact]
    public async Task Given_a_first_remote_visit_in_a_Russian_clinic_When_the_doctor_writes_the_protocol_Then_it_autosaves_with_catalogue_titles_and_a_confirmed_diagnosis_is_refused()
    {
        await SetEveryClinicAsync("ru-323fz");
        var (patient, doctor, id) = await AcceptedOnDemandAsync("tatiana.golubeva@demo.telemed.dev", "Throbbing headache behind the eyes");
        using var _p = patient;
        using var _d = doctor;

        var draft = await doctor.GetJsonAsync<JsonElement>($"/api/v1/consultations/{id}/protocol");
        draft.GetProperty("version").GetInt32().ShouldBe(0);
        draft.GetProperty("complaints").GetString()!.ShouldContain("Throbbing headache behind the eyes");
        draft.GetProperty("complaint").GetProperty("description").GetString().ShouldBe("Throbbing headache behind the eyes");
        var policy = draft.GetProperty("policy");
        policy.GetProperty("jurisdiction").GetString().ShouldBe("ru-323fz");
        policy.GetProperty("hasPriorInPersonVisit").GetBoolean().ShouldBeFalse();
        policy.GetProperty("mayConfirmDiagnosis").GetBoolean().ShouldBeFalse();
        policy.GetProperty("restrictionCode").GetString().ShouldBe("clinical.confirmed_diagnosis_needs_in_person_visit");

        var refused = await doctor.PutAsync($"/api/v1/consultations/{id}/protocol", Protocol(0, "confirmed"));
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await refused.ProblemCodeAsync()).ShouldBe("clinical.confirmed_diagnosis_needs_in_person_visit");
        (await doctor.GetJsonAsync<JsonElement>($"/api/v1/consultations/{id}/protocol")).GetProperty("version").GetInt32().ShouldBe(0);

        var saved = await doctor.PutAsync($"/api/v1/consultations/{id}/protocol", Protocol(0, "preliminary"));
        await saved.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var view = await saved.Content.ReadFromJsonAsync<JsonElement>();
        view.GetProperty("version").GetInt32().ShouldBe(1);
        var primary = view.GetProperty("diagnoses")[0];
        primary.GetProperty("code").GetString().ShouldBe("G44.2");
        primary.GetProperty("title").GetString().ShouldBe("Tension-type headache");
        primary.GetProperty("certainty").GetString().ShouldBe("preliminary");
        view.GetProperty("referrals")[0].GetProperty("kind").GetString().ShouldBe("inPersonVisit");

        var again = await doctor.PutAsync($"/api/v1/consultations/{id}/protocol", Protocol(1, "preliminary", "Worse when bending over."));
        (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32().ShouldBe(2);
        var stale = await doctor.PutAsync($"/api/v1/consultations/{id}/protocol", Protocol(1, "preliminary", "From another tab"));
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await stale.ProblemCodeAsync()).ShouldBe("clinical.protocol_changed");
        (await doctor.GetJsonAsync<JsonElement>($"/api/v1/consultations/{id}/protocol")).GetProperty("historyOfPresentIllness").GetString()
            .ShouldBe("Worse when bending over.");

        await EndAsync(doctor, id);
    }

    [Fact]
    public async Task Given_a_patient_seen_in_person_before_Then_a_Russian_clinic_accepts_a_confirmed_diagnosis_and_a_US_clinic_never_needed_one()
    {
        Guid appointmentId;
        using (var desk = await host.SignedInAsync(SchedulingApi.FrontDesk))
        using (var doctorForId = await host.SignedInAsync(DoctorEmail))
        {
            var doctorId = await DoctorIdAsync(doctorForId);
            var patientId = await PatientIdOfAsync("mikhail.vasiliev@demo.telemed.dev");
            var slot = (await SchedulingApi.SlotsAsync(desk, doctorId, SchedulingApi.Today(host).AddDays(1), 6, kind: "inPerson"))[0];
            var booked = await SchedulingApi.BookAsync(desk, doctorId, slot, patientId, kind: "inPerson");
            await booked.ShouldHaveStatusAsync(HttpStatusCode.Created);
            appointmentId = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            host.Clock.Advance(slot.Start.AddMinutes(5) - host.Clock.GetUtcNow().UtcDateTime);
        }

        // Sessions signed in before the clock moved a day have expired: sign in again, as people would.
        using (var desk = await host.SignedInAsync(SchedulingApi.FrontDesk))
        {
            await (await desk.PostAsync($"/api/v1/scheduling/appointments/{appointmentId}/check-in")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        }

        host.Clock.Advance(TimeSpan.FromMinutes(25));
        using (var doctorInPerson = await host.SignedInAsync(DoctorEmail))
        {
            await (await doctorInPerson.PostAsync($"/api/v1/scheduling/appointments/{appointmentId}/complete")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        }

        await SetEveryClinicAsync("ru-323fz");
        var (patient, doctor, id) = await AcceptedOnDemandAsync("mikhail.vasiliev@demo.telemed.dev", "Headache again after the visit");
        using var _p = patient;
        using var _d = doctor;
        (await doctor.GetJsonAsync<JsonElement>($"/api/v1/consultations/{id}/protocol")).GetProperty("policy").GetProperty("mayConfirmDiagnosis").GetBoolean().ShouldBeTrue();
        await (await doctor.PutAsync($"/api/v1/consultations/{id}/protocol", Protocol(0, "confirmed"))).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await EndAsync(doctor, id);

        await SetEveryClinicAsync("us");
        var (patient2, doctor2, id2) = await AcceptedOnDemandAsync("sophie.turner@demo.telemed.dev", "Migraine with aura");
        using var _p2 = patient2;
        using var _d2 = doctor2;
        await (await doctor2.PutAsync($"/api/v1/consultations/{id2}/protocol", Protocol(0, "confirmed"))).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await EndAsync(doctor2, id2);
        await SetEveryClinicAsync("ru-323fz");
    }

    [Fact]
    public async Task Given_a_protocol_Then_only_its_doctor_reads_or_writes_it_everyone_else_gets_404_and_it_is_encrypted_at_rest()
    {
        await SetEveryClinicAsync("ru-323fz");
        var (patient, doctor, id) = await AcceptedOnDemandAsync("andrei.semenov@demo.telemed.dev", "Dizzy when standing up");
        using var _p = patient;
        using var _d = doctor;
        await (await doctor.PutAsync($"/api/v1/consultations/{id}/protocol", Protocol(0, "preliminary", "Secret-history-marker 4711"))).ShouldHaveStatusAsync(HttpStatusCode.OK);

        foreach (var email in new[] { "tatiana.golubeva@demo.telemed.dev", "sergey.volkov@demo.telemed.dev", SchedulingApi.FrontDesk, Admin })
        {
            using var other = await host.SignedInAsync(email);
            var read = await other.Http.GetAsync($"/api/v1/consultations/{id}/protocol");
            read.StatusCode.ShouldBe(HttpStatusCode.NotFound, email);
            (await read.ProblemCodeAsync()).ShouldBe("clinical.not_found");
            (await other.PutAsync($"/api/v1/consultations/{id}/protocol", Protocol(1, "preliminary"))).StatusCode.ShouldBe(HttpStatusCode.NotFound, email);
        }

        // The patient of the consultation does not read the doctor's draft either (the signed summary comes later).
        (await patient.Http.GetAsync($"/api/v1/consultations/{id}/protocol")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await doctor.Http.GetAsync($"/api/v1/consultations/{Guid.NewGuid()}/protocol")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var raw = new RawDatabase(host);
        await using var connection = await raw.OpenAsync();
        var stored = await RawDatabase.RowsAsync(connection, $"SELECT \"HistoryOfPresentIllness\" FROM {raw.Table("clinical", "visit_protocols")}");
        stored.ShouldNotBeEmpty();
        stored.ShouldAllBe(value => !value.Contains("Secret-history-marker"));
        await EndAsync(doctor, id);
    }

    [Fact]
    public async Task Given_bad_diagnoses_Then_clear_errors_name_the_field_and_nothing_is_saved()
    {
        var (patient, doctor, id) = await AcceptedOnDemandAsync("svetlana.pavlova@demo.telemed.dev", "Numb fingers");
        using var _p = patient;
        using var _d = doctor;
        var unknown = await doctor.PutAsync($"/api/v1/consultations/{id}/protocol",
            Body(0, diagnoses: new[] { new { code = "R51", role = "primary", certainty = "preliminary" }, new { code = "Q99.8", role = "secondary", certainty = "preliminary" } }));
        unknown.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var problem = await unknown.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("code").GetString().ShouldBe("clinical.unknown_icd10_code");
        problem.GetProperty("errors").TryGetProperty("diagnoses[1].code", out _).ShouldBeTrue();

        var twoPrimaries = await doctor.PutAsync($"/api/v1/consultations/{id}/protocol",
            Body(0, diagnoses: new[] { new { code = "R51", role = "primary", certainty = "preliminary" }, new { code = "R42", role = "primary", certainty = "preliminary" } }));
        (await twoPrimaries.ProblemCodeAsync()).ShouldBe("clinical.one_primary_diagnosis");
        var badRole = await doctor.PutAsync($"/api/v1/consultations/{id}/protocol", Body(0, diagnoses: new[] { new { code = "R51", role = "main", certainty = "x" } }));
        badRole.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var nullEntries = await doctor.PutAsync($"/api/v1/consultations/{id}/protocol", Body(0, diagnoses: new object?[] { null }, referrals: new object?[] { null }));
        nullEntries.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await nullEntries.ProblemCodeAsync()).ShouldBe("validation.failed");
        var past = await doctor.PutAsync($"/api/v1/consultations/{id}/protocol", Body(0, followUpOn: SchedulingApi.Today(host).AddDays(-3).ToString("yyyy-MM-dd")));
        (await past.ProblemCodeAsync()).ShouldBe("clinical.follow_up_in_the_past");
        (await doctor.GetJsonAsync<JsonElement>($"/api/v1/consultations/{id}/protocol")).GetProperty("version").GetInt32().ShouldBe(0);

        var found = await doctor.GetJsonAsync<JsonElement>("/api/v1/clinical/icd10?q=головная боль");
        found.EnumerateArray().Select(m => m.GetProperty("code").GetString()).ShouldContain("R51");
        var byCode = await doctor.GetJsonAsync<JsonElement>("/api/v1/clinical/icd10?q=j06");
        byCode.EnumerateArray().Select(m => m.GetProperty("code").GetString()).ShouldBe(["J06.9"]);
        (await (await doctor.Http.GetAsync("/api/v1/clinical/icd10?q=a")).ProblemCodeAsync()).ShouldBe("clinical.query_too_short");
        await EndAsync(doctor, id);
    }

    [Fact]
    public async Task Given_a_CMS_code_file_When_an_admin_imports_it_Then_its_codes_are_searchable_and_usable_and_bad_lines_are_reported()
    {
        using var admin = await host.SignedInAsync(Admin);
        var file = "S72001A Fracture of unspecified part of neck of right femur, initial encounter for closed fracture\n"
            + "this line is not a code\n"
            + "R51     Headache\n";
        var response = await admin.Http.PostAsync("/api/v1/admin/icd10/import?edition=icd10cm-test", new StringContent(file, System.Text.Encoding.UTF8, "text/plain"));
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        result.GetProperty("added").GetInt32().ShouldBe(1);
        result.GetProperty("updated").GetInt32().ShouldBe(1);
        result.GetProperty("rejectedLines").EnumerateArray().Select(l => l.GetInt32()).ShouldBe([2]);
        (await (await admin.Http.PostAsync("/api/v1/admin/icd10/import?edition=Bad Name", new StringContent(file))).ProblemCodeAsync()).ShouldBe("clinical.bad_edition");

        // A 100,000-character title is refused, naming its line and field, and nothing of the file is stored (it was cut to 400 before).
        var huge = "Z99.81\tDependence on supplemental oxygen\nZ99.89\t" + new string('x', 100_000) + "\n";
        var tooLong = await admin.Http.PostAsync("/api/v1/admin/icd10/import?edition=icd10cm-huge", new StringContent(huge, System.Text.Encoding.UTF8, "text/plain"));
        tooLong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await tooLong.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("code").GetString().ShouldBe("validation.failed");
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["lines[2].titleEn"]);

        using var doctor = await host.SignedInAsync(DoctorEmail);
        var found = await doctor.GetJsonAsync<JsonElement>("/api/v1/clinical/icd10?q=femur fracture");
        found.EnumerateArray().Select(m => m.GetProperty("code").GetString()).ShouldContain("S72.001A");
        // A Russian title survives an import that has none.
        (await doctor.GetJsonAsync<JsonElement>("/api/v1/clinical/icd10?q=R51"))[0].GetProperty("titleRu").GetString().ShouldBe("Головная боль");
        (await doctor.GetJsonAsync<JsonElement>("/api/v1/clinical/icd10?q=supplemental oxygen")).EnumerateArray().ShouldBeEmpty("the refused file stored nothing");
        using var patient = await host.SignedInAsync("elena.popova@demo.telemed.dev");
        (await patient.Http.PostAsync("/api/v1/admin/icd10/import?edition=x", new StringContent(file))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Given_a_signed_protocol_Then_it_is_locked_an_addendum_is_signed_after_it_and_one_changed_byte_in_the_database_is_reported()
    {
        await SetEveryClinicAsync("ru-323fz");
        var (patient, doctor, id) = await AcceptedOnDemandAsync("elena.popova@demo.telemed.dev", "Headache and stiff neck");
        using var _p = patient;
        using var _d = doctor;
        await (await doctor.PutAsync($"/api/v1/consultations/{id}/protocol", Protocol(0, "preliminary"))).ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await (await doctor.PostAsync($"/api/v1/consultations/{id}/protocol/sign", new { version = 1 })).ProblemCodeAsync())
            .ShouldBe("clinical.consultation_not_finished");
        await (await doctor.PostAsync($"/api/v1/consultations/{id}/end")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await (await doctor.PostAsync($"/api/v1/consultations/{id}/protocol/sign", new { version = 0 })).ProblemCodeAsync()).ShouldBe("clinical.protocol_changed");

        var signed = await doctor.PostAsync($"/api/v1/consultations/{id}/protocol/sign", new { version = 1 });
        await signed.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var view = await signed.Content.ReadFromJsonAsync<JsonElement>();
        view.GetProperty("status").GetString().ShouldBe("signed");
        view.GetProperty("signedBy").GetString().ShouldBe("Natalia Lebedeva");

        // The patient's record names the diagnosis in the reader's language, as the visit summary does.
        async Task<List<string>> DiagnosesAsync(string language)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me/record/timeline?kind=diagnosis&pageSize=100");
            request.Headers.AcceptLanguage.ParseAdd(language);
            using var answer = await patient.Http.SendAsync(request);
            await answer.ShouldHaveStatusAsync(HttpStatusCode.OK);
            return [.. (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray()
                .Select(e => e.GetProperty("title").GetString()!).Where(t => t.StartsWith("G44.2", StringComparison.Ordinal))];
        }

        (await DiagnosesAsync("ru")).ShouldContain("G44.2 Головная боль напряженного типа");
        (await DiagnosesAsync("en")).ShouldContain("G44.2 Tension-type headache");

        var edit = await doctor.PutAsync($"/api/v1/consultations/{id}/protocol", Protocol(1, "preliminary", "Rewritten after signing"));
        edit.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await edit.ProblemCodeAsync()).ShouldBe("clinical.protocol_signed");

        var added = await doctor.PostAsync($"/api/v1/consultations/{id}/protocol/addenda", new { text = "MRI booked for Friday." });
        await added.ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("addenda")[0].GetProperty("text").GetString().ShouldBe("MRI booked for Friday.");
        (await (await doctor.PostAsync($"/api/v1/consultations/{id}/protocol/addenda", new { text = " " })).ProblemCodeAsync()).ShouldBe("clinical.empty_addendum");

        // An addendum is signed and permanent: sent twice at once, and again, with one Idempotency-Key, it is added once.
        var key = $"addendum-{Guid.NewGuid():N}";
        var sent = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            doctor.PostWithKeyAsync($"/api/v1/consultations/{id}/protocol/addenda", new { text = "Referred to neurology." }, key)));
        sent = [.. sent, await doctor.PostWithKeyAsync($"/api/v1/consultations/{id}/protocol/addenda", new { text = "Referred to neurology." }, key)];
        foreach (var answer in sent)
        {
            await answer.ShouldHaveStatusAsync(HttpStatusCode.OK);
            (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("addenda").GetArrayLength().ShouldBe(2);
        }

        var reused = await doctor.PostWithKeyAsync($"/api/v1/consultations/{id}/protocol/addenda", new { text = "Something else." }, key);
        reused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await reused.ProblemCodeAsync()).ShouldBe("idempotency.key_reused");

        var verification = await doctor.GetJsonAsync<JsonElement>($"/api/v1/consultations/{id}/protocol/verification");
        var check = verification.GetProperty("protocol");
        check.GetProperty("valid").GetBoolean().ShouldBeTrue(check.ToString());
        check.GetProperty("signerName").GetString().ShouldBe("Natalia Lebedeva");
        check.GetProperty("certificateStatus").GetString().ShouldBe("valid");
        verification.GetProperty("addenda")[0].GetProperty("check").GetProperty("valid").GetBoolean().ShouldBeTrue();

        // One byte of the stored document changes: the follow-up date (a plain column), then a byte of an encrypted section.
        var raw = new RawDatabase(host);
        var row = $"WHERE \"ConsultationId\" = '{(raw.IsPostgres ? id.ToString() : id.ToString().ToUpperInvariant())}'"; // EF writes SQLite Guids in upper case
        await using (var connection = await raw.OpenAsync())
        {
            (await RawDatabase.ExecuteAsync(connection, $"UPDATE {raw.Table("clinical", "visit_protocols")} SET \"FollowUpOn\" = '2031-01-01' {row}")).ShouldBe(1);
        }

        var tampered = (await doctor.GetJsonAsync<JsonElement>($"/api/v1/consultations/{id}/protocol/verification")).GetProperty("protocol");
        tampered.GetProperty("valid").GetBoolean().ShouldBeFalse();
        tampered.GetProperty("documentIntact").GetBoolean().ShouldBeFalse();
        tampered.GetProperty("problem").GetString()!.ShouldContain("changed");

        await using (var connection = await raw.OpenAsync())
        {
            await RawDatabase.ExecuteAsync(connection, $"UPDATE {raw.Table("clinical", "visit_protocols")} SET \"FollowUpOn\" = NULL, "
                + $"\"Recommendations\" = substr(\"Recommendations\", 1, length(\"Recommendations\") - 2) || 'AA' {row}");
        }

        var garbled = (await doctor.GetJsonAsync<JsonElement>($"/api/v1/consultations/{id}/protocol/verification")).GetProperty("protocol");
        garbled.GetProperty("valid").GetBoolean().ShouldBeFalse();
        garbled.GetProperty("documentIntact").GetBoolean().ShouldBeFalse();

        using var other = await host.SignedInAsync("sergey.volkov@demo.telemed.dev");
        (await other.Http.GetAsync($"/api/v1/consultations/{id}/protocol/verification")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.PostAsync($"/api/v1/consultations/{id}/protocol/addenda", new { text = "not mine" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty = false });
    }

    [Fact]
    public async Task Given_a_first_remote_visit_in_a_Russian_clinic_Then_signing_needs_an_in_person_referral_and_a_primary_diagnosis()
    {
        await SetEveryClinicAsync("ru-323fz");
        var (patient, doctor, id) = await AcceptedOnDemandAsync("oliver.grant@demo.telemed.dev", "Tingling in the left arm");
        using var _p = patient;
        using var _d = doctor;
        await (await doctor.PutAsync($"/api/v1/consultations/{id}/protocol", Body(0, complaints: "Tingling"))).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await doctor.PostAsync($"/api/v1/consultations/{id}/end")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await (await doctor.PostAsync($"/api/v1/consultations/{id}/protocol/sign", new { version = 1 })).ProblemCodeAsync()).ShouldBe("clinical.diagnosis_required");
        var noReferral = Body(1, diagnoses: new[] { new { code = "R20.2", role = "primary", certainty = "preliminary" } });
        var unknown = await doctor.PutAsync($"/api/v1/consultations/{id}/protocol", noReferral);
        (await unknown.ProblemCodeAsync()).ShouldBe("clinical.unknown_icd10_code");
        var headache = Body(1, diagnoses: new[] { new { code = "R51", role = "primary", certainty = "preliminary" } });
        await (await doctor.PutAsync($"/api/v1/consultations/{id}/protocol", headache)).ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await (await doctor.PostAsync($"/api/v1/consultations/{id}/protocol/sign", new { version = 2 })).ProblemCodeAsync()).ShouldBe("clinical.in_person_referral_required");
        await (await doctor.PutAsync($"/api/v1/consultations/{id}/protocol", Protocol(2, "preliminary"))).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await doctor.PostAsync($"/api/v1/consultations/{id}/protocol/sign", new { version = 3 })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty = false });
    }

    [Fact]
    public async Task Given_a_protocol_never_saved_When_the_doctor_signs_what_they_see_Then_the_answer_says_what_is_missing_not_that_it_changed_elsewhere()
    {
        var (patient, doctor, id) = await AcceptedOnDemandAsync("nikolai.vinogradov@demo.telemed.dev", "Dizzy when standing up");
        using var _p = patient;
        using var _d = doctor;
        // The screen shows the pre-filled draft at version 0 and nothing is stored yet: during the call, then after it.
        (await (await doctor.PostAsync($"/api/v1/consultations/{id}/protocol/sign", new { version = 0 })).ProblemCodeAsync())
            .ShouldBe("clinical.consultation_not_finished");
        await (await doctor.PostAsync($"/api/v1/consultations/{id}/end")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await (await doctor.PostAsync($"/api/v1/consultations/{id}/protocol/sign", new { version = 0 })).ProblemCodeAsync())
            .ShouldBe("clinical.diagnosis_required");
        // A version the server never gave is still a stale screen.
        (await (await doctor.PostAsync($"/api/v1/consultations/{id}/protocol/sign", new { version = 2 })).ProblemCodeAsync())
            .ShouldBe("clinical.protocol_changed");
        await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty = false });
    }

    private static async Task EndAsync(ApiClient doctor, Guid id)
    {
        await (await doctor.PostAsync($"/api/v1/consultations/{id}/end")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty = false });
    }

    private async Task<Guid> PatientIdOfAsync(string email)
    {
        using var patient = await host.SignedInAsync(email);
        return (await patient.GetJsonAsync<JsonElement>("/api/v1/me/patient-profile")).GetProperty("id").GetGuid();
    }
}

public sealed class ClinicalSqliteHost() : TelemedHost(Telemed.BuildingBlocks.Data.DatabaseProvider.Sqlite, ConsultationSettings.Create());

public sealed class ClinicalPostgresHost() : TelemedHost(Telemed.BuildingBlocks.Data.DatabaseProvider.Postgres, ConsultationSettings.Create());

[CollectionDefinition("clinical-sqlite")]
public sealed class ClinicalSqliteCollection : ICollectionFixture<ClinicalSqliteHost>;

[CollectionDefinition("clinical-postgres")]
public sealed class ClinicalPostgresCollection : ICollectionFixture<ClinicalPostgresHost>;

[Collection("clinical-sqlite")]
public sealed class VisitProtocolScenariosOnSqlite(ClinicalSqliteHost host) : VisitProtocolScenarios(host);

[Collection("clinical-postgres")]
public sealed class VisitProtocolScenariosOnPostgres(ClinicalPostgresHost host) : VisitProtocolScenarios(host);
