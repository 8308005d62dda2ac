using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;
using static Telemed.IntegrationTests.Infrastructure.SchedulingApi;

namespace Telemed.IntegrationTests.Scenarios.Scheduling;

/// <summary>Booking through the HTTP API: the database decides contested slots; retries are safe; the lifecycle is guarded.</summary>
public abstract class BookingScenarios(TelemedHost host)
{
    private async Task<(ApiClient Desk, Guid Doctor, IReadOnlyList<SlotInfo> Slots, IReadOnlyList<Guid> Patients)> ArrangeAsync(int doctorIndex, int startInDays = 2)
    {
        var desk = await host.SignedInAsync(FrontDesk);
        var doctor = (await DoctorsAsync(desk))[doctorIndex].Id;
        var slots = await SlotsAsync(desk, doctor, Today(host).AddDays(startInDays), 6);
        slots.Count.ShouldBeGreaterThan(20);
        return (desk, doctor, slots, await PatientIdsAsync(host));
    }

    /// <summary>"201×1, 409×199" — said on failure, so a run that met another status (a 503 from an exhausted server) shows it.</summary>
    private static string Histogram(IEnumerable<HttpStatusCode> statuses) =>
        string.Join(", ", statuses.GroupBy(s => (int)s).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}"));

    private async Task<int> AppointmentsAtAsync(Guid doctor, DateTime start)
    {
        var raw = new RawDatabase(host);
        await using var connection = await raw.OpenAsync();
        var startText = raw.IsPostgres ? $"'{start:yyyy-MM-dd HH:mm:ss}'" : $"'{start:yyyy-MM-dd HH:mm:ss}'";
        var rows = await RawDatabase.RowsAsync(connection,
            $"SELECT COUNT(*) FROM {raw.Table("scheduling", "appointments")} WHERE \"DoctorId\" = '{(raw.IsPostgres ? doctor.ToString() : doctor.ToString().ToUpperInvariant())}' " +
            $"AND \"Start\" = {startText} AND \"Status\" <> 'Cancelled'");
        return int.Parse(rows.Single(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Given_200_concurrent_requests_for_one_slot_Then_exactly_one_books_and_the_rest_get_a_conflict()
    {
        var (desk, doctor, slots, patients) = await ArrangeAsync(0);
        using var _ = desk;
        var slot = slots[3];

        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => BookAsync(desk, doctor, slot, patients[i % patients.Count])));

        var statuses = responses.Select(r => r.StatusCode).ToList();
        statuses.Count(s => s == HttpStatusCode.Created).ShouldBe(1);
        statuses.Count(s => s == HttpStatusCode.Conflict).ShouldBe(199, Histogram(statuses));
        foreach (var conflict in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict).Take(5))
        {
            (await conflict.ProblemCodeAsync()).ShouldBe("scheduling.slot_taken");
        }

        (await AppointmentsAtAsync(doctor, slot.Start)).ShouldBe(1);
    }

