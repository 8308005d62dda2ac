using System.Net;
using System.Text.Json;
using Telemed.BuildingBlocks.Data;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios;

/// <summary>
/// Issue 11 (patients: browsing doctors before signing in): the doctor directory and free times answer signed-out
/// visitors, carry only a doctor's public attributes (never a patient's), and booking still needs a signed-in patient.
/// </summary>
public abstract class PublicDoctorsScenarios(TelemedHost host)
{
    private static readonly string[] CardFields =
        ["id", "displayName", "specialties", "qualificationCategory", "yearsOfExperience", "hourlyRate", "languages", "photoUrl", "clinics", "bioExcerpt"];

    private static readonly string[] SlotFields =
        ["start", "end", "kind", "clinicId", "clinicName", "clinicTimeZone", "clinicLocal", "patientTimeZone", "patientLocal"];

    private static IEnumerable<string> Names(JsonElement element) => element.EnumerateObject().Select(p => p.Name);

    [Fact]
    public async Task Given_a_signed_out_visitor_When_they_search_by_specialty_language_clinic_and_name_Then_only_public_doctor_attributes_come_back()
    {
        using var visitor = host.CreateApiClient();
        var clinics = await visitor.GetJsonAsync<JsonElement>("/api/v1/clinics");
        var clinicId = clinics.EnumerateArray().First().GetProperty("id").GetGuid();

        var all = await visitor.GetJsonAsync<JsonElement>("/api/v1/doctors?pageSize=50");
        all.GetProperty("total").GetInt32().ShouldBeGreaterThan(1);
        foreach (var card in all.GetProperty("items").EnumerateArray())
        {
            Names(card).ShouldBe(CardFields, ignoreOrder: true);
        }

        var inClinic = await visitor.GetJsonAsync<JsonElement>($"/api/v1/doctors?clinicId={clinicId}&pageSize=50");
        var inClinicItems = inClinic.GetProperty("items").EnumerateArray().ToList();
        inClinicItems.ShouldNotBeEmpty();
        inClinicItems.ShouldAllBe(d => d.GetProperty("clinics").EnumerateArray().Any(c => c.GetProperty("id").GetGuid() == clinicId));
        var unknownClinic = await visitor.GetJsonAsync<JsonElement>($"/api/v1/doctors?clinicId={Guid.NewGuid()}");
        unknownClinic.GetProperty("total").GetInt32().ShouldBe(0);

        var paediatricians = await visitor.GetJsonAsync<JsonElement>("/api/v1/doctors?specialty=pediatrics&language=ru");
        paediatricians.GetProperty("items").EnumerateArray().ShouldAllBe(d =>
            d.GetProperty("specialties").EnumerateArray().Any(s => s.GetString() == "pediatrics")
            && d.GetProperty("languages").EnumerateArray().Any(l => l.GetString() == "ru"));

        var first = all.GetProperty("items")[0];
        var byName = await visitor.GetJsonAsync<JsonElement>($"/api/v1/doctors?name={Uri.EscapeDataString(first.GetProperty("displayName").GetString()!.Split(' ')[^1])}");
        byName.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("id").GetGuid()).ShouldContain(first.GetProperty("id").GetGuid());

        var bad = await visitor.GetAsync("/api/v1/doctors?specialty=astrology");
        await bad.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
        (await bad.ProblemCodeAsync()).ShouldBe("validation.failed");
    }

    [Fact]
    public async Task Given_a_signed_out_visitor_When_they_open_a_profile_and_its_free_times_Then_they_see_them_but_cannot_book_or_read_patients()
    {
        using var visitor = host.CreateApiClient();
        var doctorId = (await SchedulingApi.DoctorsAsync(visitor))[0].Id;

        var profile = await visitor.GetJsonAsync<JsonElement>($"/api/v1/doctors/{doctorId}");
        Names(profile).ShouldBe([.. CardFields, "bio", "education", "status"], ignoreOrder: true);
        (await visitor.GetAsync($"/api/v1/doctors/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var today = SchedulingApi.Today(host);
        foreach (var kind in new[] { "video", "inPerson", "chat" })
        {
            var doctor = await visitor.GetJsonAsync<JsonElement>($"/api/v1/scheduling/doctors/{doctorId}/slots?kind={kind}&from={today:yyyy-MM-dd}&to={today.AddDays(14):yyyy-MM-dd}&timeZone=Europe%2FMoscow");
            Names(doctor).ShouldBe(["doctorId", "displayName", "specialties", "languages", "hourlyRate", "slots"], ignoreOrder: true);
            foreach (var slot in doctor.GetProperty("slots").EnumerateArray())
            {
                Names(slot).ShouldBe(SlotFields, ignoreOrder: true);
            }
        }

        var search = await visitor.GetAsync($"/api/v1/scheduling/slots?doctorId={doctorId}&from={today:yyyy-MM-dd}");
        await search.ShouldHaveStatusAsync(HttpStatusCode.OK);

        // Free times are public; everything about patients and booking is not.
        var slots = await SchedulingApi.SlotsAsync(visitor, doctorId, today.AddDays(1), 14);
        slots.ShouldNotBeEmpty();
        var booking = await SchedulingApi.BookAsync(visitor, doctorId, slots[0]);
        booking.StatusCode.ShouldBeOneOf(HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden);
        foreach (var path in new[] { "/api/v1/scheduling/appointments/mine", "/api/v1/me/patient-profile", "/api/v1/doctor/patients" })
        {
            await (await visitor.GetAsync(path)).ShouldHaveStatusAsync(HttpStatusCode.Unauthorized);
        }
    }
}

public sealed class PublicDoctorsScenariosOnSqlite(SqliteHost host) : PublicDoctorsScenarios(host), IClassFixture<SqliteHost>;

public sealed class PublicDoctorsScenariosOnPostgres(PostgresHost host) : PublicDoctorsScenarios(host), IClassFixture<PostgresHost>;

public sealed class StrictPublicReadSqliteHost()
    : TelemedHost(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["RateLimiting:PublicPermitsPerMinute"] = "5" });

/// <summary>The limiter keeps no state in the database, so one provider is enough.</summary>
public sealed class PublicReadRateLimitScenarios(StrictPublicReadSqliteHost host) : IClassFixture<StrictPublicReadSqliteHost>
{
    [Fact]
    public async Task Given_a_flood_of_anonymous_directory_reads_from_one_address_Then_the_excess_is_refused_with_429_but_signed_in_patients_are_not()
    {
        using var visitor = host.CreateApiClient();
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            codes.Add((await visitor.GetAsync("/api/v1/doctors")).StatusCode);
        }

        codes.Take(5).ShouldAllBe(c => c == HttpStatusCode.OK);
        codes.Skip(5).ShouldAllBe(c => c == HttpStatusCode.TooManyRequests);
        var refused = await visitor.GetAsync("/api/v1/doctors");
        (await refused.ProblemCodeAsync()).ShouldBe("rate_limited");

        using var patient = await host.SignedInAsync("elena.popova@demo.telemed.dev");
        for (var i = 0; i < 8; i++)
        {
            await (await patient.GetAsync("/api/v1/doctors")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        }
    }
}
