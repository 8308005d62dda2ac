using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios.Clinical;

/// <summary>
/// Texts the server words itself follow the reader's language (docs/localisation.md, "Texts the server writes for a reader").
/// Until this change a Russian reader (the web app sends its language as <c>Accept-Language</c>) got the formulary's
/// English words in every prescription list ("Amoxicillin 500 mg capsules", "21 capsules") while the printed form 107-1/у
/// already read "Амоксициллин 500 мг, капсулы", "21 капсула"; and a doctor starting the protocol found its complaints
/// pre-filled with an English summary ("Head · 4/10 · days") in a Russian clinic's record.
/// </summary>
public abstract class ReaderLanguageTextsScenarios(TelemedHost host)
{
    private static async Task<JsonElement> RussianAsync(ApiClient client, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.AcceptLanguage.ParseAdd("ru-RU");
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var answer = await client.Http.SendAsync(request);
        await answer.ShouldHaveStatusAsync(HttpStatusCode.OK);
        return await answer.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Given_a_Russian_reader_Then_every_prescription_list_names_the_medicine_its_form_and_quantity_in_Russian_and_an_English_one_as_before()
    {
        await PrescriptionSteps.SetEveryClinicAsync(host, "us");
        var (patient, doctor, id) = await PrescriptionSteps.AcceptedOnDemandAsync(host, "oliver.grant@demo.telemed.dev", "Sore throat");
        using var _p = patient;
        using var _d = doctor;
        var signed = await PrescriptionSteps.SignedPrescriptionAsync(doctor, id, "amoxicillin-500-caps", 500, 3, 21);
        var rxId = signed.GetProperty("id").GetGuid();
        var code = signed.GetProperty("verificationCode").GetString()!;

        // The patient's list.
        var english = (await patient.GetJsonAsync<JsonElement>("/api/v1/me/prescriptions")).EnumerateArray().Single(p => p.GetProperty("id").GetGuid() == rxId);
        english.GetProperty("medicineName").GetString().ShouldBe("Amoxicillin 500 mg capsules");
        english.GetProperty("form").GetString().ShouldBe("capsule");
        english.GetProperty("quantityUnit").GetString().ShouldBe("capsules");
        english.GetProperty("quantityText").GetString().ShouldBe("21 capsules");
        var mine = (await RussianAsync(patient, HttpMethod.Get, "/api/v1/me/prescriptions")).EnumerateArray().Single(p => p.GetProperty("id").GetGuid() == rxId);
        mine.GetProperty("medicineName").GetString().ShouldBe("Амоксициллин 500 мг, капсулы");
        mine.GetProperty("strength").GetString().ShouldBe("500 мг");
        mine.GetProperty("form").GetString().ShouldBe("капсулы");
        mine.GetProperty("quantity").GetInt32().ShouldBe(21);
        mine.GetProperty("quantityUnit").GetString().ShouldBe("капсулы");
        mine.GetProperty("quantityText").GetString().ShouldBe("21 капсула");

        // The doctor's panel and formulary search: display words in Russian, the signed content and the codes as they were.
        var panel = (await RussianAsync(doctor, HttpMethod.Get, $"/api/v1/consultations/{id}/prescriptions")).EnumerateArray().Single(p => p.GetProperty("id").GetGuid() == rxId);
        panel.GetProperty("medicineName").GetString().ShouldBe("Амоксициллин 500 мг, капсулы");
        panel.GetProperty("medication").GetProperty("name").GetString().ShouldBe("Amoxicillin 500 mg capsules");
        panel.GetProperty("medication").GetProperty("code").GetString().ShouldBe("amoxicillin-500-caps");
        var match = (await RussianAsync(doctor, HttpMethod.Get, "/api/v1/clinical/formulary?q=amoxicillin-500")).EnumerateArray()
            .Single(m => m.GetProperty("code").GetString() == "amoxicillin-500-caps");
        match.GetProperty("nameText").GetString().ShouldBe("Амоксициллин 500 мг, капсулы");
        match.GetProperty("routeText").GetString().ShouldBe("внутрь");
        match.GetProperty("route").GetString().ShouldBe("oral");
        match.GetProperty("dispenseUnitText").GetString().ShouldBe("капсулы");
        match.GetProperty("doseUnitText").GetString().ShouldBe("мг");

        // The pharmacist's counter (lookup by the QR code) and the public verification page.
        using (var pharmacist = await host.SignedInAsync("pharmacist@demo.telemed.dev"))
        {
            var counter = await RussianAsync(pharmacist, HttpMethod.Post, "/api/v1/pharmacist/prescriptions/lookup", new { code });
            counter.GetProperty("medicineName").GetString().ShouldBe("Амоксициллин 500 мг, капсулы");
            counter.GetProperty("activeIngredient").GetString().ShouldBe("амоксициллин");
            counter.GetProperty("form").GetString().ShouldBe("капсулы");
            counter.GetProperty("strength").GetString().ShouldBe("500 мг");
            counter.GetProperty("route").GetString().ShouldBe("внутрь");
            counter.GetProperty("dosageInstructions").GetString()!.ShouldStartWith("500 мг 3 раза в день");
            counter.GetProperty("quantityUnit").GetString().ShouldBe("капсулы");
            counter.GetProperty("quantityText").GetString().ShouldBe("21 капсула");
            counter.GetProperty("quantityRemainingText").GetString().ShouldBe("21 капсула");
            var englishCounter = await (await pharmacist.PostAsync("/api/v1/pharmacist/prescriptions/lookup", new { code })).Content.ReadFromJsonAsync<JsonElement>();
            englishCounter.GetProperty("medicineName").GetString().ShouldBe("Amoxicillin 500 mg capsules");
            englishCounter.GetProperty("route").GetString().ShouldBe("oral");
            englishCounter.GetProperty("quantityText").GetString().ShouldBe("21 capsules");
        }

        var anonymous = host.CreateApiClient();
        var verification = await RussianAsync(anonymous, HttpMethod.Get, $"/api/v1/public/prescriptions/{code}");
        verification.GetProperty("medicineName").GetString().ShouldBe("Амоксициллин 500 мг, капсулы");
        verification.GetProperty("form").GetString().ShouldBe("капсулы");
        verification.GetProperty("quantityText").GetString().ShouldBe("21 капсула");

        await PrescriptionSteps.EndAsync(doctor, id);
    }

    [Fact]
    public async Task Given_a_complaint_form_Then_the_protocol_is_prefilled_in_the_documents_language_and_the_doctor_reads_the_summary_in_theirs()
    {
        // A clinic without a rule on its records' language: the document is in the doctor's language.
        await PrescriptionSteps.SetEveryClinicAsync(host, "us");
        var doctor = await host.SignedInAsync(PrescriptionSteps.DoctorEmail);
        await (await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty = true })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        using var _d = doctor;
        using var patient = await host.SignedInAsync("elena.popova@demo.telemed.dev");
        var requested = await patient.PostAsync("/api/v1/consultations/on-demand", new
        {
            specialty = "neurology", kind = "video",
            complaint = ConsultationsApi.Complaint(["head", "neck"], 4, "days", ["dizziness"], "Голова кружится по утрам"),
        });
        await requested.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var id = (await requested.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("consultation").GetProperty("id").GetGuid();

        // The doctor's queue and the complaint panel read the summary in the doctor's language.
        var queue = await RussianAsync(doctor, HttpMethod.Get, "/api/v1/consultations/queue");
        var waiting = queue.GetProperty("booked").EnumerateArray().Concat(queue.GetProperty("pool").EnumerateArray())
            .Single(i => i.GetProperty("consultationId").GetGuid() == id);
        waiting.GetProperty("complaintSummary").GetString().ShouldBe("Голова, Шея · 4/10 · несколько дней · головокружение");
        await (await doctor.PostAsync($"/api/v1/consultations/{id}/accept")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var complaint = await RussianAsync(doctor, HttpMethod.Get, $"/api/v1/consultations/{id}/complaint");
        complaint.GetProperty("summary").GetString().ShouldBe("Голова, Шея · 4/10 · несколько дней · головокружение");
        complaint.GetProperty("complaint").GetProperty("regions")[0].GetString().ShouldBe("head");

        var russianDraft = await RussianAsync(doctor, HttpMethod.Get, $"/api/v1/consultations/{id}/protocol");
        russianDraft.GetProperty("complaints").GetString().ShouldBe("Голова, Шея · 4/10 · несколько дней · головокружение\nГолова кружится по утрам");
        russianDraft.GetProperty("complaint").GetProperty("summary").GetString().ShouldBe("Голова, Шея · 4/10 · несколько дней · головокружение");
        var englishDraft = await doctor.GetJsonAsync<JsonElement>($"/api/v1/consultations/{id}/protocol");
        englishDraft.GetProperty("complaints").GetString().ShouldBe("Head, Neck · 4/10 · days · dizziness\nГолова кружится по утрам");

        // A clinic under Russian law keeps its records in Russian: the pre-filled document is Russian whatever the doctor reads,
        // while the summary beside it follows the doctor's language.
        await PrescriptionSteps.SetEveryClinicAsync(host, "ru-323fz");
        var underRussianLaw = await doctor.GetJsonAsync<JsonElement>($"/api/v1/consultations/{id}/protocol");
        underRussianLaw.GetProperty("complaints").GetString()!.ShouldStartWith("Голова, Шея · 4/10 · несколько дней");
        underRussianLaw.GetProperty("complaint").GetProperty("summary").GetString().ShouldBe("Head, Neck · 4/10 · days · dizziness");

        await PrescriptionSteps.EndAsync(doctor, id);
    }
}

[Collection("clinical-sqlite")]
public sealed class ReaderLanguageTextsScenariosOnSqlite(ClinicalSqliteHost host) : ReaderLanguageTextsScenarios(host);

[Collection("clinical-postgres")]
public sealed class ReaderLanguageTextsScenariosOnPostgres(ClinicalPostgresHost host) : ReaderLanguageTextsScenarios(host);
