using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;
using static Telemed.IntegrationTests.Infrastructure.ConsultationsApi;
using static Telemed.IntegrationTests.Infrastructure.SchedulingApi;

namespace Telemed.IntegrationTests.Scenarios.Scheduling;

/// <summary>
/// A doctor's licence and bookings: an admin cannot give an active doctor an already expired licence; a licence that ends while
/// the doctor stays active stops slots and bookings after its last day (the clinic's local date), keeps the visits already
/// booked after it, and the admin is told how many there are.
/// </summary>
public abstract class DoctorLicenceExpiryScenarios(TelemedHost host)
{
    private const string Neurologist = "alexei.sokolov@demo.telemed.dev";
    private const string Gynecologist = "irina.novikova@demo.telemed.dev";

    private async Task<Guid> DoctorIdOfAsync(string email)
    {
        using var doctor = await host.SignedInAsync(email);
        return await DoctorIdAsync(doctor);
    }

    // Saved as verified in the same act unless told otherwise: an active doctor's changed licence must be (see the first scenario).
    private static Task<HttpResponseMessage> SaveLicenceAsync(ApiClient admin, Guid doctorId, DateOnly expiresOn, string number = "LIC-EXP-1", bool verify = true) =>
        admin.PutAsync($"/api/v1/admin/doctors/{doctorId}/licence", new { number, issuer = "Roszdravnadzor", expiresOn, verify });

    private static async Task<JsonElement> VisitsAfterLicenceAsync(ApiClient admin, Guid doctorId) =>
        await admin.GetJsonAsync<JsonElement>($"/api/v1/scheduling/doctors/{doctorId}/visits-after-licence");

