using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;
using static Telemed.IntegrationTests.Infrastructure.ConsultationsApi;
using static Telemed.IntegrationTests.Infrastructure.SchedulingApi;

namespace Telemed.IntegrationTests.Scenarios.Admin;

/// <summary>
/// Issue 11 (admin part, item 1): the admin's home figures. Each count is checked against a change made through the API
/// (as a difference from before, since the demo clinic has data of its own), for all clinics and for one clinic.
/// </summary>
public abstract class AdminHomeFiguresScenarios(TelemedHost host)
{
    private const string Cardiologist = "anna.petrova@demo.telemed.dev";

    private sealed record Figures(DateOnly Day, string TimeZone, int VisitsBooked, int VisitsCompleted, int VisitsCancelled, int VisitsNoShow,
        int OnDemandWaiting, int? LongestWaitMinutes, int DoctorsOnDuty, int NewRegistrations, int PendingInvitations, int LicencesExpiringSoon,
        int UnverifiedLicences, int OutboxFailures);

    private static async Task<Figures> FiguresAsync(ApiClient admin, Guid? clinicId = null, string? timeZone = null)
    {
        var query = new List<string>();
        if (clinicId is { } c)
        {
            query.Add($"clinicId={c}");
        }

        if (timeZone is not null)
        {
            query.Add($"timeZone={Uri.EscapeDataString(timeZone)}");
        }

        return await admin.GetJsonAsync<Figures>("/api/v1/admin/home" + (query.Count > 0 ? "?" + string.Join('&', query) : ""));
    }

    private async Task<ApiClient> AdminAsync()
    {
        var admin = host.CreateApiClient();
        await admin.SignInAsAdminAsync();
        return admin;
    }

    private void SetClock(DateTime utc) => host.Clock.Advance(utc - host.Clock.GetUtcNow().UtcDateTime);

    [Fact]
    public async Task Given_visits_booked_cancelled_completed_and_missed_today_Then_the_clinic_s_figures_count_each_in_the_clinic_s_day()
    {
        Guid annaId;
        using (var anna = await host.SignedInAsync(Cardiologist))
        {
            annaId = await DoctorIdAsync(anna);
        }

        IReadOnlyList<SlotInfo> slots;
        using (var lookup = await host.SignedInAsync(FrontDesk))
        {
            slots = await SlotsAsync(lookup, annaId, Today(host).AddDays(3), 4);
        }

        // Four visits on one clinic-local day, spaced so that no booking blocks the next.
        var zone = TimeZoneInfo.FindSystemTimeZoneById(slots[0].ClinicTimeZone);
        DateOnly LocalDate(SlotInfo s) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(s.Start, zone));
        var day = slots.GroupBy(s => (s.ClinicId, Date: LocalDate(s))).First(g => Spaced(g.ToList()).Count >= 4);
        var picked = Spaced(day.ToList()).Take(4).ToList();
        var clinicId = day.Key.ClinicId;
        SetClock(TimeZoneInfo.ConvertTimeToUtc(day.Key.Date.ToDateTime(new TimeOnly(0, 5)), zone));

        using var admin = await AdminAsync();
        var before = await FiguresAsync(admin, clinicId);
        before.Day.ShouldBe(day.Key.Date);
        before.TimeZone.ShouldBe(slots[0].ClinicTimeZone);

