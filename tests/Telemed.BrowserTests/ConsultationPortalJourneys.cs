using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Telemed.BuildingBlocks.Data;
using Telemed.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Telemed.IntegrationTests.Infrastructure.ConsultationsApi;

namespace Telemed.BrowserTests;

/// <summary>
/// One host of its own (SQLite, demo clinic, a clock the tests move) and Chromium with a fake camera and microphone.
/// Each journey uses its own patient and its own doctor (or specialty), so their order does not matter.
/// </summary>
public sealed class ConsultationPortalFixture : IAsyncLifetime
{
    /// <summary>Counts getUserMedia calls, so a test can tell that a page never asked for the camera.</summary>
    private const string CountMediaRequests = """
        window.__mediaRequests = 0;
        if (navigator.mediaDevices && navigator.mediaDevices.getUserMedia) {
          const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
          navigator.mediaDevices.getUserMedia = (constraints) => { window.__mediaRequests++; return original(constraints); };
        }
        """;

    public TelemedHost Host { get; private set; } = null!;
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = new TelemedHost(DatabaseProvider.Sqlite);
        await Host.InitializeAsync();
        Assertions.SetDefaultExpectTimeout(15_000);
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", "--allow-loopback-in-peer-connection",
            ],
        });
    }

    /// <summary>A page in a fresh context; CSP bypassed for axe (the app's CSP is tested over HTTP).</summary>
    public async Task<IPage> PageAsync(int width = 390, int height = 844, string locale = "en-US")
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = Host.BaseAddress.ToString().TrimEnd('/'), Locale = locale, ViewportSize = new() { Width = width, Height = height },
            Permissions = ["camera", "microphone"], BypassCSP = true,
        });
        context.SetDefaultTimeout(20_000);
        UrlPhiGuard.Watch(context);
        await context.AddInitScriptAsync(CountMediaRequests);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await Host.DisposeAsync();
    }
}

[Collection(BrowserCollection.Name)]
public sealed class ConsultationPortalJourneys(ConsultationPortalFixture fixture) : IClassFixture<ConsultationPortalFixture>
{
    private const string RemoteFramesDecoded = "() => Number(document.querySelector('[data-testid=remote-video]')?.getAttribute('data-frames-decoded') ?? 0) > 0";
    private const string FrontDesk = "frontdesk@demo.telemed.dev";

    /// <summary>A real 1x1 PNG, so the photo decodes in the browser.</summary>
    private static readonly byte[] OnePixelPng = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private TelemedHost Host => fixture.Host;

    // Item 1: the description and photos are in the complaint's nested form; the panel read them one level too high.
    [Fact]
    public async Task The_doctor_sees_the_patients_own_words_and_photos_beside_the_call()
    {
        const string patientEmail = "sophie.turner@demo.telemed.dev";
        const string doctorEmail = "sergey.volkov@demo.telemed.dev";
        using var patientApi = await Host.SignedInAsync(patientEmail);
        var photo = await UploadAsync(patientApi, OnePixelPng, "eye.png");
        var id = await OnDemandInProgressAsync(patientApi, doctorEmail, "general-practice", "video",
            Complaint(["head"], 4, "days", description: "Dull ache behind the eyes since Tuesday evening", photoIds: [photo]));

        var doctor = await fixture.PageAsync(1280, 900);
        await BrowserSignIn.SignInAsync(doctor, doctorEmail, Host);
        await doctor.GotoAsync($"/consultations/{id}/call");
        var panel = doctor.GetByTestId("complaint-summary");
        await Expect(panel).ToContainTextAsync("Head");
        await Expect(panel).ToContainTextAsync("Dull ache behind the eyes since Tuesday evening");
        await Expect(panel.GetByTestId("complaint-photo")).ToHaveCountAsync(1);
        await Expect(panel.GetByTestId("complaint-photo")).ToBeVisibleAsync();
        // Advice written for the patient is not shown to the doctor; the rule that fired is.
        await Expect(panel).Not.ToContainTextAsync("A doctor will see you in turn");

        // Beside the call: the patient's allergies and conditions; at the end, the way to the next patient.
        var record = doctor.GetByTestId("patient-record");
        await Expect(record.GetByTestId("patient-allergies")).ToContainTextAsync("Bee stings");
        await Expect(record.GetByTestId("patient-conditions")).ToContainTextAsync("Migraine");
        await Axe.AssertCleanAsync(doctor);
        await doctor.GetByRole(AriaRole.Button, new() { Name = "End call" }).ClickAsync();
        await doctor.GetByRole(AriaRole.Button, new() { Name = "End consultation" }).ClickAsync();
        await Expect(doctor.GetByTestId("consultation-ended")).ToHaveAttributeAsync("data-status", "completed");
        await Expect(doctor.GetByTestId("next-patient")).ToBeVisibleAsync();
        await Expect(doctor.GetByTestId("follow-up")).ToBeVisibleAsync();
    }

