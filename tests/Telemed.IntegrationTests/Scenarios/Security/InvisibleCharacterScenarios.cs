using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.IntegrationTests.Scenarios.Clinical;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Identity.Contracts;
using static Telemed.IntegrationTests.Infrastructure.ConsultationsApi;

namespace Telemed.IntegrationTests.Scenarios.Security;

/// <summary>
/// Text users send that others read (clinic names, reviews, messages, names, protocols) may not carry invisible controls: a
/// right-to-left override (U+202E, "Trojan Source", CVE-2021-42574) made a review display as something it did not say. Such text is
/// refused host-wide with 400 <c>request.invalid_characters</c> naming the field, on REST and on hubs, and nothing is stored; Arabic,
/// Hebrew and emoji ZWJ sequences are still taken (docs/security.md, "Text users send").
/// </summary>
public abstract class InvisibleCharacterScenarios(TelemedHost host)
{
    private const string Admin = "admin@demo.telemed.dev";
    private const string Dermatologist = "olga.smirnova@demo.telemed.dev";
    private const string Rlo = "\u202E";

    private async Task<(string Email, Guid PatientId)> NewPatientAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var email = $"text-{tag}@example.test";
        using var scope = host.Services.CreateScope();
        var userId = await scope.ServiceProvider.GetRequiredService<IIdentityModule>().EnsureUserAsync(new NewUser(email, Demo.Password, $"Text Patient {tag}", ["Patient"]));
        await scope.ServiceProvider.GetRequiredService<IDirectoryModule>().EnsurePatientProfileAsync(new NewPatientProfile(userId, "Text", $"Patient{tag}",
            new DateOnly(1985, 5, 5), "female", email, "+7 900 222 3344", "Arbat 1, Moscow", "en", "Acme", "P-1", [], []));
        using var patient = await host.SignedInAsync(email);
        var patientId = (await patient.GetJsonAsync<JsonElement>("/api/v1/me/patient-profile")).GetProperty("id").GetGuid();
        return (email, patientId);
    }

    /// <summary>400, a ProblemDetails with the code, and the field's JSON path in <c>errors</c>; returns the problem.</summary>
    private static async Task<JsonElement> ShouldBeRefusedAsync(HttpResponseMessage response, string field, string what)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, $"{what}: {text}");
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json", what);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        problem.GetProperty("code").GetString().ShouldBe("request.invalid_characters", what);
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ShouldContain(field, what);
        problem.GetProperty("detail").GetString()!.ShouldContain(field.TrimStart('$', '.'), Case.Sensitive, what);
        return problem;
    }

    private static object Clinic(string name, string openingHours = "Mon–Fri 09:00–18:00") => new
    {
        name, address = "Nevsky 1", city = "Saint Petersburg", latitude = 59.93, longitude = 30.33, timeZone = "Europe/Moscow",
        phone = "+7 812 000 00 00", email = "spb@clinic.example", openingHours,
    };

    private static object WalkIn(string givenName, string familyName, string email) => new
    {
        givenName, familyName, dateOfBirth = "1979-02-11", sex = "female", email, phone = "+7 913 555 01 02", preferredLanguage = "ru",
    };

    private static object Protocol(string complaints) => new
    {
        version = 0, complaints, historyOfPresentIllness = "", objectiveFindings = "", recommendations = "",
        diagnoses = Array.Empty<object>(), referrals = Array.Empty<object>(), followUpOn = (string?)null,
    };

    [Fact]
    public async Task Given_text_with_an_override_or_a_control_character_When_sent_to_endpoints_of_several_modules_Then_each_is_400_with_the_code_and_nothing_is_stored()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];

        // Directory: a clinic name that would spoof another, a NUL (which PostgreSQL cannot store) and a line break in a name.
        using var admin = await host.SignedInAsync(Admin);
        await ShouldBeRefusedAsync(await admin.PostAsync("/api/v1/admin/clinics", Clinic($"Clinic {tag} {Rlo}cinilC dooG")), "$.name", "clinic name with RLO");
        await ShouldBeRefusedAsync(await admin.PostAsync("/api/v1/admin/clinics", Clinic($"Clinic {tag}\u0000")), "$.name", "clinic name with NUL");
        await ShouldBeRefusedAsync(await admin.PostAsync("/api/v1/admin/clinics", Clinic($"Clinic {tag}\nSecond line")), "$.name", "clinic name with a line break");
        await ShouldBeRefusedAsync(await admin.PostAsync("/api/v1/admin/clinics", Clinic($"Clinic {tag}", "Mon\u2067–Fri")), "$.openingHours", "opening hours with an isolate");
        (await admin.GetJsonAsync<JsonElement>("/api/v1/admin/clinics")).EnumerateArray().ShouldNotContain(c => c.GetProperty("name").GetString()!.Contains(tag));

        // The message is in the reader's language.
        using (var russian = new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/clinics"))
        {
            russian.Content = JsonContent.Create(Clinic($"Clinic {tag} {Rlo}"), options: ApiClient.Json);
            russian.Headers.AcceptLanguage.ParseAdd("ru-RU");
            var problem = await ShouldBeRefusedAsync(await admin.Http.SendAsync(russian), "$.name", "clinic name, in Russian");
            problem.GetProperty("detail").GetString()!.ShouldContain("Поле «name»");
            problem.GetProperty("detail").GetString()!.ShouldContain("U+202E");
        }

        // Consultations: a chat's opening message and a later one, through REST.
        var (email, patientId) = await NewPatientAsync();
        using var patient = await host.SignedInAsync(email);
        using var dermatologist = await host.SignedInAsync(Dermatologist);
        var doctorId = await DoctorIdAsync(dermatologist);
        await ShouldBeRefusedAsync(await patient.PostAsync("/api/v1/consultations/conversations", new { doctorId, subject = "Rash", body = $"Hello {Rlo}olleh" }),
            "$.body", "a conversation's first message");
        await ShouldBeRefusedAsync(await patient.PostAsync("/api/v1/consultations/conversations", new { doctorId, subject = $"Rash\u0007", body = "Hello" }),
            "$.subject", "a conversation's subject");
        (await patient.GetJsonAsync<JsonElement>("/api/v1/consultations/conversations")).ToString().ShouldNotContain("Rash");
        var started = await patient.PostAsync("/api/v1/consultations/conversations", new { doctorId, subject = "Rash", body = "Opening message" });
        await started.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var conversationId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await ShouldBeRefusedAsync(await patient.PostAsync($"/api/v1/consultations/conversations/{conversationId}/messages", new { body = "It itches\u001B[31m" }),
            "$.body", "a chat message with an escape sequence");
        await ShouldBeRefusedAsync(await patient.PostAsync($"/api/v1/consultations/conversations/{conversationId}/messages", new { body = "\uFEFFIt itches" }),
            "$.body", "a chat message with a BOM");
        (await patient.GetJsonAsync<JsonElement>($"/api/v1/consultations/conversations/{conversationId}/messages")).ToString().ShouldNotContain("itches");

        // A lone surrogate never becomes text: the JSON reader refuses it before the rule runs, escaped as JSON.stringify writes it
        // (a high half, a low half, a high half followed by something else) or as bytes that are not UTF-8 (a surrogate encoded in
        // UTF-8, ED A0 80). Each is the same refusal as an unescaped control, naming the member, in the reader's language.
        foreach (var (json, what) in new[]
        {
            ("{\"body\":\"half \\ud800 a character\"}", "an escaped lone high surrogate"),
            ("{\"body\":\"half \\uDC00 a character\"}", "an escaped lone low surrogate"),
            ("{\"body\":\"half \\ud800\\u0041 a character\"}", "an escaped high surrogate before a letter"),
            ("{\"body\":\"half \\ud800\"}", "an escaped high surrogate at the end"),
        })
        {
            await ShouldBeRefusedAsync(await patient.Http.PostAsync($"/api/v1/consultations/conversations/{conversationId}/messages",
                new StringContent(json, Encoding.UTF8, "application/json")), "$.body", what);
        }

        var notUtf8 = new ByteArrayContent([.. "{\"body\":\"half "u8, 0xED, 0xA0, 0x80, .. " a character\"}"u8]);
        notUtf8.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        await ShouldBeRefusedAsync(await patient.Http.PostAsync($"/api/v1/consultations/conversations/{conversationId}/messages", notUtf8), "$.body",
            "bytes that are not UTF-8");
        var nested = new HttpRequestMessage(HttpMethod.Post, "/api/v1/consultations/conversations")
        {
            Content = new StringContent($"{{\"doctorId\":\"{doctorId}\",\"subject\":\"Rash \\udc3d\",\"body\":\"Opening\"}}", Encoding.UTF8, "application/json"),
        };
        nested.Headers.AcceptLanguage.ParseAdd("ru");
        var inRussian = await ShouldBeRefusedAsync(await patient.Http.SendAsync(nested), "$.subject", "a conversation's subject with a lone surrogate, in Russian");
        inRussian.GetProperty("detail").GetString()!.ShouldContain("непарный суррогат");
        inRussian.GetProperty("detail").GetString()!.ShouldContain("U+DC3D");

        // Records: an upload's file name (shown to the doctor: "report<RLO>fdp.exe" reads as "reportexe.pdf") and its description.
        await ShouldBeRefusedAsync(await Records.RecordsApi.UploadAsync(patient, "%PDF-1.4 test"u8.ToArray(), fileName: $"report{Rlo}fdp.exe"), "file.fileName",
            "an upload's file name");
        await ShouldBeRefusedAsync(await Records.RecordsApi.UploadAsync(patient, "%PDF-1.4 test"u8.ToArray(), description: $"Blood {Rlo}tnuoc"), "description",
            "an upload's description");
        var documents = (await patient.GetJsonAsync<JsonElement>("/api/v1/me/record/documents")).ToString();
        documents.ShouldNotContain("fdp");
        documents.ShouldNotContain("tnuoc");

        // Front office: a walk-in's name, and the clinic–patient thread.
        using var desk = await host.SignedInAsync(SchedulingApi.FrontDesk);
        var walkInEmail = $"walkin-{tag}@example.test";
        await ShouldBeRefusedAsync(await desk.PostAsync("/api/v1/front-desk/patients", WalkIn($"Anna{Rlo}", "Petrova", walkInEmail)), "$.givenName", "a walk-in's given name");
        await ShouldBeRefusedAsync(await desk.PostAsync("/api/v1/front-desk/patients", WalkIn("Anna", "Petrova\tTab", walkInEmail)), "$.familyName", "a walk-in's family name with a tab");
        await (await desk.PostAsync("/api/v1/front-desk/patients", WalkIn("Anna", "Petrova", walkInEmail))).ShouldHaveStatusAsync(HttpStatusCode.Created); // the address was not taken
        await ShouldBeRefusedAsync(await desk.PostAsync($"/api/v1/front-desk/patients/{patientId}/messages", new { body = $"Your results are \u2066ready\u2069" }),
            "$.body", "a thread message");
        (await desk.GetJsonAsync<JsonElement>($"/api/v1/front-desk/patients/{patientId}/messages")).GetProperty("messages").GetArrayLength().ShouldBe(0);

        // Clinical: a protocol's free text; Feedback: the visit's review.
        var (visitPatient, doctor, consultationId) = await PrescriptionSteps.AcceptedOnDemandAsync(host, email, "Headache since Monday");
        using var _1 = visitPatient;
        using var _2 = doctor;
        await ShouldBeRefusedAsync(await doctor.PutAsync($"/api/v1/consultations/{consultationId}/protocol", Protocol($"Headache {Rlo}enim")), "$.complaints",
            "a protocol's complaints");
        (await doctor.GetJsonAsync<JsonElement>($"/api/v1/consultations/{consultationId}/protocol")).GetProperty("version").GetInt32().ShouldBe(0);
        await PrescriptionSteps.EndAsync(doctor, consultationId);
        await ShouldBeRefusedAsync(await visitPatient.PostAsync($"/api/v1/consultations/{consultationId}/review", new { stars = 5, text = $"Terrible {Rlo}doog yreV", nps = 10 }),
            "$.text", "a review");
        (await visitPatient.GetAsync($"/api/v1/consultations/{consultationId}/review")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Given_arabic_hebrew_persian_and_emoji_text_When_sent_as_names_messages_and_clinic_names_Then_it_is_stored_and_read_back_unchanged()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        using var admin = await host.SignedInAsync(Admin);
        var clinicName = $"מרפאת השלום {tag} 👩‍⚕️";
        var created = await admin.PostAsync("/api/v1/admin/clinics", Clinic(clinicName, "الأحد–الخميس\n09:00–18:00"));
        await created.ShouldHaveStatusAsync(HttpStatusCode.Created);
        (await admin.GetJsonAsync<JsonElement>("/api/v1/admin/clinics")).EnumerateArray().ShouldContain(c => c.GetProperty("name").GetString() == clinicName);

        using var desk = await host.SignedInAsync(SchedulingApi.FrontDesk);
        var walkIn = await desk.PostAsync("/api/v1/front-desk/patients", WalkIn("محمد", "כהן", $"walkin-{tag}@example.test"));
        await walkIn.ShouldHaveStatusAsync(HttpStatusCode.Created);

        var (email, _) = await NewPatientAsync();
        using var patient = await host.SignedInAsync(email);
        using var dermatologist = await host.SignedInAsync(Dermatologist);
        var body = "مرحبا دكتور 👨‍👩‍👧\nمی\u200Cخواهم وقت بگیرم\r\nשלום";
        var started = await patient.PostAsync("/api/v1/consultations/conversations", new { doctorId = await DoctorIdAsync(dermatologist), subject = "سؤال", body });
        await started.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var conversationId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var messages = await patient.GetJsonAsync<JsonElement>($"/api/v1/consultations/conversations/{conversationId}/messages");
        messages.EnumerateArray().Select(m => m.GetProperty("body").GetString()).ShouldContain(body);

        using var chat = (await HubClient.ConnectAsync(patient, "/hubs/chat"))!;
        (await chat.InvokeAsync("JoinConversation", conversationId)).Ok.ShouldBeTrue();
        var sent = await chat.InvokeAsync("SendMessage", conversationId, "שלום 👩‍⚕️ عليكم", "rtl-1");
        sent.Error.ShouldBeNull();
        sent.Value.GetProperty("body").GetString().ShouldBe("שלום 👩‍⚕️ عليكم");
    }

    [Fact]
    public async Task Given_a_one_line_name_with_a_zero_width_or_other_invisible_format_character_When_sent_Then_it_is_400_naming_the_field_while_free_text_keeps_them()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        using var admin = await host.SignedInAsync(Admin);

        // Clinic and pharmacy names: "Good Clinic" and "Good\u200BClinic" must not be two names that look alike.
        foreach (var (invisible, what) in new[] { ("\u200B", "zero-width space"), ("\u00AD", "soft hyphen"), ("\u2060", "word joiner"), ("\u200F", "RLM"), ("\u200D", "a ZWJ between letters") })
        {
            var problem = await ShouldBeRefusedAsync(await admin.PostAsync("/api/v1/admin/clinics", Clinic($"Good{invisible}Clinic {tag}")), "$.name", $"clinic name with a {what}");
            problem.GetProperty("detail").GetString()!.ShouldContain("invisible formatting character", Case.Sensitive, what);
        }

        await ShouldBeRefusedAsync(await admin.PostAsync("/api/v1/admin/pharmacies", new
        {
            name = $"Apteka\u200C{tag}", address = "Tverskaya 1", city = "Moscow", latitude = 55.76, longitude = 37.61, phone = "+7 495 000 00 00",
            openingHours = "Daily", active = true,
        }), "$.name", "pharmacy name with a ZWNJ");
        await ShouldBeRefusedAsync(await admin.PostAsync("/api/v1/admin/pharmacies", new
        {
            name = $"Apteka {tag}", address = "Tverskaya 1", city = "Mos\u2063cow", latitude = 55.76, longitude = 37.61, phone = "+7 495 000 00 00",
            openingHours = "Daily", active = true,
        }), "$.city", "pharmacy city with an invisible separator");
        (await admin.GetJsonAsync<JsonElement>("/api/v1/admin/clinics")).ToString().ShouldNotContain(tag);

        // Person names at the front desk, and a conversation's subject (a title).
        using var desk = await host.SignedInAsync(SchedulingApi.FrontDesk);
        var walkInEmail = $"walkin-{tag}@example.test";
        await ShouldBeRefusedAsync(await desk.PostAsync("/api/v1/front-desk/patients", WalkIn("An\u200Bna", "Petrova", walkInEmail)), "$.givenName", "a walk-in's given name");
        await ShouldBeRefusedAsync(await desk.PostAsync("/api/v1/front-desk/patients", WalkIn("Anna", "Petrova\uFEFF", walkInEmail)), "$.familyName", "a walk-in's family name");
        var (email, _) = await NewPatientAsync();
        using var patient = await host.SignedInAsync(email);
        using var dermatologist = await host.SignedInAsync(Dermatologist);
        var doctorId = await DoctorIdAsync(dermatologist);
        await ShouldBeRefusedAsync(await patient.PostAsync("/api/v1/consultations/conversations", new { doctorId, subject = "Ra\u200Bsh", body = "Hello" }),
            "$.subject", "a conversation's subject");

        // Free text keeps its legitimate joiners and marks: ZWNJ in Persian, an RLM, an emoji ZWJ sequence, a soft hyphen.
        var body = "می\u200Cخواهم 👨‍👩‍👧 Sara\u200F ok, para\u00ADcetamol";
        var started = await patient.PostAsync("/api/v1/consultations/conversations", new { doctorId, subject = $"Question {tag} 👩‍⚕️", body });
        await started.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var conversationId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await patient.GetJsonAsync<JsonElement>($"/api/v1/consultations/conversations/{conversationId}/messages")).EnumerateArray()
            .Select(m => m.GetProperty("body").GetString()).ShouldContain(body);
        await (await desk.PostAsync("/api/v1/front-desk/patients", WalkIn("Anna", "Petrova", walkInEmail))).ShouldHaveStatusAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Given_a_hub_connection_When_a_call_carries_refused_text_Then_the_hub_error_carries_the_code_and_nothing_is_sent()
    {
        var (email, _) = await NewPatientAsync();
        using var patient = await host.SignedInAsync(email);
        using var dermatologist = await host.SignedInAsync(Dermatologist);
        var started = await patient.PostAsync("/api/v1/consultations/conversations", new { doctorId = await DoctorIdAsync(dermatologist), subject = "Moles", body = "Opening message" });
        await started.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var conversationId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        using var chat = (await HubClient.ConnectAsync(patient, "/hubs/chat"))!;
        (await chat.InvokeAsync("JoinConversation", conversationId)).Ok.ShouldBeTrue();

        // Refused text in a hub argument.
        var refused = await chat.InvokeAsync("SendMessage", conversationId, $"Fine {Rlo}enif", "bidi-1");
        refused.Error!.ShouldContain("request.invalid_characters: ");
        refused.Error!.ShouldContain("\"body\"");
        (await chat.InvokeAsync("SendMessage", conversationId, "null\u0000byte", "nul-1")).Error!.ShouldContain("request.invalid_characters: ");

        // A lone surrogate, which the JavaScript client (as a browser) sends escaped: the JSON reader refuses it while binding the
        // arguments, and the error carries the same code rather than request.invalid.
        var lone = await chat.InvokeWithJsonArgumentsAsync("SendMessage", $"[\"{conversationId}\",\"half \\ud800 a character\",\"lone-1\"]");
        lone.Error!.ShouldContain("request.invalid_characters: ");
        lone.Error!.ShouldContain("unpaired surrogate");

        (await chat.InvokeAsync("JoinConversation", conversationId)).Ok.ShouldBeTrue("the connection is still usable");
        (await patient.GetJsonAsync<JsonElement>($"/api/v1/consultations/conversations/{conversationId}/messages")).GetArrayLength().ShouldBe(1, "nothing was sent");

        // The log never quotes what was sent.
        host.Logs.ShouldNotContain(l => l.Contains("enif", StringComparison.Ordinal));
    }
}

[Collection("clinical-sqlite")]
public sealed class InvisibleCharacterScenariosOnSqlite(ClinicalSqliteHost host) : InvisibleCharacterScenarios(host);

[Collection("clinical-postgres")]
public sealed class InvisibleCharacterScenariosOnPostgres(ClinicalPostgresHost host) : InvisibleCharacterScenarios(host);