    [Fact]
    public async Task Given_200_clients_contending_for_20_slots_Then_each_slot_is_booked_exactly_once()
    {
        var (desk, doctor, slots, patients) = await ArrangeAsync(1);
        using var _ = desk;
        var contested = slots.Skip(1).Take(20).ToList();

        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => BookAsync(desk, doctor, contested[i % 20], patients[i % patients.Count])));

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(20);
        responses.Count(r => r.StatusCode == HttpStatusCode.Conflict).ShouldBe(180, Histogram(responses.Select(r => r.StatusCode)));
        foreach (var slot in contested)
        {
            (await AppointmentsAtAsync(doctor, slot.Start)).ShouldBe(1);
        }

        var free = await SlotsAsync(desk, doctor, Today(host).AddDays(2), 6);
        free.Select(s => s.Start).Intersect(contested.Select(s => s.Start)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Given_a_retried_booking_with_the_same_Idempotency_Key_Then_it_books_once_and_answers_the_same()
    {
        var (desk, doctor, slots, patients) = await ArrangeAsync(2);
        using var _ = desk;
        var key = Guid.NewGuid().ToString();

        var first = await BookAsync(desk, doctor, slots[0], patients[0], idempotencyKey: key);
        var retry = await BookAsync(desk, doctor, slots[0], patients[0], idempotencyKey: key);
        var otherBody = await BookAsync(desk, doctor, slots[1], patients[0], idempotencyKey: key);

        await first.ShouldHaveStatusAsync(HttpStatusCode.Created);
        await retry.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var firstId = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid().ShouldBe(firstId);
        otherBody.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await otherBody.ProblemCodeAsync()).ShouldBe("idempotency.key_reused");
        (await AppointmentsAtAsync(doctor, slots[0].Start)).ShouldBe(1);
        (await AppointmentsAtAsync(doctor, slots[1].Start)).ShouldBe(0);
    }

    [Fact]
    public async Task Given_a_time_the_doctor_does_not_offer_Then_booking_is_refused_as_unavailable()
    {
        var (desk, doctor, slots, patients) = await ArrangeAsync(3);
        using var _ = desk;
        var offGrid = slots[0] with { Start = slots[0].Start.AddMinutes(7) };
        var tooSoon = slots[0] with { Start = host.Clock.GetUtcNow().UtcDateTime.AddMinutes(30) };

        var response = await BookAsync(desk, doctor, offGrid, patients[0]);
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.ProblemCodeAsync()).ShouldBe("scheduling.slot_unavailable");
        (await (await BookAsync(desk, doctor, tooSoon, patients[0])).ProblemCodeAsync()).ShouldBe("scheduling.slot_unavailable");
    }

    [Fact]
    public async Task Given_a_start_that_has_passed_When_booked_or_moved_there_Then_422_in_the_past_not_an_unavailable_slot()
    {
        var (desk, doctor, slots, patients) = await ArrangeAsync(3);
        using var _ = desk;
        var lastWeek = slots[0] with { Start = slots[0].Start.AddDays(-9), End = slots[0].End.AddDays(-9) };

        var booked = await BookAsync(desk, doctor, lastWeek, patients[1]);
        booked.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await booked.ProblemCodeAsync()).ShouldBe("scheduling.in_the_past");

        var appointment = await BookAsync(desk, doctor, slots[1], patients[1]);
        await appointment.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var id = (await appointment.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var moved = await desk.PostAsync($"/api/v1/scheduling/appointments/{id}/reschedule", new { start = lastWeek.Start });
        moved.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await moved.ProblemCodeAsync()).ShouldBe("scheduling.in_the_past");
    }

    [Fact]
    public async Task Given_a_booked_appointment_When_it_moves_through_its_life_Then_only_allowed_transitions_happen_and_late_cancellation_is_recorded()
    {
        var (desk, doctor, slots, _) = await ArrangeAsync(4, startInDays: 0);
        using var __ = desk;
        using var patient = await host.SignedInAsync(PatientEmails[1]);
        var patientSlots = await SlotsAsync(patient, doctor, Today(host), 6);

        var booked = await BookAsync(patient, doctor, patientSlots[0]);
        await booked.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var id = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        (await patient.PostAsync($"/api/v1/scheduling/appointments/{id}/complete")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        // No reminder has asked the patient yet, so (as allowedActions says) they cannot confirm; the front desk can, on the phone.
        var tooSoon = await patient.PostAsync($"/api/v1/scheduling/appointments/{id}/confirm");
        tooSoon.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await tooSoon.ProblemCodeAsync()).ShouldBe("scheduling.confirmation_not_asked");
        var confirmed = await desk.PostAsync($"/api/v1/scheduling/appointments/{id}/confirm");
        (await confirmed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().ShouldBe("confirmed");
        var moved = await patient.PostAsync($"/api/v1/scheduling/appointments/{id}/reschedule", new { start = patientSlots[1].Start });
        await moved.ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await moved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().ShouldBe("booked");
        (await AppointmentsAtAsync(doctor, patientSlots[0].Start)).ShouldBe(0);

        var cancelled = await patient.PostAsync($"/api/v1/scheduling/appointments/{id}/cancel", new { reason = "Feeling better" });
        await cancelled.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var view = await cancelled.Content.ReadFromJsonAsync<JsonElement>();
        view.GetProperty("status").GetString().ShouldBe("cancelled");
        // Cancelled seconds after the booking: never late, even inside the clinic's 24-hour cutoff (the 15-minute grace after booking).
        view.GetProperty("lateCancellation").GetBoolean().ShouldBeFalse();
        var again = await desk.PostAsync($"/api/v1/scheduling/appointments/{id}/check-in");
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.ProblemCodeAsync()).ShouldBe("scheduling.invalid_transition");
        (await SlotsAsync(patient, doctor, Today(host), 6)).ShouldContain(s => s.Start == patientSlots[1].Start);
    }

    [Fact]
    public async Task Given_another_patient_Then_they_cannot_see_or_cancel_the_appointment()
    {
        var (desk, doctor, slots, _) = await ArrangeAsync(5);
        using var __ = desk;
        using var owner = await host.SignedInAsync(PatientEmails[2]);
        using var stranger = await host.SignedInAsync(PatientEmails[3]);
        var booked = await BookAsync(owner, doctor, slots[0]);
        var id = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        (await stranger.GetAsync($"/api/v1/scheduling/appointments/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await stranger.PostAsync($"/api/v1/scheduling/appointments/{id}/cancel", new { reason = "mischief" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await stranger.GetAsync($"/api/v1/scheduling/appointments/{id}/calendar.ics")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await owner.GetAsync($"/api/v1/scheduling/appointments/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

public abstract partial class BookingValidationScenarios(TelemedHost host)
{
    [Fact]
    public async Task Given_invalid_scheduling_input_Then_each_request_gets_a_validation_problem_and_nothing_changes()
    {
        using var admin = host.CreateApiClient();
        await admin.SignInAsAdminAsync();
        var clinic = (await admin.GetJsonAsync<JsonElement>("/api/v1/clinics")).EnumerateArray().First().GetProperty("id").GetGuid();
        var policy = await admin.PutAsync($"/api/v1/scheduling/clinics/{clinic}/policy", new { cancellationCutoffHours = -1, reminderOffsetsHours = new[] { 0 }, waitlistHoldMinutes = 0 });
        policy.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await policy.ProblemCodeAsync()).ShouldBe("validation.failed");
        (await admin.GetJsonAsync<JsonElement>($"/api/v1/scheduling/clinics/{clinic}/policy")).GetProperty("cancellationCutoffHours").GetInt32().ShouldBe(24);

        using var doctor = await host.SignedInAsync("anna.petrova@demo.telemed.dev");
        var me = (await doctor.GetJsonAsync<JsonElement>("/api/v1/scheduling/me/doctor")).GetProperty("doctorId").GetGuid();
        var before = await doctor.GetJsonAsync<JsonElement>($"/api/v1/scheduling/doctors/{me}/availability");
        var clinicOfDoctor = before.GetProperty("clinics")[0].GetProperty("id").GetGuid();
        var overlapping = await doctor.PutAsync($"/api/v1/scheduling/doctors/{me}/availability", new
        {
            weeklyHours = new[]
            {
                new { clinicId = clinicOfDoctor, dayOfWeek = "monday", start = "09:00", end = "13:00" },
                new { clinicId = clinicOfDoctor, dayOfWeek = "monday", start = "12:00", end = "17:00" },
            },
            appointmentTypes = Array.Empty<object>(),
        });
        overlapping.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await doctor.GetJsonAsync<JsonElement>($"/api/v1/scheduling/doctors/{me}/availability")).GetProperty("weeklyHours").GetArrayLength()
            .ShouldBe(before.GetProperty("weeklyHours").GetArrayLength());

        using var patient = await host.SignedInAsync("elena.popova@demo.telemed.dev");
        var waitlist = await patient.PostAsync("/api/v1/scheduling/waitlist", new { kind = "video", from = "2026-12-10", to = "2026-12-01" });
        waitlist.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var cancel = await patient.PostAsync($"/api/v1/scheduling/appointments/{Guid.NewGuid()}/cancel", new { reason = "" });
        cancel.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Given_a_specialty_the_directory_does_not_know_When_a_patient_joins_the_waitlist_Then_400_and_a_known_one_in_any_case_is_stored_as_its_code()
    {
        using var patient = await host.SignedInAsync("andrei.semenov@demo.telemed.dev");
        var (from, to) = (Today(host).AddDays(2).ToString("yyyy-MM-dd"), Today(host).AddDays(20).ToString("yyyy-MM-dd"));
        foreach (var specialty in new[] { "astrology", "<script>alert(1)</script>", "cardiology; drop" })
        {
            var refused = await patient.PostAsync("/api/v1/scheduling/waitlist", new { specialty, kind = "video", from, to });
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest, specialty);
            (await refused.ProblemCodeAsync()).ShouldBe("validation.failed");
        }

        var joined = await patient.PostAsync("/api/v1/scheduling/waitlist", new { specialty = " CARDIOLOGY ", kind = "video", from, to });
        await joined.ShouldHaveStatusAsync(HttpStatusCode.Created);
        (await joined.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("specialty").GetString().ShouldBe("cardiology");
    }
}

public sealed class BookingValidationScenariosOnSqlite(SqliteHost host) : BookingValidationScenarios(host), IClassFixture<SqliteHost>;

public sealed class BookingScenariosOnSqlite(SqliteHost host) : BookingScenarios(host), IClassFixture<SqliteHost>;

public sealed class BookingScenariosOnPostgres(PostgresHost host) : BookingScenarios(host), IClassFixture<PostgresHost>;
