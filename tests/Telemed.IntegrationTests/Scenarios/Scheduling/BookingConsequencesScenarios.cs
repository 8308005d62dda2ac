using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Telemed.BuildingBlocks.Events;
using Telemed.IntegrationTests.Infrastructure;
using static Telemed.IntegrationTests.Infrastructure.SchedulingApi;

namespace Telemed.IntegrationTests.Scenarios.Scheduling;

/// <summary>
/// What a booking causes elsewhere (the payment to collect, both sides' notifications, the doctor's care access, the patient's
/// confirmation) is written by
/// handlers that take a batch of bookings at once, in one transaction per handler. A batch delivered again, with some of its work
/// lost meanwhile, restores exactly what is missing and doubles nothing.
/// </summary>
public abstract class BookingConsequencesScenarios(TelemedHost host)
{
    [Fact]
    public async Task Given_three_bookings_delivered_again_as_one_batch_after_part_of_their_work_was_lost_Then_each_consequence_exists_exactly_once()
    {
        using var desk = await host.SignedInAsync(FrontDesk);
        var doctor = (await DoctorsAsync(desk))[6].Id;
        var slots = await SlotsAsync(desk, doctor, Today(host).AddDays(6), 3);
        // One of the three is a child: their confirmation and notification go to the guardian.
        using var guardian = await host.SignedInAsync("svetlana.pavlova@demo.telemed.dev");
        var child = await guardian.PostAsync("/api/v1/me/dependents",
            new { givenName = "Vera", familyName = "Pavlova", dateOfBirth = Today(host).AddYears(-7).ToString("yyyy-MM-dd"), sex = "female" });
        await child.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var childId = (await child.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var patients = new[] { childId }.Concat((await PatientIdsAsync(host)).Where(p => p != childId).Take(2)).ToList();   // three different patients
        var appointments = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var booked = await SchedulingApi.BookAsync(desk, doctor, slots[i], patients[i]);
            await booked.ShouldHaveStatusAsync(HttpStatusCode.Created);
            appointments.Add((await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        }

        var raw = new RawDatabase(host);
        await using var connection = await raw.OpenAsync();
        string Id(Guid id) => raw.IsPostgres ? $"'{id}'" : $"'{id.ToString().ToUpperInvariant()}'";
        async Task<int> CountAsync(string sql) => int.Parse((await RawDatabase.RowsAsync(connection, sql)).Single(), System.Globalization.CultureInfo.InvariantCulture);
        var (payments, inbox, care) = (raw.Table("billing", "payments"), raw.Table("notifications", "inbox"), raw.Table("identity", "care_relationships"));
        var ids = string.Join(", ", appointments.Select(Id));
        var links = string.Join(", ", appointments.SelectMany(a => new[] { $"'/patient/appointments/{a}'", $"'/doctor/appointments/{a}'" }));
        var doctorUser = Guid.Parse((await RawDatabase.RowsAsync(connection, $"SELECT \"UserId\" FROM {raw.Table("directory", "doctors")} WHERE \"Id\" = {Id(doctor)}")).Single());
        var pairs = $"\"DoctorUserId\" = {Id(doctorUser)} AND \"PatientId\" IN ({string.Join(", ", patients.Select(Id))}) AND \"Kind\" = 'Appointment'";

        // Given: the three bookings' events were delivered ...
        async Task<(int Payments, int Notifications, int Care)> ConsequencesAsync() => (
            await CountAsync($"SELECT COUNT(*) FROM {payments} WHERE \"AppointmentId\" IN ({ids})"),
            await CountAsync($"SELECT COUNT(*) FROM {inbox} WHERE \"Link\" IN ({links})"),
            await CountAsync($"SELECT COUNT(*) FROM {care} WHERE {pairs}"));
        var delivered = await WaitForAsync(async () => await ConsequencesAsync() is { Payments: 3, Notifications: 6, Care: 3 } c ? (object)c : null,
            TimeSpan.FromSeconds(30), "the bookings' payments, notifications and care access");

        // ... and part of what they caused was lost since: two payments, three notifications, one doctor's care access.
        await RawDatabase.ExecuteAsync(connection, $"DELETE FROM {payments} WHERE \"AppointmentId\" IN ({Id(appointments[0])}, {Id(appointments[1])})");
        await RawDatabase.ExecuteAsync(connection,
            $"DELETE FROM {inbox} WHERE \"Link\" IN ('/patient/appointments/{appointments[0]}', '/doctor/appointments/{appointments[0]}', '/doctor/appointments/{appointments[1]}')");
        await RawDatabase.ExecuteAsync(connection, $"DELETE FROM {care} WHERE \"DoctorUserId\" = {Id(doctorUser)} AND \"PatientId\" = {Id(patients[0])}");
        (await ConsequencesAsync()).ShouldBe((1, 3, 2));

        var (notices, actionLinks, sentMessages) = (raw.Table("scheduling", "patient_notices"), raw.Table("scheduling", "action_links"),
            raw.Table("notifications", "development_outbox"));
        async Task<(int Claims, int Links, int Messages)> NoticesAsync() => (
            await CountAsync($"SELECT COUNT(*) FROM {notices} WHERE \"AppointmentId\" IN ({ids}) AND \"SentAt\" IS NOT NULL"),
            await CountAsync($"SELECT COUNT(*) FROM {actionLinks} WHERE \"AppointmentId\" IN ({ids})"),
            await CountAsync($"SELECT COUNT(*) FROM {sentMessages}"));
        // Every confirmation claimed (an e-mail each, and an SMS for a patient with a phone), sent and marked; confirm and cancel links each.
        await WaitForAsync(async () => await NoticesAsync() is { Links: 6 } n && n.Claims >= 3
            && n.Claims == await CountAsync($"SELECT COUNT(*) FROM {notices} WHERE \"AppointmentId\" IN ({ids})") ? "sent" : null,
            TimeSpan.FromSeconds(30), "the confirmations sent");
        var noticed = await NoticesAsync();

        // When: the outbox delivers the three events again, as one batch.
        var stored = (await RawDatabase.RowsAsync(connection,
                $"SELECT \"EventType\", \"Payload\" FROM {raw.Table("scheduling", "outbox")} WHERE \"EventType\" LIKE '%.AppointmentBooked' ORDER BY \"CreatedAt\" DESC LIMIT 3"))
            .Select(r => r.Split('|')).Reverse().Select(r => (r[0], r[1])).ToList();
        var logged = host.Logs.Count;
        var results = await host.Services.GetRequiredService<IntegrationEventDelivery>().DeliverBatchAsync(stored, CancellationToken.None);

        // Then: every consequence exists once again, and the handlers' batches went through without falling back to one by one.
        results.ShouldAllBe(r => r.Status == DeliveryStatus.Delivered);
        (await ConsequencesAsync()).ShouldBe(((int, int, int))delivered);
        (await NoticesAsync()).ShouldBe(noticed);          // no confirmation sent twice, no new links

        // And when the confirmations' claims and links are gone too, one batch sends each again, claims and marks it in one go.
        await RawDatabase.ExecuteAsync(connection, $"DELETE FROM {notices} WHERE \"AppointmentId\" IN ({ids})");
        await RawDatabase.ExecuteAsync(connection, $"DELETE FROM {actionLinks} WHERE \"AppointmentId\" IN ({ids})");
        results = await host.Services.GetRequiredService<IntegrationEventDelivery>().DeliverBatchAsync(stored, CancellationToken.None);
        results.ShouldAllBe(r => r.Status == DeliveryStatus.Delivered);
        (await NoticesAsync()).ShouldBe((noticed.Claims, 6, noticed.Messages + noticed.Claims));
        host.Logs.Skip(logged).ShouldNotContain(l => l.Contains("Batch delivery of", StringComparison.Ordinal));
        var guardianSees = await guardian.GetJsonAsync<JsonElement>("/api/v1/me/notifications?page=1&pageSize=50");
        guardianSees.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("link").GetString())
            .ShouldContain($"/patient/appointments/{appointments[0]}");
    }
}

public sealed class BookingConsequencesScenariosOnSqlite(SqliteHost host) : BookingConsequencesScenarios(host), IClassFixture<SqliteHost>;

public sealed class BookingConsequencesScenariosOnPostgres(PostgresHost host) : BookingConsequencesScenarios(host), IClassFixture<PostgresHost>;
