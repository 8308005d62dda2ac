using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.IntegrationTests.Scenarios.Records;

namespace Telemed.IntegrationTests.Scenarios.Clinical;

/// <summary>
/// A PUT that leaves out (or sends null for) a member it replaces was quietly read as a default: a private document's sharing
/// became <c>care_team</c> and a clinic's jurisdiction was cleared; a patient's profile saved without <c>allergies</c> erased them,
/// a protocol saved with only its complaints erased the findings, diagnoses and follow-up, a pharmacy edited without <c>active</c>
/// reopened, and a partner lab edited without <c>clinicId</c> served every clinic. Each is now 400 naming every missing member,
/// and nothing changes: <c>validation.failed</c> where null is not an answer either, <c>request.invalid</c> (the contract's
/// required-member refusal) where null still says "none" and is taken. The full body is still taken.
/// </summary>
public abstract class MissingMemberScenarios(TelemedHost host)
{
    private const string Admin = "admin@demo.telemed.dev";

    private static async Task<JsonElement> RefusedAsync(HttpResponseMessage response, string what, string code = "validation.failed")
    {
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, what);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("code").GetString().ShouldBe(code, what);
        return problem;
    }

    private static string[] Members(JsonElement problem) => [.. problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal)];

    private static HttpRequestMessage Put(string path, string json) =>
        new(HttpMethod.Put, path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };

    /// <summary><paramref name="body"/> without <paramref name="members"/>, as JSON text.</summary>
    private static string Without(JsonObject body, params string[] members)
    {
        var copy = JsonNode.Parse(body.ToJsonString())!.AsObject();
        foreach (var member in members) copy.Remove(member);
        return copy.ToJsonString();
    }

    /// <summary>Each member of <paramref name="members"/> left out of <paramref name="body"/> alone is 400 <paramref name="code"/> naming only it.</summary>
    private static async Task EachLeftOutIsRefusedAsync(ApiClient client, string path, JsonObject body, string code, params string[] members)
    {
        foreach (var member in members)
        {
            var json = Without(body, member);
            Members(await RefusedAsync(await client.Http.SendAsync(Put(path, json)), json, code)).ShouldBe([member], json);
        }
    }

    [Fact]
    public async Task Given_a_private_document_When_its_sharing_is_put_without_or_with_null_sharing_Then_it_is_400_and_stays_private()
    {
        using var patient = await host.SignedInAsync("oliver.grant@demo.telemed.dev");
        var id = await RecordsApi.UploadedAsync(patient, "%PDF-1.4 private notes"u8.ToArray(), sharing: "private");
        foreach (var body in new[] { "{}", """{"sharing":null}""" })
        {
            var problem = await RefusedAsync(await patient.Http.SendAsync(Put($"/api/v1/me/record/documents/{id}/sharing", body)), body);
            Members(problem).ShouldBe(["sharing"], body);
        }

        var mine = (await patient.GetJsonAsync<JsonElement>("/api/v1/me/record/documents")).EnumerateArray().Single(d => d.GetProperty("id").GetGuid() == id);
        mine.GetProperty("sharing").GetString().ShouldBe("private");
        (await (await patient.PutAsync($"/api/v1/me/record/documents/{id}/sharing", new { sharing = "care_team" })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("sharing").GetString().ShouldBe("care_team");
    }

    [Fact]
    public async Task Given_a_clinic_under_323_FZ_When_its_jurisdiction_is_put_without_or_with_null_Then_it_is_400_and_the_rules_stay()
    {
        using var admin = await host.SignedInAsync(Admin);
        var clinicId = (await admin.GetJsonAsync<JsonElement>("/api/v1/clinics")).EnumerateArray().First().GetProperty("id").GetGuid();
        var path = $"/api/v1/admin/clinics/{clinicId}/jurisdiction";
        var before = (await admin.GetJsonAsync<JsonElement>(path)).GetProperty("jurisdiction").GetString()!;
        try
        {
            await (await admin.PutAsync(path, new { jurisdiction = "ru-323fz" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
            foreach (var body in new[] { "{}", """{"jurisdiction":null}""" })
            {
                Members(await RefusedAsync(await admin.Http.SendAsync(Put(path, body)), body)).ShouldBe(["jurisdiction"], body);
            }

            (await admin.GetJsonAsync<JsonElement>(path)).GetProperty("jurisdiction").GetString().ShouldBe("ru-323fz");
        }
        finally
        {
            await admin.PutAsync(path, new { jurisdiction = before });
        }
    }

    [Fact]
    public async Task Given_a_patient_with_allergies_and_insurance_When_the_profile_is_put_without_one_of_its_members_Then_it_is_400_naming_it_and_nothing_changes()
    {
        using var patient = await host.SignedInAsync("oliver.grant@demo.telemed.dev");
        const string path = "/api/v1/me/patient-profile";
        var original = (await patient.GetJsonAsync<JsonElement>(path)).GetRawText();
        var full = JsonNode.Parse(original)!.AsObject();
        full.Remove("id");
        full.Remove("email");
        var restore = full.ToJsonString();
        full["phone"] = "+44 20 7946 0011";
        full["address"] = "1 Test Street";
        full["insurance"] = new JsonObject { ["provider"] = "Acme Health", ["policyNumber"] = "AC-1234" };
        full["allergies"] = new JsonArray("Penicillin");
        full["chronicConditions"] = new JsonArray("Asthma");
        try
        {
            await (await patient.Http.SendAsync(Put(path, full.ToJsonString()))).ShouldHaveStatusAsync(HttpStatusCode.OK);
            var stored = (await patient.GetJsonAsync<JsonElement>(path)).GetRawText();

            await EachLeftOutIsRefusedAsync(patient, path, full, "request.invalid", "phone", "address", "insurance", "allergies", "chronicConditions");
            var all = Without(full, "phone", "address", "insurance", "allergies", "chronicConditions");
            Members(await RefusedAsync(await patient.Http.SendAsync(Put(path, all)), all, "request.invalid"))
                .ShouldBe(["address", "allergies", "chronicConditions", "insurance", "phone"], "every missing member is named");
            var halfInsurance = JsonNode.Parse(full.ToJsonString())!.AsObject();
            halfInsurance["insurance"] = new JsonObject { ["provider"] = "Acme Health" };
            Members(await RefusedAsync(await patient.Http.SendAsync(Put(path, halfInsurance.ToJsonString())), "insurance without its policy number"))
                .ShouldBe(["insurance.policyNumber"], "the member's JSON path as the client wrote it");
            (await patient.GetJsonAsync<JsonElement>(path)).GetRawText().ShouldBe(stored, "nothing changed");

            // Null and [] still say "none".
            var none = JsonNode.Parse(full.ToJsonString())!.AsObject();
            none["phone"] = null;
            none["address"] = null;
            none["insurance"] = null;
            none["allergies"] = null;
            none["chronicConditions"] = new JsonArray();
            await (await patient.Http.SendAsync(Put(path, none.ToJsonString()))).ShouldHaveStatusAsync(HttpStatusCode.OK);
            var cleared = await patient.GetJsonAsync<JsonElement>(path);
            cleared.GetProperty("phone").GetString().ShouldBe("");
            cleared.GetProperty("insurance").GetProperty("policyNumber").GetString().ShouldBe("");
            cleared.GetProperty("allergies").GetArrayLength().ShouldBe(0);
            cleared.GetProperty("chronicConditions").GetArrayLength().ShouldBe(0);
        }
        finally
        {
            await patient.Http.SendAsync(Put(path, restore));
        }
    }

    [Fact]
    public async Task Given_a_protocol_with_findings_and_a_follow_up_When_it_is_put_without_a_section_Then_it_is_400_naming_each_missing_member_and_nothing_changes()
    {
        using var doctor = await host.SignedInAsync("alexei.sokolov@demo.telemed.dev");
        await (await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty = true })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        using var patient = await host.SignedInAsync("viktor.zaitsev@demo.telemed.dev");
        var requested = await patient.PostAsync("/api/v1/consultations/on-demand",
            new { specialty = "neurology", kind = "video", complaint = ConsultationsApi.Complaint(["head"], 2, "days", [], "Tingling") });
        await requested.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var id = (await requested.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("consultation").GetProperty("id").GetGuid();
        await (await doctor.PostAsync($"/api/v1/consultations/{id}/accept")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var path = $"/api/v1/consultations/{id}/protocol";
        var followUp = SchedulingApi.Today(host).AddDays(14).ToString("yyyy-MM-dd");
        JsonObject Protocol(int version) => new()
        {
            ["version"] = version, ["complaints"] = "Tingling", ["historyOfPresentIllness"] = "Two days", ["objectiveFindings"] = "Reflexes normal",
            ["recommendations"] = "Rest", ["diagnoses"] = new JsonArray(new JsonObject { ["code"] = "R51", ["role"] = "primary", ["certainty"] = "preliminary" }),
            ["referrals"] = new JsonArray(new JsonObject { ["kind"] = "specialist", ["target"] = "neurology", ["note"] = null }), ["followUpOn"] = followUp,
        };

        try
        {
            await (await doctor.Http.SendAsync(Put(path, Protocol(0).ToJsonString()))).ShouldHaveStatusAsync(HttpStatusCode.OK);
            var stored = (await doctor.GetJsonAsync<JsonElement>(path)).GetRawText();
            string[] sections = ["complaints", "historyOfPresentIllness", "objectiveFindings", "recommendations", "diagnoses", "referrals", "followUpOn"];
            await EachLeftOutIsRefusedAsync(doctor, path, Protocol(1), "request.invalid", sections);
            var onlyComplaints = Without(Protocol(1), sections[1..]);
            var problem = await RefusedAsync(await doctor.Http.SendAsync(Put(path, onlyComplaints)), onlyComplaints, "request.invalid");
            Members(problem).ShouldBe([.. sections[1..].Order(StringComparer.Ordinal)], "every missing member is named, not the first few");
            foreach (var member in sections[1..]) problem.GetProperty("detail").GetString()!.ShouldContain(member);
            (await doctor.GetJsonAsync<JsonElement>(path)).GetRawText().ShouldBe(stored, "nothing changed");

            // Null and [] still say "none".
            var none = Protocol(1);
            foreach (var member in new[] { "historyOfPresentIllness", "objectiveFindings", "recommendations", "diagnoses", "followUpOn" }) none[member] = null;
            none["referrals"] = new JsonArray();
            var saved = await doctor.Http.SendAsync(Put(path, none.ToJsonString()));
            await saved.ShouldHaveStatusAsync(HttpStatusCode.OK);
            var cleared = await saved.Content.ReadFromJsonAsync<JsonElement>();
            cleared.GetProperty("objectiveFindings").GetString().ShouldBe("");
            cleared.GetProperty("diagnoses").GetArrayLength().ShouldBe(0);
            cleared.GetProperty("followUpOn").ValueKind.ShouldBe(JsonValueKind.Null);
        }
        finally
        {
            await doctor.PostAsync($"/api/v1/consultations/{id}/end");
            await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty = false });
        }
    }

    [Fact]
    public async Task Given_a_closed_pharmacy_When_its_edit_leaves_out_active_city_phone_or_opening_hours_Then_it_is_400_naming_it_and_nothing_changes()
    {
        using var admin = await host.SignedInAsync(Admin);
        var name = $"Closed {Guid.NewGuid():N}"[..20];
        var full = new JsonObject
        {
            ["name"] = name, ["address"] = "1 Quay Street", ["city"] = "Dunedin", ["latitude"] = -45.87, ["longitude"] = 170.5,
            ["phone"] = "+64 3 555 0199", ["openingHours"] = "Mon–Fri 09:00–17:00", ["active"] = false,
        };
        var created = await admin.Http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/pharmacies")
        {
            Content = new StringContent(full.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        });
        await created.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var path = $"/api/v1/admin/pharmacies/{id}";
        async Task<string> StoredAsync() =>
            (await admin.GetJsonAsync<JsonElement>("/api/v1/admin/pharmacies")).EnumerateArray().Single(p => p.GetProperty("id").GetGuid() == id).GetRawText();
        var stored = await StoredAsync();

        await EachLeftOutIsRefusedAsync(admin, path, full, "request.invalid", "active", "phone", "openingHours");
        await EachLeftOutIsRefusedAsync(admin, path, full, "validation.failed", "city");
        var nullCity = JsonNode.Parse(full.ToJsonString())!.AsObject();
        nullCity["city"] = null;
        Members(await RefusedAsync(await admin.Http.SendAsync(Put(path, nullCity.ToJsonString())), "null city")).ShouldBe(["city"]);
        (await StoredAsync()).ShouldBe(stored, "still closed, with its city, phone and hours");

        // Null phone and hours (and an empty city) still say "none".
        var none = JsonNode.Parse(full.ToJsonString())!.AsObject();
        none["phone"] = null;
        none["openingHours"] = null;
        none["city"] = "";
        var edited = await admin.Http.SendAsync(Put(path, none.ToJsonString()));
        await edited.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var view = await edited.Content.ReadFromJsonAsync<JsonElement>();
        view.GetProperty("phone").GetString().ShouldBe("");
        view.GetProperty("active").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task Given_a_partner_lab_serving_one_clinic_When_its_edit_leaves_out_clinicId_Then_it_is_400_naming_it_and_the_lab_keeps_its_clinic()
    {
        using var admin = await host.SignedInAsync(Admin);
        var clinicId = (await admin.GetJsonAsync<JsonElement>("/api/v1/clinics")).EnumerateArray().First().GetProperty("id").GetGuid();
        var full = new JsonObject
        {
            ["name"] = $"One clinic {Guid.NewGuid():N}"[..24], ["address"] = "Lab street 9", ["fhirBaseUrl"] = "sandbox:", ["enabled"] = false,
            ["clinicId"] = clinicId.ToString(),
        };
        var created = await admin.Http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/partner-labs")
        {
            Content = new StringContent(full.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        });
        await created.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var path = $"/api/v1/admin/partner-labs/{id}";
        async Task<JsonElement> StoredAsync() =>
            (await admin.GetJsonAsync<JsonElement>("/api/v1/admin/partner-labs")).EnumerateArray().Single(l => l.GetProperty("id").GetGuid() == id);

        await EachLeftOutIsRefusedAsync(admin, path, full, "request.invalid", "clinicId");
        (await StoredAsync()).GetProperty("clinicId").GetGuid().ShouldBe(clinicId);

        // An explicit null still says "every clinic".
        var everyClinic = JsonNode.Parse(full.ToJsonString())!.AsObject();
        everyClinic["clinicId"] = null;
        await (await admin.Http.SendAsync(Put(path, everyClinic.ToJsonString()))).ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await StoredAsync()).GetProperty("clinicId").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Given_a_draft_prescription_with_instructions_When_it_is_put_without_instructions_Then_it_is_400_naming_them_and_they_stay()
    {
        var (patient, doctor, id) = await PrescriptionSteps.AcceptedOnDemandAsync(host, "andrei.semenov@demo.telemed.dev", "Aching joints");
        using var _p = patient;
        using var _d = doctor;
        try
        {
            var full = new JsonObject
            {
                ["medicineCode"] = "paracetamol-500-tab", ["dose"] = 500, ["route"] = "oral", ["timesPerDay"] = 3, ["durationDays"] = 7, ["quantity"] = 21,
                ["refills"] = 0, ["instructions"] = "After food.", ["version"] = 0,
            };
            var created = await doctor.Http.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/v1/consultations/{id}/prescriptions")
            {
                Content = new StringContent(full.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
            });
            await created.ShouldHaveStatusAsync(HttpStatusCode.Created);
            var draft = await created.Content.ReadFromJsonAsync<JsonElement>();
            var path = $"/api/v1/consultations/{id}/prescriptions/{draft.GetProperty("id").GetGuid()}";
            full["version"] = draft.GetProperty("version").GetInt32();
            full["durationDays"] = 5;
            full["quantity"] = 15;

            await EachLeftOutIsRefusedAsync(doctor, path, full, "request.invalid", "instructions");
            async Task<JsonElement> StoredAsync() =>
                (await doctor.GetJsonAsync<JsonElement>($"/api/v1/consultations/{id}/prescriptions")).EnumerateArray().Single(p => p.GetProperty("id").GetGuid() == draft.GetProperty("id").GetGuid());
            (await StoredAsync()).GetProperty("dosageInstruction").GetProperty("text").GetString().ShouldBe("After food.");

            // An explicit null still says "no instructions".
            full["instructions"] = null;
            await (await doctor.Http.SendAsync(Put(path, full.ToJsonString()))).ShouldHaveStatusAsync(HttpStatusCode.OK);
            (await StoredAsync()).GetProperty("dosageInstruction").GetProperty("text").GetString().ShouldBeNullOrEmpty();
        }
        finally
        {
            await PrescriptionSteps.EndAsync(doctor, id);
        }
    }

    [Fact]
    public async Task Given_a_doctor_with_a_rate_When_the_profile_is_put_with_a_rate_without_its_currency_Then_it_is_400_on_hourlyRate_currency_and_the_rate_stays()
    {
        using var doctor = await host.SignedInAsync("olga.smirnova@demo.telemed.dev");
        const string path = "/api/v1/me/doctor-profile";
        var before = await doctor.GetJsonAsync<JsonElement>(path);
        var body = new JsonObject
        {
            ["bio"] = before.GetProperty("bio").GetString(), ["languages"] = JsonNode.Parse(before.GetProperty("languages").GetRawText()),
            ["education"] = JsonNode.Parse(before.GetProperty("education").GetRawText()),
            ["hourlyRate"] = new JsonObject { ["amountMinor"] = before.GetProperty("hourlyRate").GetProperty("amountMinor").GetInt64() + 100 },
            ["yearsOfExperience"] = before.GetProperty("yearsOfExperience").GetInt32(),
        };

        Members(await RefusedAsync(await doctor.Http.SendAsync(Put(path, body.ToJsonString())), "a rate without its currency")).ShouldBe(["hourlyRate.currency"]);
        (await doctor.GetJsonAsync<JsonElement>(path)).GetRawText().ShouldBe(before.GetRawText());
    }
}

[Collection("clinical-sqlite")]
public sealed class MissingMemberScenariosOnSqlite(ClinicalSqliteHost host) : MissingMemberScenarios(host);

[Collection("clinical-postgres")]
public sealed class MissingMemberScenariosOnPostgres(ClinicalPostgresHost host) : MissingMemberScenarios(host);
