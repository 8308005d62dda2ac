using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Identity.Contracts;
using Telemed.IntegrationTests.Scenarios.Scheduling;
using static Telemed.IntegrationTests.Infrastructure.SchedulingApi;

namespace Telemed.IntegrationTests.Scenarios.Notifications;

/// <summary>
/// Notification preferences honoured by every sender (real SMTP server, Twilio double, official SignalR client), and every
/// notice to one person in that person's language: chat notices, booking changes, waitlist offers and reminders.
/// </summary>
public abstract class NotificationPreferenceScenarios(RemindersFixture fixture)
{
    private const string Sophie = "sophie.turner@demo.telemed.dev";    // English, +44 7700 900102
    private const string SophiePhone = "+44 7700 900102";
    private const string Elena = "elena.popova@demo.telemed.dev";      // Russian, +7 916 555 01 02
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private int SmsTo(string phone, string containing) =>
        fixture.Twilio.Requests.Count(r => r.Form.GetValueOrDefault("To") == phone && r.Form["Body"].Contains(containing, StringComparison.Ordinal));

    private Task WaitForSmsAsync(string phone, string containing, int after = 0) =>
        WaitForAsync(async () => { await Task.Yield(); return SmsTo(phone, containing) > after ? "sms" : null; }, Patience, $"an SMS containing '{containing}'");

    private static async Task<List<JsonElement>> CentreAsync(ApiClient client) =>
        (await client.GetJsonAsync<JsonElement>("/api/v1/me/notifications?pageSize=100")).GetProperty("items").EnumerateArray().Select(e => e.Clone()).ToList();

    private static Task<HttpResponseMessage> SetAsync(ApiClient client, params object[] changes) =>
        client.PutAsync("/api/v1/me/notification-preferences", new { changes });

    private static bool Enabled(JsonElement view, string topic, string channel) => view.GetProperty("topics").EnumerateArray()
        .Single(t => t.GetProperty("topic").GetString() == topic).GetProperty("channels").EnumerateArray()
        .Single(c => c.GetProperty("channel").GetString() == channel).GetProperty("enabled").GetBoolean();