    // Item 2: a chat consultation is a chat; video only when one proposes and the other accepts.
    [Fact]
    public async Task A_chat_visit_opens_as_a_chat_and_turns_to_video_only_when_both_agree()
    {
        const string patientEmail = "emily.watson@demo.telemed.dev";
        const string doctorEmail = "maria.ivanova@demo.telemed.dev";
        using var patientApi = await Host.SignedInAsync(patientEmail);
        var id = await OnDemandInProgressAsync(patientApi, doctorEmail, "endocrinology", "chat", Complaint(["neck"], 3, "weeks"));

        var patient = await fixture.PageAsync();
        await BrowserSignIn.SignInAsync(patient, patientEmail);
        await patient.GotoAsync($"/consultations/{id}/call");
        var message = patient.GetByLabel("Message");
        await Expect(message).ToBeInViewportAsync();
        await Expect(patient.Locator("video")).ToHaveCountAsync(0);
        await Expect(patient.GetByTestId("chat-mode")).ToBeVisibleAsync();
        (await patient.EvaluateAsync<int>("() => window.__mediaRequests").WaitAsync(TimeSpan.FromSeconds(10))).ShouldBe(0);
        await Axe.AssertCleanAsync(patient);

        var doctor = await fixture.PageAsync(1280, 900);
        await BrowserSignIn.SignInAsync(doctor, doctorEmail, Host);
        await doctor.GotoAsync($"/consultations/{id}/call");
        await Expect(doctor.GetByTestId("chat-mode")).ToBeVisibleAsync();
        await Expect(doctor.Locator("video")).ToHaveCountAsync(0);

        // The doctor proposes; nothing turns on until the patient accepts.
        await doctor.GetByRole(AriaRole.Button, new() { Name = "Switch to video" }).ClickAsync();
        await Expect(doctor.GetByTestId("video-proposal")).ToContainTextAsync("Waiting for");
        var offer = patient.GetByTestId("video-proposal");
        await Expect(offer).ToContainTextAsync("video");
        (await doctor.EvaluateAsync<int>("() => window.__mediaRequests").WaitAsync(TimeSpan.FromSeconds(10))).ShouldBe(0);
        await Axe.AssertCleanAsync(patient);
        await offer.GetByRole(AriaRole.Button, new() { Name = "Accept video" }).ClickAsync();

        await doctor.WaitForFunctionAsync(RemoteFramesDecoded, null, new() { Timeout = 30_000 });
        await patient.WaitForFunctionAsync(RemoteFramesDecoded, null, new() { Timeout = 30_000 });

        await EndAsync(doctorEmail, id);
    }