        using var desk = await host.SignedInAsync(FrontDesk);
        var patients = await PatientIdsAsync(host);
        var ids = new List<Guid>();
        for (var i = 0; i < picked.Count; i++)
        {
            var booked = await BookAsync(desk, annaId, picked[i], patients[i]);
            await booked.ShouldHaveStatusAsync(HttpStatusCode.Created);
            ids.Add((await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        }

        var afterBooking = await FiguresAsync(admin, clinicId);
        afterBooking.VisitsBooked.ShouldBe(before.VisitsBooked + 4);
        await (await desk.PostAsync($"/api/v1/scheduling/appointments/{ids[0]}/cancel", new { reason = "patient phoned" })).ShouldHaveStatusAsync(HttpStatusCode.OK);

        // One seen (checked in during its visit: check-in closes at the end), then past the last start: one missed, one still open.
        SetClock(picked[1].Start.AddMinutes(1));
        using var desk2 = await host.SignedInAsync(FrontDesk);
        using var anna2 = await host.SignedInAsync(Cardiologist);
        await (await desk2.PostAsync($"/api/v1/scheduling/appointments/{ids[1]}/check-in")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await anna2.PostAsync($"/api/v1/scheduling/appointments/{ids[1]}/complete")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        SetClock(picked[^1].Start.AddMinutes(1));
        using var desk3 = await host.SignedInAsync(FrontDesk);
        await (await desk3.PostAsync($"/api/v1/scheduling/appointments/{ids[2]}/no-show")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        using var admin2 = await AdminAsync();
        var after = await FiguresAsync(admin2, clinicId);
        after.Day.ShouldBe(day.Key.Date);
        after.VisitsBooked.ShouldBe(before.VisitsBooked + 1);
        after.VisitsCompleted.ShouldBe(before.VisitsCompleted + 1);
        after.VisitsCancelled.ShouldBe(before.VisitsCancelled + 1);
        after.VisitsNoShow.ShouldBe(before.VisitsNoShow + 1);

        // All clinics, in the same zone: the same day, at least these visits.
        var everywhere = await FiguresAsync(admin2, timeZone: slots[0].ClinicTimeZone);
        everywhere.VisitsCompleted.ShouldBeGreaterThanOrEqualTo(after.VisitsCompleted);
        everywhere.VisitsNoShow.ShouldBeGreaterThanOrEqualTo(after.VisitsNoShow);

        // A clinic with nothing: zero visits, nobody on duty, no licences; the clinic-less figures are the same as everywhere.
        var empty = await admin2.PostAsync("/api/v1/admin/clinics", new
        {
            name = $"Empty clinic {Guid.NewGuid():N}", address = "1 Quiet St", city = "Tver", latitude = 56.86, longitude = 35.9, timeZone = "Europe/Moscow",
            phone = "", email = "", openingHours = "",
        });
        await empty.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var emptyId = (await empty.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var none = await FiguresAsync(admin2, emptyId);
        (none.VisitsBooked, none.VisitsCompleted, none.VisitsCancelled, none.VisitsNoShow, none.DoctorsOnDuty, none.LicencesExpiringSoon).ShouldBe((0, 0, 0, 0, 0, 0));
        none.PendingInvitations.ShouldBe(everywhere.PendingInvitations);
    }

    /// <summary>Slots at least 90 minutes apart (a visit's length and buffers never reach the next).</summary>
    private static List<SlotInfo> Spaced(List<SlotInfo> slots)
    {
        var spaced = new List<SlotInfo>();
        foreach (var slot in slots.OrderBy(s => s.Start))
        {
            if (spaced.Count == 0 || slot.Start >= spaced[^1].Start.AddMinutes(90))
            {
                spaced.Add(slot);
            }
        }

        return spaced;
    }

    [Fact]
    public async Task Given_live_changes_Then_waiting_requests_longest_wait_duty_registrations_invitations_licences_and_outbox_failures_follow()
    {
        // The figures are per day (UTC here) and the test moves the clock on by minutes: a run that started just before midnight
        // compared one day's registrations with the next day's (CI, 23:59). Such a run starts just after midnight instead.
        var now = host.Clock.GetUtcNow().UtcDateTime;
        if (now.TimeOfDay > TimeSpan.FromHours(23))
        {
            host.Clock.Advance(now.Date.AddDays(1).AddMinutes(30) - now);
        }

        using var admin = await AdminAsync();
        var before = await FiguresAsync(admin);

        // A patient asks to see a dermatologist now.
        using (var patient = await host.SignedInAsync("sophie.turner@demo.telemed.dev"))
        {
            var requested = await patient.PostAsync("/api/v1/consultations/on-demand",
                new { specialty = "dermatology", kind = "chat", complaint = Complaint(["left-arm"], 3, "weeks", description: "a dry patch") });
            requested.IsSuccessStatusCode.ShouldBeTrue();
            (await requested.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("admitted").GetBoolean().ShouldBeTrue();
        }

        var waiting = await FiguresAsync(admin);
        waiting.OnDemandWaiting.ShouldBe(before.OnDemandWaiting + 1);
        waiting.LongestWaitMinutes.ShouldNotBeNull();
        host.Clock.Advance(TimeSpan.FromMinutes(5));
        var later = await FiguresAsync(admin);
        later.LongestWaitMinutes!.Value.ShouldBeInRange(waiting.LongestWaitMinutes!.Value + 5, waiting.LongestWaitMinutes.Value + 6);

        // The cardiologist goes off duty and back: everywhere, and at her clinic.
        using var anna = await host.SignedInAsync(Cardiologist);
        var annaClinic = (await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/doctors/{await DoctorIdAsync(anna)}/")).GetProperty("clinicIds")[0].GetGuid();
        await (await anna.PutAsync("/api/v1/consultations/duty", new { onDuty = true })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var onAll = (await FiguresAsync(admin)).DoctorsOnDuty;
        var onAtClinic = (await FiguresAsync(admin, annaClinic)).DoctorsOnDuty;
        onAtClinic.ShouldBeGreaterThanOrEqualTo(1);
        await (await anna.PutAsync("/api/v1/consultations/duty", new { onDuty = false })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await FiguresAsync(admin)).DoctorsOnDuty.ShouldBe(onAll - 1);
        (await FiguresAsync(admin, annaClinic)).DoctorsOnDuty.ShouldBe(onAtClinic - 1);
        await (await anna.PutAsync("/api/v1/consultations/duty", new { onDuty = true })).ShouldHaveStatusAsync(HttpStatusCode.OK);

        // A new patient registers; a staff member is invited, another invited and revoked.
        using (var visitor = host.CreateApiClient())
        {
            await visitor.GetAsync("/api/v1/auth/session");
            (await visitor.PostAsync("/api/v1/auth/register", new
            {
                email = $"figures-{Guid.NewGuid():N}@example.test", password = "correct horse battery", givenName = "New", familyName = "Comer",
                dateOfBirth = "1990-01-02", preferredLanguage = "en",
            })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        var invited = await admin.PostAsync("/api/v1/admin/invitations", new { email = $"inv-{Guid.NewGuid():N}@example.test", displayName = "Invited One", role = "FrontDesk" });
        await invited.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var revoked = await admin.PostAsync("/api/v1/admin/invitations", new { email = $"inv-{Guid.NewGuid():N}@example.test", displayName = "Invited Two", role = "Pharmacist" });
        await revoked.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var revokedId = (await revoked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await (await admin.PostAsync($"/api/v1/admin/users/{revokedId}/invitation/revoke")).ShouldHaveStatusAsync(HttpStatusCode.NoContent);

        // A doctor's licence now runs out in ten days.
        var doctors = await admin.GetJsonAsync<JsonElement>("/api/v1/admin/doctors/?pageSize=100");
        var pavel = doctors.GetProperty("items").EnumerateArray().First(d => d.GetProperty("displayName").GetString() == "Pavel Orlov");
        var pavelId = pavel.GetProperty("id").GetGuid();
        var pavelDetail = await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/doctors/{pavelId}/");
        var pavelClinic = pavelDetail.GetProperty("clinicIds")[0].GetGuid();
        var licencesAtClinic = (await FiguresAsync(admin, pavelClinic)).LicencesExpiringSoon;
        var today = (await FiguresAsync(admin)).Day;
        await (await admin.PutAsync($"/api/v1/admin/doctors/{pavelId}/licence", new { number = "LIC-FIG-1", issuer = "Roszdravnadzor", expiresOn = today.AddDays(10), verify = true }))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);

        // A delivery failed for good in one module's outbox.
        var raw = new RawDatabase(host);
        await using (var connection = await raw.OpenAsync())
        {
            var id = raw.IsPostgres ? Guid.NewGuid().ToString() : Guid.NewGuid().ToString().ToUpperInvariant();
            await RawDatabase.ExecuteAsync(connection,
                $"INSERT INTO {raw.Table("scheduling", "outbox")} (\"Id\", \"EventType\", \"Payload\", \"CreatedAt\", \"ProcessedAt\", \"Attempts\", \"LastError\") " +
                $"VALUES ('{id}', 'Telemed.Tests.NoSuchEvent', 'x', '2026-01-01 00:00:00', NULL, 10, 'InvalidOperationException')");
        }

        var after = await FiguresAsync(admin);
        after.NewRegistrations.ShouldBe(before.NewRegistrations + 1);
        after.PendingInvitations.ShouldBe(before.PendingInvitations + 1);
        after.LicencesExpiringSoon.ShouldBe(before.LicencesExpiringSoon + 1);
        (await FiguresAsync(admin, pavelClinic)).LicencesExpiringSoon.ShouldBe(licencesAtClinic + 1);
        after.OutboxFailures.ShouldBe(before.OutboxFailures + 1);

        // Beyond 30 days it no longer counts.
        await (await admin.PutAsync($"/api/v1/admin/doctors/{pavelId}/licence", new { number = "LIC-FIG-1", issuer = "Roszdravnadzor", expiresOn = today.AddDays(31), verify = true }))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await FiguresAsync(admin)).LicencesExpiringSoon.ShouldBe(before.LicencesExpiringSoon);

        // A licence that already ran out while its doctor stayed active (the days passed; an admin can no longer save one) is the
        // most urgent of all: it counts too.
        var doctorsTable = raw.Table("directory", "doctors");
        var pavelKey = raw.IsPostgres ? $"'{pavelId}'" : $"'{pavelId.ToString().ToUpperInvariant()}'";
        await using (var connection = await raw.OpenAsync())
        {
            (await RawDatabase.ExecuteAsync(connection, $"UPDATE {doctorsTable} SET \"LicenceExpiresOn\" = '{today.AddDays(-3):yyyy-MM-dd}' WHERE \"Id\" = {pavelKey}"))
                .ShouldBe(1);
        }

        (await FiguresAsync(admin)).LicencesExpiringSoon.ShouldBe(before.LicencesExpiringSoon + 1);
        await (await admin.PutAsync($"/api/v1/admin/doctors/{pavelId}/licence", new { number = "LIC-FIG-1", issuer = "Roszdravnadzor", expiresOn = today.AddDays(400), verify = true }))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await FiguresAsync(admin)).LicencesExpiringSoon.ShouldBe(before.LicencesExpiringSoon);

        // An active doctor whose licence lost its verification before saving a change required one (or by a direct edit) is
        // counted until an admin verifies it.
        var unverified = (await FiguresAsync(admin)).UnverifiedLicences;
        (await FiguresAsync(admin, pavelClinic)).UnverifiedLicences.ShouldBe(0);
        await using (var connection = await raw.OpenAsync())
        {
            (await RawDatabase.ExecuteAsync(connection, $"UPDATE {doctorsTable} SET \"LicenceVerifiedAt\" = NULL, \"LicenceVerifiedBy\" = NULL WHERE \"Id\" = {pavelKey}"))
                .ShouldBe(1);
        }

        (await FiguresAsync(admin)).UnverifiedLicences.ShouldBe(unverified + 1);
        (await FiguresAsync(admin, pavelClinic)).UnverifiedLicences.ShouldBe(1);
        await (await admin.PutAsync($"/api/v1/admin/doctors/{pavelId}/licence", new { number = "LIC-FIG-2", issuer = "Roszdravnadzor", expiresOn = today.AddDays(400), verify = true }))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await FiguresAsync(admin)).UnverifiedLicences.ShouldBe(unverified);
    }

    [Fact]
    public async Task Given_a_bad_filter_or_a_non_admin_Then_the_figures_are_refused_with_a_reason()
    {
        using var admin = await AdminAsync();
        var badZone = await admin.GetAsync("/api/v1/admin/home?timeZone=Mars%2FOlympus");
        badZone.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badZone.ProblemCodeAsync()).ShouldBe("admin.unknown_time_zone");
        var unknownClinic = await admin.GetAsync($"/api/v1/admin/home?clinicId={Guid.NewGuid()}");
        unknownClinic.StatusCode.ShouldBe(HttpStatusCode.NotFound);

        using var desk = await host.SignedInAsync(FrontDesk);
        (await desk.GetAsync("/api/v1/admin/home")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}

public sealed class AdminHomeFiguresScenariosOnSqlite(SqliteHost host) : AdminHomeFiguresScenarios(host), IClassFixture<SqliteHost>;

public sealed class AdminHomeFiguresScenariosOnPostgres(PostgresHost host) : AdminHomeFiguresScenarios(host), IClassFixture<PostgresHost>;