    [Fact]
    public async Task Given_a_patient_who_switched_booking_emails_off_When_their_visit_is_booked_Then_no_email_goes_but_the_in_app_one_does_and_switching_in_app_off_clears_the_centre()
    {
        var host = fixture.Host;
        using var patient = await host.SignedInAsync(Sophie);

        // Everything is on until switched off; security e-mails are locked on.
        var initial = await patient.GetJsonAsync<JsonElement>("/api/v1/me/notification-preferences");
        Enabled(initial, "bookings", "email").ShouldBeTrue();
        var security = initial.GetProperty("topics").EnumerateArray().Single(t => t.GetProperty("topic").GetString() == "security").GetProperty("channels")[0];
        security.GetProperty("locked").GetBoolean().ShouldBeTrue();
        var locked = await SetAsync(patient, new { topic = "security", channel = "email", enabled = false });
        locked.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await locked.ProblemCodeAsync()).ShouldBe("notifications.preference_locked");
        foreach (var bad in new object[] { new { topic = "gossip", channel = "email", enabled = false }, new { topic = "reminders", channel = "in_app", enabled = false },
                     new { topic = "bookings", channel = "pigeon", enabled = false } })
        {
            var refused = await SetAsync(patient, bad);
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await refused.ProblemCodeAsync()).ShouldBe("notifications.unknown_preference");
        }

        var saved = await SetAsync(patient, new { topic = "bookings", channel = "email", enabled = false });
        await saved.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var view = await saved.Content.ReadFromJsonAsync<JsonElement>();
        Enabled(view, "bookings", "email").ShouldBeFalse();
        Enabled(view, "bookings", "in_app").ShouldBeTrue();
        Enabled(view, "reminders", "email").ShouldBeTrue();
        (await patient.GetJsonAsync<JsonElement>("/api/v1/me/notification-preferences")).GetRawText().ShouldBe(view.GetRawText());

        using var desk = await host.SignedInAsync(FrontDesk);
        var doctor = (await DoctorsAsync(desk))[3].Id;
        var slots = await SlotsAsync(patient, doctor, Today(host).AddDays(4), 2);
        var smsBefore = SmsTo(SophiePhone, "booked");
        var booked = await SchedulingApi.BookAsync(patient, doctor, slots[0]);
        await booked.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var id = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        // The SMS (still on) goes in the same delivery as the e-mail would have: once it is there, the e-mail would be too.
        await WaitForSmsAsync(SophiePhone, "booked", smsBefore);
        await WaitForAsync(async () => (await CentreAsync(patient)).Any(n => n.GetProperty("link").GetString() == $"/patient/appointments/{id}") ? "in-app" : null,
            Patience, "the in-app booking notification");
        fixture.Smtp.Messages.ShouldNotContain(m => m.To.Contains(Sophie) && m.Subject.StartsWith("Booked:", StringComparison.Ordinal));

        // In-app off: the booking notifications leave the centre (and its unread count), and a move adds none.
        await (await SetAsync(patient, new { topic = "bookings", channel = "in_app", enabled = false })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await CentreAsync(patient)).ShouldNotContain(n => n.GetProperty("kind").GetString()!.StartsWith("booking_"));
        var unreadNow = (await patient.GetJsonAsync<JsonElement>("/api/v1/me/notifications/unread-count")).GetProperty("unread").GetInt32();
        var movedSms = SmsTo(SophiePhone, slots[1].ClinicLocal[11..16]);
        await (await patient.PostAsync($"/api/v1/scheduling/appointments/{id}/reschedule", new { start = slots[1].Start })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await WaitForSmsAsync(SophiePhone, slots[1].ClinicLocal[11..16], movedSms);
        await Task.Delay(500);
        (await patient.GetJsonAsync<JsonElement>("/api/v1/me/notifications/unread-count")).GetProperty("unread").GetInt32().ShouldBe(unreadNow);

        // On again: the earlier one is back; the move never entered the centre.
        await (await SetAsync(patient, new { topic = "bookings", channel = "in_app", enabled = true })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var back = await CentreAsync(patient);
        back.ShouldContain(n => n.GetProperty("kind").GetString() == "booking_created" && n.GetProperty("link").GetString() == $"/patient/appointments/{id}");
        back.ShouldNotContain(n => n.GetProperty("kind").GetString() == "booking_rescheduled" && n.GetProperty("link").GetString() == $"/patient/appointments/{id}");

        // Security e-mails cannot be switched off: a password reset still arrives.
        using var anonymous = host.CreateApiClient();
        await anonymous.GetAsync("/api/v1/auth/session");
        await (await anonymous.PostAsync("/api/v1/auth/password/forgot", new { email = Sophie })).ShouldHaveStatusAsync(HttpStatusCode.Accepted);
        await fixture.Smtp.WaitForMessageAsync(m => m.To.Contains(Sophie) && m.Text.Contains("/reset-password", StringComparison.Ordinal), Patience);

        // Only one's own preferences; signed out is 401.
        (await anonymous.GetAsync("/api/v1/me/notification-preferences")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Given_a_russian_speaking_patient_When_the_doctor_writes_a_visit_is_booked_a_waitlist_time_frees_and_a_reminder_is_due_Then_every_notice_is_in_russian()
    {
        var host = fixture.Host;
        using var patient = await host.SignedInAsync(Elena);
        using var hub = (await HubClient.ConnectAsync(patient, "/hubs/notifications", "notificationReceived", "subscribed"))!;
        hub.ShouldNotBeNull();
        await hub.NextEventAsync("subscribed");
        using var doctorClient = await host.SignedInAsync(ConsultationsApi.DoctorEmails[1]);

        // A chat message while she is not in the conversation: a notice in the centre (live) and by e-mail, both in Russian.
        var started = await patient.PostAsync("/api/v1/consultations/conversations",
            new { doctorId = await ConsultationsApi.DoctorIdAsync(doctorClient), subject = "Вопрос", body = "Здравствуйте" });
        await started.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var conversation = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await (await doctorClient.PostAsync($"/api/v1/consultations/conversations/{conversation}/messages", new { body = "Sensitive reply" }))
            .ShouldHaveStatusAsync(HttpStatusCode.Created);
        var chat = await hub.NextEventAsync("notificationReceived",
            e => e.GetProperty("notification").GetProperty("link").GetString() == $"/patient/messages/{conversation}", Patience);
        chat.GetProperty("notification").GetProperty("kind").GetString().ShouldBe("message");
        chat.GetProperty("notification").GetProperty("title").GetString()!.ShouldStartWith("Новое сообщение от");
        var chatMail = await fixture.Smtp.WaitForMessageAsync(m => m.To.Contains(Elena) && m.Text.Contains($"/patient/messages/{conversation}", StringComparison.Ordinal), Patience);
        chatMail.Subject.ShouldBe("Новое сообщение в Telemed");
        chatMail.Text.ShouldNotContain("Sensitive");

        // A booking: confirmation e-mail and in-app notice in Russian.
        using var desk = await host.SignedInAsync(FrontDesk);
        var doctors = await DoctorsAsync(desk);
        var slot = (await SlotsAsync(patient, doctors[5].Id, Today(host).AddDays(6), 2))[0];
        var booked = await SchedulingApi.BookAsync(patient, doctors[5].Id, slot);
        await booked.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var id = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var inApp = await hub.NextEventAsync("notificationReceived",
            e => e.GetProperty("notification").GetProperty("link").GetString() == $"/patient/appointments/{id}", Patience);
        inApp.GetProperty("notification").GetProperty("title").GetString()!.ShouldContain("записан");
        await fixture.Smtp.WaitForMessageAsync(m => m.To.Contains(Elena) && m.Subject.StartsWith("Вы записаны", StringComparison.Ordinal), Patience);

        // A waitlist offer: live in the centre, in Russian.
        var waitDoctor = doctors[7].Id;
        var freed = (await SlotsAsync(desk, waitDoctor, Today(host).AddDays(7), 1))[0];
        using var other = await host.SignedInAsync("mikhail.vasiliev@demo.telemed.dev");
        var taken = await SchedulingApi.BookAsync(other, waitDoctor, freed);
        await taken.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var takenId = (await taken.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var day = DateOnly.FromDateTime(freed.Start);
        await (await patient.PostAsync("/api/v1/scheduling/waitlist", new { doctorId = waitDoctor, kind = "video", from = day.AddDays(-1), to = day.AddDays(1) }))
            .ShouldHaveStatusAsync(HttpStatusCode.Created);
        await (await desk.PostAsync($"/api/v1/scheduling/appointments/{takenId}/cancel", new { reason = "Patient called" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var offer = await hub.NextEventAsync("notificationReceived", e => e.GetProperty("notification").GetProperty("kind").GetString() == "waitlist_offer", Patience);
        offer.GetProperty("notification").GetProperty("title").GetString()!.ShouldContain("придержано");
        offer.GetProperty("notification").GetProperty("title").GetString()!.ShouldContain(freed.ClinicLocal[11..16]);
        offer.GetProperty("notification").GetProperty("link").GetString().ShouldBe("/patient/appointments");

        // The reminder 48 hours ahead, in Russian.
        host.Clock.Advance(slot.Start.AddHours(-48).AddMinutes(1) - host.Clock.GetUtcNow().UtcDateTime);
        await fixture.Smtp.WaitForMessageAsync(m => m.To.Contains(Elena) && m.Subject.StartsWith("Напоминание", StringComparison.Ordinal), Patience);
    }

    [Fact]
    public async Task Given_a_patient_who_withdrew_the_notifications_consent_When_a_visit_is_booked_Then_no_email_or_sms_goes_but_the_in_app_notice_does_until_they_consent_again()
    {
        var host = fixture.Host;
        var tag = Guid.NewGuid().ToString("N")[..8];
        var email = $"consent-{tag}@example.test";
        var phone = "+44 7700 9" + Random.Shared.Next(10_000, 99_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        using (var scope = host.Services.CreateScope())
        {
            var userId = await scope.ServiceProvider.GetRequiredService<IIdentityModule>().EnsureUserAsync(new NewUser(email, Demo.Password, $"Consent Patient {tag}", ["Patient"]));
            await scope.ServiceProvider.GetRequiredService<IDirectoryModule>().EnsurePatientProfileAsync(new NewPatientProfile(userId, "Consent", $"Patient{tag}",
                new DateOnly(1979, 4, 2), "female", email, phone, "Baker Street 1, London", "en", "", "", [], []));
        }

        using var patient = host.CreateApiClient();
        await patient.SignInAsync(email, Demo.Password);
        var consents = await patient.GetJsonAsync<JsonElement>("/api/v1/me/consents");
        var version = consents.EnumerateArray().Single(c => c.GetProperty("kind").GetString() == "notifications").GetProperty("currentVersion").GetInt32();
        await (await patient.PostAsync("/api/v1/me/consents/notifications/give", new { version })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await patient.PostAsync("/api/v1/me/consents/notifications/withdraw")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        using var desk = await host.SignedInAsync(FrontDesk);
        var doctor = (await DoctorsAsync(desk))[2].Id;
        var slots = await SlotsAsync(patient, doctor, Today(host).AddDays(5), 2);
        var first = await SchedulingApi.BookAsync(patient, doctor, slots[0]);
        await first.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var firstId = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await WaitForAsync(async () => (await CentreAsync(patient)).Any(n => n.GetProperty("link").GetString() == $"/patient/appointments/{firstId}") ? "in-app" : null,
            Patience, "the in-app booking notification");

        // The e-mail and SMS of the first booking are decided when scheduling delivers its event, which may come after the in-app
        // notice: wait until scheduling has delivered every event, or consent given again too early would let them go (seen in CI).
        var database = new RawDatabase(host);
        await WaitForAsync(async () =>
        {
            await using var connection = await database.OpenAsync();
            var pending = await RawDatabase.RowsAsync(connection, $"SELECT COUNT(*) FROM {database.Table("scheduling", "outbox")} WHERE \"ProcessedAt\" IS NULL");
            return pending.Single() == "0" ? "delivered" : null;
        }, Patience, "scheduling's events delivered");
        SmsTo(phone, "booked").ShouldBe(0);

        // Consent given again: the next booking's SMS and e-mail go; the first booking's never did.
        await (await patient.PostAsync("/api/v1/me/consents/notifications/give", new { version })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await SchedulingApi.BookAsync(patient, doctor, slots[^1])).ShouldHaveStatusAsync(HttpStatusCode.Created);
        await WaitForSmsAsync(phone, "booked");
        await WaitForAsync(async () => { await Task.Yield(); return fixture.Smtp.Messages.Any(m => m.To.Contains(email)) ? "email" : null; }, Patience, "the booking e-mail");
        SmsTo(phone, "booked").ShouldBe(1);
        fixture.Smtp.Messages.Count(m => m.To.Contains(email) && m.Subject.StartsWith("Booked:", StringComparison.Ordinal)).ShouldBe(1);
    }
}

public sealed class NotificationPreferenceScenariosOnSqlite(SqliteRemindersFixture fixture) : NotificationPreferenceScenarios(fixture), IClassFixture<SqliteRemindersFixture>;

public sealed class NotificationPreferenceScenariosOnPostgres(PostgresRemindersFixture fixture) : NotificationPreferenceScenarios(fixture), IClassFixture<PostgresRemindersFixture>;