    private static DateOnly LocalDate(SlotInfo slot) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(slot.Start, TimeZoneInfo.FindSystemTimeZoneById(slot.ClinicTimeZone)));

    [Fact]
    public async Task Given_an_active_doctor_When_an_admin_saves_a_renewed_licence_without_verifying_it_Then_it_is_refused_and_verifying_it_in_the_same_act_keeps_the_doctor_bookable()
    {
        const string generalPractitioner = "maria.ivanova@demo.telemed.dev";
        var doctorId = await DoctorIdOfAsync(generalPractitioner);
        using var admin = await host.SignedInAsync("admin@demo.telemed.dev");
        var before = await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/doctors/{doctorId}/");
        before.GetProperty("status").GetString().ShouldBe("active");
        var number = before.GetProperty("licence").GetProperty("number").GetString()!;
        var expiresOn = DateOnly.Parse(before.GetProperty("licence").GetProperty("expiresOn").GetString()!);

        // A renewed record left unverified would leave a bookable doctor with an unchecked licence: refused, nothing changes.
        var refused = await SaveLicenceAsync(admin, doctorId, Today(host).AddYears(5), "LIC-RENEWED-UNCHECKED", verify: false);
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await refused.ProblemCodeAsync()).ShouldBe("directory.licence_verification_required");
        var unchanged = await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/doctors/{doctorId}/");
        unchanged.GetProperty("licence").GetRawText().ShouldBe(before.GetProperty("licence").GetRawText());
        unchanged.GetProperty("status").GetString().ShouldBe("active");

        // The same record saved again changes nothing and needs no new check.
        var issuer = before.GetProperty("licence").GetProperty("issuer").GetString()!;
        await (await admin.PutAsync($"/api/v1/admin/doctors/{doctorId}/licence", new { number, issuer, expiresOn, verify = false })).ShouldHaveStatusAsync(HttpStatusCode.OK);

        // Checked and saved as verified in one act: recorded with this admin as the verifier, the doctor stays active and bookable.
        var saved = await SaveLicenceAsync(admin, doctorId, Today(host).AddYears(5), "LIC-RENEWED-CHECKED");
        await saved.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var after = await saved.Content.ReadFromJsonAsync<JsonElement>();
        after.GetProperty("status").GetString().ShouldBe("active");
        after.GetProperty("licence").GetProperty("number").GetString().ShouldBe("LIC-RENEWED-CHECKED");
        after.GetProperty("licence").GetProperty("verifiedAt").ValueKind.ShouldBe(JsonValueKind.String);
        after.GetProperty("licence").GetProperty("verifiedBy").GetString().ShouldNotBeNullOrEmpty();
        after.GetProperty("missing").GetArrayLength().ShouldBe(0);
        using var desk = await host.SignedInAsync(FrontDesk);
        (await SlotsAsync(desk, doctorId, Today(host).AddDays(1), 14)).ShouldNotBeEmpty();

        // Suspended, a changed record may be saved unverified; activation then asks for the verification.
        await (await admin.PostAsync($"/api/v1/admin/doctors/{doctorId}/status", new { status = "suspended" })).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        await (await SaveLicenceAsync(admin, doctorId, expiresOn, number, verify: false)).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var activation = await admin.PostAsync($"/api/v1/admin/doctors/{doctorId}/status", new { status = "active" });
        activation.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await activation.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("missing").EnumerateArray()
            .Select(m => m.GetString()).ShouldBe(["licenceVerified"]);
        await (await admin.PostAsync($"/api/v1/admin/doctors/{doctorId}/licence/verify")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await admin.PostAsync($"/api/v1/admin/doctors/{doctorId}/status", new { status = "active" })).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Given_an_active_doctor_When_an_admin_saves_an_already_expired_licence_Then_it_is_refused_until_the_doctor_is_suspended()
    {
        var doctorId = await DoctorIdOfAsync(Neurologist);
        using var admin = await host.SignedInAsync("admin@demo.telemed.dev");
        var before = await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/doctors/{doctorId}/");
        before.GetProperty("status").GetString().ShouldBe("active");

        var refused = await SaveLicenceAsync(admin, doctorId, Today(host).AddDays(-1));
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await refused.ProblemCodeAsync()).ShouldBe("directory.licence_expired");
        var unchanged = await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/doctors/{doctorId}/");
        unchanged.GetProperty("licence").GetRawText().ShouldBe(before.GetProperty("licence").GetRawText());

        // Other edits of the active doctor stay possible.
        var practice = await admin.PutAsync($"/api/v1/admin/doctors/{doctorId}/practice", new
        {
            specialties = before.GetProperty("specialties").EnumerateArray().Select(s => s.GetString()).ToArray(),
            clinicIds = before.GetProperty("clinicIds").EnumerateArray().Select(c => c.GetGuid()).ToArray(),
            hourlyRate = new { amountMinor = 420000, currency = "RUB" },
        });
        await practice.ShouldHaveStatusAsync(HttpStatusCode.OK);

        // Suspended, the record may hold the expired licence; activation then refuses it, with the same name for what is wrong.
        await (await admin.PostAsync($"/api/v1/admin/doctors/{doctorId}/status", new { status = "suspended" })).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        await (await SaveLicenceAsync(admin, doctorId, Today(host).AddDays(-1))).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await admin.PostAsync($"/api/v1/admin/doctors/{doctorId}/licence/verify")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var activation = await admin.PostAsync($"/api/v1/admin/doctors/{doctorId}/status", new { status = "active" });
        activation.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var problem = await activation.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("code").GetString().ShouldBe("directory.profile_incomplete");
        problem.GetProperty("errors").GetProperty("missing").EnumerateArray().Select(m => m.GetString()).ShouldBe(["licenceExpired"]);

        // Renewed and verified, the doctor is active again.
        await (await SaveLicenceAsync(admin, doctorId, Today(host).AddYears(2), "LIC-EXP-2")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await admin.PostAsync($"/api/v1/admin/doctors/{doctorId}/licence/verify")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await admin.PostAsync($"/api/v1/admin/doctors/{doctorId}/status", new { status = "active" })).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Given_a_licence_ending_on_a_day_Then_no_slot_or_booking_falls_after_it_the_last_day_is_bookable_and_visits_already_booked_after_it_are_kept_and_counted()
    {
        var doctorId = await DoctorIdOfAsync(Gynecologist);
        using var admin = await host.SignedInAsync("admin@demo.telemed.dev");
        using var desk = await host.SignedInAsync(FrontDesk);
        var patients = await PatientIdsAsync(host);
        var original = (await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/doctors/{doctorId}/")).GetProperty("licence");
        var originalExpiry = DateOnly.Parse(original.GetProperty("expiresOn").GetString()!);

        // Four clinic-local days with free time; the licence will end on the second. The search is read (and cached) first.
        var slots = await SlotsAsync(desk, doctorId, Today(host).AddDays(1), 14);
        var days = slots.GroupBy(LocalDate).OrderBy(g => g.Key).Take(4).ToList();
        days.Count.ShouldBe(4);
        var lastDay = days[1].Key;

        // The demo's own visits after that day, counted with the licence ending then (and nothing booked meanwhile).
        await (await SaveLicenceAsync(admin, doctorId, lastDay)).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var demoVisitsAfter = (await VisitsAfterLicenceAsync(admin, doctorId)).GetProperty("bookedVisitsAfter").GetInt32();
        await (await SaveLicenceAsync(admin, doctorId, originalExpiry, original.GetProperty("number").GetString()!)).ShouldHaveStatusAsync(HttpStatusCode.OK);

        // Two visits are booked after that day while the licence still covers it.
        var early = new List<Guid>();
        foreach (var (slot, patient) in new[] { (days[2].First(), patients[0]), (days[3].First(), patients[1]) })
        {
            var booked = await BookAsync(desk, doctorId, slot, patient);
            await booked.ShouldHaveStatusAsync(HttpStatusCode.Created);
            early.Add((await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        }

        // The licence now ends on the second day (a valid date today: the admin may save it on an active doctor).
        await (await SaveLicenceAsync(admin, doctorId, lastDay)).ShouldHaveStatusAsync(HttpStatusCode.OK);

        // Slot search, the doctor's own and the general one, offers nothing after the last day, and still offers the last day.
        var after = await SlotsAsync(desk, doctorId, Today(host).AddDays(1), 14);
        after.ShouldNotBeEmpty();
        after.ShouldAllBe(s => LocalDate(s) <= lastDay);
        after.ShouldContain(s => LocalDate(s) == lastDay);
        var search = await desk.GetJsonAsync<JsonElement>(
            $"/api/v1/scheduling/slots?doctorId={doctorId}&from={Today(host).AddDays(1):yyyy-MM-dd}&to={Today(host).AddDays(15):yyyy-MM-dd}&perDoctor=50&timeZone=UTC");
        var searched = search.GetProperty("items").EnumerateArray().Single().GetProperty("slots").EnumerateArray().ToList();
        searched.ShouldNotBeEmpty();
        searched.Select(s => DateOnly.Parse(s.GetProperty("clinicLocal").GetString()!.Substring(0, 10))).ShouldAllBe(d => d <= lastDay);

        // Booking after the last day is refused with its own code; on the last day it is accepted.
        var refused = await BookAsync(desk, doctorId, days[2].Last(), patients[2]);
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await refused.ProblemCodeAsync()).ShouldBe("scheduling.doctor_licence_expired");
        await (await BookAsync(desk, doctorId, days[1].Last(), patients[3])).ShouldHaveStatusAsync(HttpStatusCode.Created);

        // The visits booked earlier are kept, and the admin is told how many fall after the last day (the one on it is not counted).
        foreach (var id in early)
        {
            (await desk.GetJsonAsync<JsonElement>($"/api/v1/scheduling/appointments/{id}")).GetProperty("status").GetString().ShouldBe("booked");
        }

        var warning = await VisitsAfterLicenceAsync(admin, doctorId);
        warning.GetProperty("licenceExpiresOn").GetString().ShouldBe(lastDay.ToString("yyyy-MM-dd"));
        warning.GetProperty("bookedVisitsAfter").GetInt32().ShouldBe(demoVisitsAfter + 2);
        DateOnly.FromDateTime(warning.GetProperty("firstVisitAfter").GetDateTime().ToUniversalTime()).ShouldBeGreaterThanOrEqualTo(lastDay);

        // Cancelling one is seen at once; only admins read the figure.
        await (await desk.PostAsync($"/api/v1/scheduling/appointments/{early[1]}/cancel", new { reason = "doctor's licence" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await VisitsAfterLicenceAsync(admin, doctorId)).GetProperty("bookedVisitsAfter").GetInt32().ShouldBe(demoVisitsAfter + 1);
        (await desk.GetAsync($"/api/v1/scheduling/doctors/{doctorId}/visits-after-licence")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // Renewed, the later days are bookable again.
        await (await SaveLicenceAsync(admin, doctorId, originalExpiry, original.GetProperty("number").GetString()!)).ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await SlotsAsync(desk, doctorId, Today(host).AddDays(1), 14)).ShouldContain(s => LocalDate(s) > lastDay);
        (await VisitsAfterLicenceAsync(admin, doctorId)).GetProperty("bookedVisitsAfter").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Given_a_licence_that_runs_out_while_the_doctor_stays_active_Then_the_doctor_is_offered_no_slot_request_or_assignment_until_it_is_renewed()
    {
        const string dermatologist = "lena.schneider@demo.telemed.dev";
        var doctorId = await DoctorIdOfAsync(dermatologist);
        Guid doctorUserId;
        using (var admin = await host.SignedInAsync("admin@demo.telemed.dev"))
        {
            // Valid when saved (tomorrow in UTC is never before the doctor's today), then time passes: nobody edits anything.
            await (await SaveLicenceAsync(admin, doctorId, Today(host).AddDays(1), "LIC-RUNS-OUT")).ShouldHaveStatusAsync(HttpStatusCode.OK);
            doctorUserId = (await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/doctors/{doctorId}/")).GetProperty("userId").GetGuid();
        }

        host.Clock.Advance(TimeSpan.FromDays(3));
        using var admin2 = await host.SignedInAsync("admin@demo.telemed.dev");
        var detail = await admin2.GetJsonAsync<JsonElement>($"/api/v1/admin/doctors/{doctorId}/");
        detail.GetProperty("status").GetString().ShouldBe("active");
        detail.GetProperty("missing").EnumerateArray().Select(m => m.GetString()).ShouldContain("licenceExpired");

        using var desk = await host.SignedInAsync(FrontDesk);
        (await SlotsAsync(desk, doctorId, Today(host), 14)).ShouldBeEmpty();

        // On duty, the doctor is not offered a dermatology request from the pool, cannot accept it, and the front desk cannot assign it.
        using var doctor = await host.SignedInAsync(dermatologist);
        await (await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty = true })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        using var patient = await host.SignedInAsync("oliver.grant@demo.telemed.dev");
        var requested = await patient.PostAsync("/api/v1/consultations/on-demand",
            new { specialty = "dermatology", kind = "chat", complaint = Complaint(["left-hand"], 2, "weeks", description: "an itchy patch") });
        await requested.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var consultationId = (await requested.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("consultation").GetProperty("id").GetGuid();
        (await doctor.GetJsonAsync<JsonElement>("/api/v1/consultations/queue")).GetProperty("pool").EnumerateArray()
            .ShouldNotContain(p => p.GetProperty("consultationId").GetGuid() == consultationId);
        var accept = await doctor.PostAsync($"/api/v1/consultations/{consultationId}/accept");
        accept.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await accept.ProblemCodeAsync()).ShouldBe("consultation.licence_expired");
        var assign = await desk.PostAsync($"/api/v1/consultations/escalations/{consultationId}/assign", new { doctorUserId });
        assign.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await assign.ProblemCodeAsync()).ShouldBe("consultation.licence_expired");

        // The renewed licence is entered: the doctor sees the request and takes it.
        await (await SaveLicenceAsync(admin2, doctorId, Today(host).AddYears(3), "LIC-RENEWED")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await doctor.GetJsonAsync<JsonElement>("/api/v1/consultations/queue")).GetProperty("pool").EnumerateArray()
            .ShouldContain(p => p.GetProperty("consultationId").GetGuid() == consultationId);
        await (await doctor.PostAsync($"/api/v1/consultations/{consultationId}/accept")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await SlotsAsync(desk, doctorId, Today(host), 14)).ShouldNotBeEmpty();
        await (await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty = false })).ShouldHaveStatusAsync(HttpStatusCode.OK);
    }
}

public sealed class DoctorLicenceExpiryScenariosOnSqlite(SqliteHost host) : DoctorLicenceExpiryScenarios(host), IClassFixture<SqliteHost>;

public sealed class DoctorLicenceExpiryScenariosOnPostgres(PostgresHost host) : DoctorLicenceExpiryScenarios(host), IClassFixture<PostgresHost>;