    // Item 11: a phone keeps Mute and End call in view, a small self-view, End call asks first, and the other side is told who left.
    [Fact]
    public async Task On_a_phone_the_call_keeps_its_controls_in_view_asks_before_leaving_and_tells_the_other_side()
    {
        const string patientEmail = "oliver.grant@demo.telemed.dev";
        const string doctorEmail = "pavel.orlov@demo.telemed.dev";
        using var patientApi = await Host.SignedInAsync(patientEmail);
        var id = await OnDemandInProgressAsync(patientApi, doctorEmail, "psychiatry", "video", Complaint(["head"], 3, "weeks"));

        var doctor = await fixture.PageAsync(1280, 900);
        await BrowserSignIn.SignInAsync(doctor, doctorEmail, Host);
        await doctor.GotoAsync($"/consultations/{id}/call");
        var patient = await fixture.PageAsync(375, 740);
        await BrowserSignIn.SignInAsync(patient, patientEmail);
        await patient.GotoAsync($"/consultations/{id}/call");
        await patient.WaitForFunctionAsync(RemoteFramesDecoded, null, new() { Timeout = 30_000 });

        await Expect(patient.GetByRole(AriaRole.Button, new() { Name = "Mute microphone", Exact = true })).ToBeInViewportAsync(new() { Ratio = 1 });
        await Expect(patient.GetByRole(AriaRole.Button, new() { Name = "End call" })).ToBeInViewportAsync(new() { Ratio = 1 });
        var self = await patient.GetByTestId("local-video").BoundingBoxAsync();
        var remote = await patient.GetByTestId("remote-video").BoundingBoxAsync();
        (self!.Width * self.Height).ShouldBeLessThan(remote!.Width * remote.Height / 4);
        await Axe.AssertCleanAsync(patient);

        // End call asks first; Cancel keeps the call.
        await patient.GetByRole(AriaRole.Button, new() { Name = "End call" }).ClickAsync();
        var dialog = patient.GetByRole(AriaRole.Alertdialog);
        await Expect(dialog).ToContainTextAsync("Leave the call?");
        await Axe.AssertCleanAsync(patient);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(patient.GetByTestId("remote-video")).ToBeVisibleAsync();

        await patient.GetByRole(AriaRole.Button, new() { Name = "End call" }).ClickAsync();
        await patient.GetByRole(AriaRole.Alertdialog).GetByRole(AriaRole.Button, new() { Name = "Leave the call" }).ClickAsync();
        await Expect(patient.GetByTestId("call-left")).ToBeVisibleAsync();
        await Expect(doctor.GetByTestId("peer-left")).ToContainTextAsync("The patient left the call");

        // The patient comes back, then the doctor's page goes away: the patient is told.
        await patient.GetByRole(AriaRole.Button, new() { Name = "Rejoin" }).ClickAsync();
        await Expect(doctor.GetByTestId("peer-left")).ToHaveCountAsync(0);
        await doctor.Context.CloseAsync();
        await Expect(patient.GetByTestId("peer-left")).ToContainTextAsync("The doctor left the call");

        await EndAsync(doctorEmail, id);
    }

