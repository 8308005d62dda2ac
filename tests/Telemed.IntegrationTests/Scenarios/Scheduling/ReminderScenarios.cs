using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Telemed.IntegrationTests.Infrastructure;
using static Telemed.IntegrationTests.Infrastructure.SchedulingApi;

namespace Telemed.IntegrationTests.Scenarios.Scheduling;

/// <summary>Reminders 48 and 2 hours ahead by e-mail and SMS, with one-tap links; durable across restarts, never sent twice.</summary>
public abstract partial class ReminderScenarios(RemindersFixture fixture)
{
    private const string Ivan = "ivan.kuznetsov@demo.telemed.dev";       // Russian-speaking, phone +7 916 555 01 01
    private const string Oliver = "oliver.grant@demo.telemed.dev";

    [GeneratedRegex(@"https?://[^\s]+/r/[A-Za-z0-9_\-\.]+")]
    private static partial Regex LinkPattern();

    private static async Task<(Guid Id, SlotInfo Slot)> BookAsync(TelemedHost host, string patientEmail, int doctorIndex, int daysAhead)
    {
        using var patient = await host.SignedInAsync(patientEmail);
        var doctor = (await DoctorsAsync(patient))[doctorIndex].Id;
        var slot = (await SlotsAsync(patient, doctor, Today(host).AddDays(daysAhead), 3))[0];
        var booked = await SchedulingApi.BookAsync(patient, doctor, slot);
        await booked.ShouldHaveStatusAsync(HttpStatusCode.Created);
        return ((await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), slot);
    }

    private static void SetClock(TelemedHost host, DateTime utc) => host.Clock.Advance(utc - host.Clock.GetUtcNow().UtcDateTime);