    // Item 6: honest estimates, no camera check for a chat, escalations only to doctors of the specialty.
    [Fact]
    public async Task Wait_estimates_say_when_nobody_can_take_the_request_and_escalations_reach_only_doctors_of_the_specialty()
    {
        const string patientEmail = "ivan.kuznetsov@demo.telemed.dev";
        using var patientApi = await Host.SignedInAsync(patientEmail);
        var id = await OnDemandAsync(patientApi, "dermatology", "chat", Complaint(["left-hand"], 2, "weeks"));

        var patient = await fixture.PageAsync();
        await BrowserSignIn.SignInAsync(patient, patientEmail);
        await patient.GotoAsync($"/patient/consultations/{id}/waiting");
        await Expect(patient.GetByTestId("queue-nobody-on-duty")).ToContainTextAsync("No doctor of this specialty is on duty");
        await Expect(patient.GetByTestId("queue-nobody-on-duty")).ToContainTextAsync("front desk");
        await Expect(patient.GetByTestId("consultation-state")).Not.ToContainTextAsync("Any moment");
        await Expect(patient.GetByText("Check your camera and microphone")).ToHaveCountAsync(0);
        await Axe.AssertCleanAsync(patient);

        // The same in Russian.
        var russian = await fixture.PageAsync();
        await BrowserSignIn.SignInAsync(russian, patientEmail);
        await russian.GetByRole(AriaRole.Button, new() { Name = "Русский" }).ClickAsync();
        await russian.GotoAsync($"/patient/consultations/{id}/waiting");
        await Expect(russian.GetByTestId("queue-nobody-on-duty")).ToContainTextAsync("Сейчас нет дежурного врача этой специальности");
        await Expect(russian.GetByTestId("queue-estimate")).ToContainTextAsync("Пока неизвестно");
        await Axe.AssertCleanAsync(russian);

        // A cardiologist on duty is not offered a dermatology request, escalated or not.
        using var cardiologist = await Host.SignedInAsync("anna.petrova@demo.telemed.dev");
        await SetDutyAsync(cardiologist, true);
        Host.Clock.Advance(TimeSpan.FromMinutes(4));
        await Expect(patient.GetByTestId("queue-escalated")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(patient.GetByTestId("consultation-state")).Not.ToContainTextAsync("Any moment");
        (await PoolOfAsync(cardiologist)).ShouldNotContain(id);

        using var dermatologist = await Host.SignedInAsync("olga.smirnova@demo.telemed.dev");
        await SetDutyAsync(dermatologist, true);
        (await PoolOfAsync(dermatologist)).ShouldContain(id);
        await patient.ReloadAsync();
        await Expect(patient.GetByTestId("queue-escalated")).ToBeVisibleAsync();
        await Expect(patient.GetByTestId("consultation-state")).Not.ToContainTextAsync("Any moment");

        await SetDutyAsync(cardiologist, false);
        await SetDutyAsync(dermatologist, false);
        await (await patientApi.PostAsync($"/api/v1/consultations/{id}/fail", new { reason = "patientLeft" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
    }

    // Item 5: the form is a draft saved on the server; pressing Enter early keeps it and says once when the room opens.
    [Fact]
    public async Task The_complaint_form_is_kept_as_a_draft_and_an_early_visit_says_once_when_the_room_opens()
    {
        const string patientEmail = "svetlana.pavlova@demo.telemed.dev";
        using var doctorApi = await Host.SignedInAsync("sergey.volkov@demo.telemed.dev");
        using var patientApi = await Host.SignedInAsync(patientEmail);
        var doctorId = await DoctorIdAsync(doctorApi);
        var slot = (await SchedulingApi.SlotsAsync(patientApi, doctorId, SchedulingApi.Today(Host).AddDays(2), 6))[0];
        var booked = await SchedulingApi.BookAsync(patientApi, doctorId, slot);
        await booked.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var appointmentId = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var patient = await fixture.PageAsync();
        await BrowserSignIn.SignInAsync(patient, patientEmail);
        await patient.GotoAsync($"/patient/visit/{appointmentId}");
        await patient.GetByTestId("body-region-head").ClickAsync();
        await patient.GetByLabel("Severity").FillAsync("4");
        await patient.GetByLabel("How long").SelectOptionAsync("days");
        await patient.GetByLabel("Describe what is happening").FillAsync("Throbbing on the left side after long drives");
        await patient.GetByRole(AriaRole.Button, new() { Name = "Enter the waiting room" }).ClickAsync();

        await Expect(patient.GetByTestId("room-opens")).ToContainTextAsync("saved");
        await Expect(patient.GetByText(new Regex("opens at", RegexOptions.IgnoreCase))).ToHaveCountAsync(1);
        await Expect(patient.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        await Expect(patient.GetByLabel("Describe what is happening")).ToHaveValueAsync("Throbbing on the left side after long drives");
        await Axe.AssertCleanAsync(patient);

        // Saved on the server: another device (a fresh browser context, signed in anew) gets it back.
        await Expect(patient.GetByTestId("draft-status")).ToHaveAttributeAsync("data-status", "saved");
        var raw = new RawDatabase(Host);
        await using (var connection = await raw.OpenAsync())
        {
            // Encrypted at rest like the complaint itself.
            var stored = await RawDatabase.RowsAsync(connection, $"SELECT \"Json\" FROM {raw.Table("consultations", "complaint_drafts")}");
            stored.ShouldNotBeEmpty();
            stored.ShouldAllBe(row => !row.Contains("Throbbing"));
        }

        var other = await fixture.PageAsync();
        await BrowserSignIn.SignInAsync(other, patientEmail);
        await other.GotoAsync($"/patient/visit/{appointmentId}");
        await Expect(other.GetByLabel("Describe what is happening")).ToHaveValueAsync("Throbbing on the left side after long drives");
        await Expect(other.GetByTestId("body-region-head")).ToHaveAttributeAsync("aria-pressed", "true");

        // When the room opens (by the server's clock), the saved form goes in as it is. Moving the clock two days
        // ends every idle session, so the patient signs in again (as ConsultationJourney does).
        Host.Clock.Advance(slot.Start.AddMinutes(-5) - Host.Clock.GetUtcNow().UtcDateTime);
        patient = await fixture.PageAsync();
        await BrowserSignIn.SignInAsync(patient, patientEmail);
        await patient.GotoAsync($"/patient/visit/{appointmentId}");
        await Expect(patient.GetByTestId("room-opens")).ToHaveCountAsync(0);
        await Expect(patient.GetByLabel("Describe what is happening")).ToHaveValueAsync("Throbbing on the left side after long drives");
        await patient.GetByRole(AriaRole.Button, new() { Name = "Enter the waiting room" }).ClickAsync();
        await Expect(patient).ToHaveURLAsync(new Regex("/patient/consultations/[0-9a-f-]+/waiting"));
        var consultationId = Guid.Parse(new Regex("/patient/consultations/([0-9a-f-]+)/waiting").Match(patient.Url).Groups[1].Value);
        using var patientNow = await Host.SignedInAsync(patientEmail);
        var complaint = await patientNow.GetJsonAsync<JsonElement>($"/api/v1/consultations/{consultationId}/complaint");
        complaint.GetProperty("complaint").GetProperty("description").GetString().ShouldBe("Throbbing on the left side after long drives");
        await (await patientNow.GetAsync($"/api/v1/consultations/appointments/{appointmentId}/draft")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await patientNow.GetJsonAsync<JsonElement>($"/api/v1/consultations/appointments/{appointmentId}/draft")).GetProperty("complaint").ValueKind.ShouldBe(JsonValueKind.Null);
        await (await patientNow.PostAsync($"/api/v1/consultations/{consultationId}/fail", new { reason = "patientLeft" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
    }

    // Item 7: the front desk sees who is waiting and can call back, book, assign to a doctor or dismiss.
    [Fact]
    public async Task Front_desk_escalations_show_who_is_waiting_and_offer_call_back_book_assign_and_dismiss()
    {
        using var grigory = await Host.SignedInAsync("grigory.tarasov@demo.telemed.dev");
        using var alina = await Host.SignedInAsync("alina.sharova@demo.telemed.dev");
        var toAssign = await OnDemandAsync(grigory, "neurology", "video", Complaint(["head"], 3, "weeks"));
        var toDismiss = await OnDemandAsync(alina, "neurology", "chat", Complaint(["neck"], 2, "months"));
        Host.Clock.Advance(TimeSpan.FromMinutes(4));

        var desk = await fixture.PageAsync(375, 800);
        await BrowserSignIn.SignInAsync(desk, FrontDesk, Host);
        await desk.GotoAsync("/front-desk/escalations");
        var row = desk.Locator($"[data-consultation-id='{toAssign}']");
        await Expect(row).ToContainTextAsync("Grigory Tarasov", new() { Timeout = 30_000 });
        await Expect(row).ToContainTextAsync("+7 913 555 02 17");
        await Expect(row.GetByRole(AriaRole.Link, new() { Name = "Book a visit" })).ToBeVisibleAsync();
        await Axe.AssertCleanAsync(desk);

        var russianDesk = await fixture.PageAsync(375, 800);
        await BrowserSignIn.SignInAsync(russianDesk, FrontDesk, Host);
        await russianDesk.GetByRole(AriaRole.Button, new() { Name = "Русский" }).ClickAsync();
        await russianDesk.GotoAsync("/front-desk/escalations");
        await Expect(russianDesk.Locator($"[data-consultation-id='{toAssign}']")).ToContainTextAsync("Отметить: перезвонили");
        await Axe.AssertCleanAsync(russianDesk);

        await row.GetByRole(AriaRole.Button, new() { Name = "Mark called back" }).ClickAsync();
        await Expect(row.GetByTestId("called-back")).ToBeVisibleAsync();

        await row.GetByLabel("Assign to a doctor").SelectOptionAsync(new SelectOptionValue { Label = "Alexei Sokolov" });
        await row.GetByRole(AriaRole.Button, new() { Name = "Assign" }).ClickAsync();
        await Expect(desk.Locator($"[data-consultation-id='{toAssign}']")).ToHaveCountAsync(0);
        using (var neurologist = await Host.SignedInAsync("alexei.sokolov@demo.telemed.dev"))
        {
            var queue = await neurologist.GetJsonAsync<JsonElement>("/api/v1/consultations/queue");
            queue.GetProperty("booked").EnumerateArray().Select(i => i.GetProperty("consultationId").GetGuid()).ShouldContain(toAssign);
        }

        var other = desk.Locator($"[data-consultation-id='{toDismiss}']");
        await other.GetByRole(AriaRole.Button, new() { Name = "Dismiss" }).ClickAsync();
        await Expect(other).ToContainTextAsync("Take this request off the list?");
        await other.GetByRole(AriaRole.Button, new() { Name = "Dismiss" }).ClickAsync();
        await Expect(desk.Locator($"[data-consultation-id='{toDismiss}']")).ToHaveCountAsync(0);

        using var admin = Host.CreateApiClient();
        await admin.SignInAsAdminAsync();
        var audit = await admin.GetAsync("/api/v1/admin/audit?recordType=Consultation");
        var text = await audit.Content.ReadAsStringAsync();
        text.ShouldContain("consultation.escalation.called_back");
        text.ShouldContain("consultation.escalation.assigned");
        text.ShouldContain("consultation.escalation.dismissed");
    }

    private async Task<Guid> OnDemandAsync(ApiClient patientApi, string specialty, string kind, object complaint)
    {
        var response = await patientApi.PostAsync("/api/v1/consultations/on-demand", new { specialty, kind, complaint });
        await response.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var admission = await response.Content.ReadFromJsonAsync<JsonElement>();
        return admission.GetProperty("consultation").GetProperty("id").GetGuid();
    }

    private async Task<Guid> OnDemandInProgressAsync(ApiClient patientApi, string doctorEmail, string specialty, string kind, object complaint)
    {
        using var doctorApi = await Host.SignedInAsync(doctorEmail);
        await SetDutyAsync(doctorApi, true);
        var id = await OnDemandAsync(patientApi, specialty, kind, complaint);
        await (await doctorApi.PostAsync($"/api/v1/consultations/{id}/accept")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        return id;
    }

    private async Task EndAsync(string doctorEmail, Guid id)
    {
        using var doctorApi = await Host.SignedInAsync(doctorEmail);
        await (await doctorApi.PostAsync($"/api/v1/consultations/{id}/end")).ShouldHaveStatusAsync(HttpStatusCode.OK);
    }

    private static async Task SetDutyAsync(ApiClient doctor, bool onDuty) =>
        await (await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty })).ShouldHaveStatusAsync(HttpStatusCode.OK);

    private static async Task<List<Guid>> PoolOfAsync(ApiClient doctor) =>
        [.. (await doctor.GetJsonAsync<JsonElement>("/api/v1/consultations/queue")).GetProperty("pool").EnumerateArray().Select(i => i.GetProperty("consultationId").GetGuid())];
}