    [Fact]
    public async Task Given_a_restart_between_the_48h_and_2h_reminders_Then_each_goes_out_once_by_each_channel()
    {
        var first = new TelemedHost(fixture.Provider, fixture.Settings());
        await first.InitializeAsync();
        var (id, slot) = await BookAsync(first, Ivan, doctorIndex: 6, daysAhead: 4);
        bool ForIvan(ReceivedEmail m) => m.To.Contains(Ivan) && m.Text!.Contains("/r/", StringComparison.Ordinal) && m.Subject!.StartsWith("Напоминание", StringComparison.Ordinal);
        int SmsToIvan() => fixture.Twilio.Requests.Count(r => r.Form.GetValueOrDefault("To") == "+7 916 555 01 01" && r.Form["Body"].Contains("/r/", StringComparison.Ordinal)
            && !r.Form["Body"].Contains("вы записаны", StringComparison.Ordinal));

        // The booking confirmation (e-mail and SMS, with the same links) goes out first; it is not a reminder.
        await fixture.Smtp.WaitForMessageAsync(m => m.To.Contains(Ivan) && m.Subject.StartsWith("Вы записаны", StringComparison.Ordinal), TimeSpan.FromSeconds(20));
        await WaitForAsync(async () =>
        {
            await Task.Yield();
            return fixture.Twilio.Requests.Any(r => r.Form.GetValueOrDefault("To") == "+7 916 555 01 01" && r.Form["Body"].Contains("вы записаны", StringComparison.Ordinal)) ? "sms" : null;
        }, TimeSpan.FromSeconds(20), "the booking confirmation SMS");
        var emailsBefore = fixture.Smtp.Messages.Count(ForIvan);
        var smsBefore = SmsToIvan();

        SetClock(first, slot.Start.AddHours(-48).AddMinutes(1));
        await fixture.Smtp.WaitForMessageAsync(m => ForIvan(m) && fixture.Smtp.Messages.Count(ForIvan) > emailsBefore, TimeSpan.FromSeconds(20));
        await WaitForAsync(async () => { await Task.Yield(); return SmsToIvan() > smsBefore ? "sms" : null; }, TimeSpan.FromSeconds(20), "the 48-hour SMS");
        await Task.Delay(1000);   // several worker passes: nothing more may go out
        fixture.Smtp.Messages.Count(ForIvan).ShouldBe(emailsBefore + 1);
        var second = new TelemedHost(first, fixture.Settings());
        await first.DisposeAsync();

        // Down for two days: the 2-hour reminder came due while no host was running.
        SetClock(second, slot.Start.AddHours(-2).AddMinutes(10));
        await second.InitializeAsync();
        try
        {
            SetClock(second, slot.Start.AddHours(-2).AddMinutes(10));
            await WaitForAsync(async () => { await Task.Yield(); return fixture.Smtp.Messages.Count(ForIvan) >= emailsBefore + 2 && SmsToIvan() >= smsBefore + 2 ? "both" : null; },
                TimeSpan.FromSeconds(60), "the 2-hour reminders after the restart");
            await Task.Delay(1500);
            fixture.Smtp.Messages.Count(ForIvan).ShouldBe(emailsBefore + 2);
            SmsToIvan().ShouldBe(smsBefore + 2);

            var latest = fixture.Smtp.Messages.Where(ForIvan).Last();
            latest.Text!.ShouldNotContain("Hypertension");
            latest.Text!.ShouldContain(slot.ClinicLocal[11..16]);
            var confirm = LinkPattern().Matches(latest.Text!).Select(m => m.Value).First(u => latest.Text!.IndexOf(u, StringComparison.Ordinal) < latest.Text!.IndexOf("Отменить", StringComparison.Ordinal));
            var token = confirm[(confirm.LastIndexOf('/') + 1)..];
            using var anonymous = second.CreateApiClient();
            var described = await anonymous.GetJsonAsync<JsonElement>($"/api/v1/scheduling/reminder-actions/{token}");
            described.GetProperty("action").GetString().ShouldBe("confirm");
            described.GetProperty("status").GetString().ShouldBe("booked");
            await anonymous.GetAsync("/api/v1/auth/session");
            var used = await anonymous.PostAsync($"/api/v1/scheduling/reminder-actions/{token}", new { });
            await used.ShouldHaveStatusAsync(HttpStatusCode.OK);
            (await used.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().ShouldBe("confirmed");
            var reused = await anonymous.PostAsync($"/api/v1/scheduling/reminder-actions/{token}", new { });
            reused.StatusCode.ShouldBe(HttpStatusCode.Gone);
            (await reused.ProblemCodeAsync()).ShouldBe("scheduling.link_expired");
            var forged = await anonymous.GetAsync($"/api/v1/scheduling/reminder-actions/{token[..^2]}xx");
            forged.StatusCode.ShouldBe(HttpStatusCode.NotFound);
            id.ShouldNotBe(Guid.Empty);
        }
        finally
        {
            await second.DisposeAsync();
        }
    }

    [Fact]
    public async Task Given_a_waitlisted_patient_When_a_cancellation_link_frees_the_slot_Then_they_are_offered_it_and_no_one_else_can_book_it()
    {
        var host = fixture.Host;
        var (id, slot) = await BookAsync(host, Oliver, doctorIndex: 7, daysAhead: 3);
        SetClock(host, slot.Start.AddHours(-47));   // sessions idle out when the clock jumps: sign in afterwards
        using var waiting = await host.SignedInAsync("sophie.turner@demo.telemed.dev");
        using var next = await host.SignedInAsync("elena.popova@demo.telemed.dev");
        var doctor = (await DoctorsAsync(waiting))[7].Id;
        var day = DateOnly.FromDateTime(slot.Start);
        foreach (var patient in new[] { waiting, next })
        {
            await (await patient.PostAsync("/api/v1/scheduling/waitlist", new { doctorId = doctor, kind = "video", from = day.AddDays(-1), to = day.AddDays(1) }))
                .ShouldHaveStatusAsync(HttpStatusCode.Created);
        }

        // The 48-hour reminder to Oliver carries the cancel link.
        var reminder = await fixture.Smtp.WaitForMessageAsync(m => m.To.Contains(Oliver) && m.Subject.StartsWith("Reminder", StringComparison.Ordinal) && m.Text!.Contains("Cancel:", StringComparison.Ordinal), TimeSpan.FromSeconds(20));
        var cancelUrl = LinkPattern().Matches(reminder.Text!).Select(m => m.Value).Last();
        using var anonymous = host.CreateApiClient();
        await anonymous.GetAsync("/api/v1/auth/session");
        var cancelled = await anonymous.PostAsync($"/api/v1/scheduling/reminder-actions/{cancelUrl[(cancelUrl.LastIndexOf('/') + 1)..]}", new { reason = "Travelling" });
        (await cancelled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().ShouldBe("cancelled");

        var offer = (JsonElement?)await WaitForAsync<object>(async () =>
        {
            var mine = await waiting.GetJsonAsync<JsonElement>("/api/v1/scheduling/waitlist/mine");
            var entry = mine.EnumerateArray().Single();
            return entry.GetProperty("offer").ValueKind == JsonValueKind.Object ? entry.GetProperty("offer") : null;
        }, TimeSpan.FromSeconds(20), "the waitlist offer");
        offer!.Value.GetProperty("start").GetDateTime().ToUniversalTime().ShouldBe(slot.Start);

        using var desk = await host.SignedInAsync(FrontDesk);
        // Someone with no waitlist entry: booking the offered patient herself would rightly take her own offer.
        var raw = new RawDatabase(host);
        await using var connection = await raw.OpenAsync();
        var waitlisted = await RawDatabase.RowsAsync(connection, $"SELECT \"PatientId\" FROM {raw.Table("scheduling", "waitlist_entries")}");
        var outsider = (await PatientIdsAsync(host)).First(p => !waitlisted.Any(w => Guid.Parse(w) == p));
        var intruder = await SchedulingApi.BookAsync(desk, doctor, slot, outsider);
        intruder.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await next.GetJsonAsync<JsonElement>("/api/v1/scheduling/waitlist/mine")).EnumerateArray().Single().GetProperty("offer").ValueKind.ShouldBe(JsonValueKind.Null);

        var taken = await waiting.PostAsync($"/api/v1/scheduling/waitlist/offers/{offer.Value.GetProperty("id").GetGuid()}/accept");
        await taken.ShouldHaveStatusAsync(HttpStatusCode.Created);
        (await taken.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("start").GetDateTime().ToUniversalTime().ShouldBe(slot.Start);
        (await SlotsAsync(desk, doctor, day, 1)).ShouldNotContain(s => s.Start == slot.Start);
        id.ShouldNotBe(Guid.Empty);
    }

    [Fact]
    public async Task Given_an_offer_that_is_not_taken_in_time_Then_it_passes_to_the_next_patient_in_line()
    {
        var host = fixture.Host;
        using var desk = await host.SignedInAsync(FrontDesk);
        var doctor = (await DoctorsAsync(desk))[8].Id;
        var patients = await PatientIdsAsync(host);
        var slot = (await SlotsAsync(desk, doctor, Today(host).AddDays(5), 3))[0];
        var booked = await SchedulingApi.BookAsync(desk, doctor, slot, patients[0]);
        var id = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var first = await host.SignedInAsync("mikhail.vasiliev@demo.telemed.dev");
        using var second = await host.SignedInAsync("svetlana.pavlova@demo.telemed.dev");
        var day = DateOnly.FromDateTime(slot.Start);
        foreach (var patient in new[] { first, second })
        {
            await (await patient.PostAsync("/api/v1/scheduling/waitlist", new { doctorId = doctor, kind = "video", from = day, to = day }))
                .ShouldHaveStatusAsync(HttpStatusCode.Created);
        }

        await (await desk.PostAsync($"/api/v1/scheduling/appointments/{id}/cancel", new { reason = "Patient called" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        async Task<JsonElement?> OfferOf(ApiClient patient)
        {
            var entry = (await patient.GetJsonAsync<JsonElement>("/api/v1/scheduling/waitlist/mine")).EnumerateArray().Single();
            return entry.GetProperty("offer").ValueKind == JsonValueKind.Object ? entry.GetProperty("offer") : null;
        }

        await WaitForAsync(async () => await OfferOf(first) is { } o ? (object)o : null, TimeSpan.FromSeconds(20), "the first offer");
        (await OfferOf(second)).ShouldBeNull();

        host.Clock.Advance(TimeSpan.FromMinutes(31));   // the default hold is 30 minutes
        using var secondAgain = await host.SignedInAsync("svetlana.pavlova@demo.telemed.dev");
        using var firstAgain = await host.SignedInAsync("mikhail.vasiliev@demo.telemed.dev");
        await WaitForAsync(async () => await OfferOf(secondAgain) is { } o ? (object)o : null, TimeSpan.FromSeconds(20), "the offer passing on");
        (await OfferOf(firstAgain)).ShouldBeNull();
        var late = await firstAgain.GetJsonAsync<JsonElement>("/api/v1/scheduling/waitlist/mine");
        late.EnumerateArray().Single().GetProperty("status").GetString().ShouldBe("waiting");
    }
}

public sealed class ReminderScenariosOnSqlite(SqliteRemindersFixture fixture) : ReminderScenarios(fixture), IClassFixture<SqliteRemindersFixture>;

public sealed class ReminderScenariosOnPostgres(PostgresRemindersFixture fixture) : ReminderScenarios(fixture), IClassFixture<PostgresRemindersFixture>;
