using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;
using static Telemed.IntegrationTests.Infrastructure.SchedulingApi;

namespace Telemed.IntegrationTests.Scenarios.Scheduling;

/// <summary>Calendars checked by a standard iCalendar parser (ical.js); the front-desk hub checked with the official SignalR JavaScript client.</summary>
public abstract class CalendarAndLiveScenarios(TelemedHost host)
{
    private static async Task<JsonElement> ParseIcsAsync(byte[] ics)
    {
        var file = Path.Combine(Path.GetTempPath(), $"telemed-{Guid.NewGuid():N}.ics");
        await File.WriteAllBytesAsync(file, ics);
        try
        {
            return JsonDocument.Parse(await NodeClients.RunAsync("parse-ics.mjs", file)).RootElement;
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Given_an_appointment_When_its_ics_is_parsed_by_a_standard_parser_Then_it_has_the_clinic_zone_and_the_right_instant()
    {
        using var patient = await host.SignedInAsync("tatiana.golubeva@demo.telemed.dev");
        var doctors = await DoctorsAsync(patient);
        var doctor = doctors[9];
        var slot = (await SlotsAsync(patient, doctor.Id, Today(host).AddDays(2), 5, timeZone: "America/New_York"))[0];
        var booked = await BookAsync(patient, doctor.Id, slot);
        var id = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var response = await patient.GetAsync($"/api/v1/scheduling/appointments/{id}/calendar.ics");
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/calendar");
        var parsed = (await ParseIcsAsync(await response.Content.ReadAsByteArrayAsync())).GetProperty("events").EnumerateArray().Single();

        parsed.GetProperty("uid").GetString().ShouldBe($"{id}@telemed");
        parsed.GetProperty("tzid").GetString().ShouldBe(slot.ClinicTimeZone);
        parsed.GetProperty("local").GetString().ShouldBe(slot.ClinicLocal);
        DateTime.Parse(parsed.GetProperty("utc").GetString()!, null, System.Globalization.DateTimeStyles.AdjustToUniversal).ShouldBe(slot.Start);
        parsed.GetProperty("summary").GetString()!.ShouldContain(doctor.Name);
        parsed.GetProperty("summary").GetString()!.ShouldStartWith("Video appointment with");
        slot.PatientLocal.ShouldNotBe(slot.ClinicLocal);

        // In the app's language (the web app adds it to the link), else the request's Accept-Language, as the notices are.
        async Task<string> SummaryAsync(string query, string? acceptLanguage)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/scheduling/appointments/{id}/calendar.ics{query}");
            if (acceptLanguage is not null)
            {
                request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
            }

            using var answer = await patient.Http.SendAsync(request);
            await answer.ShouldHaveStatusAsync(HttpStatusCode.OK);
            return (await ParseIcsAsync(await answer.Content.ReadAsByteArrayAsync())).GetProperty("events").EnumerateArray().Single().GetProperty("summary").GetString()!;
        }

        (await SummaryAsync("?language=ru", null)).ShouldStartWith("Видеоприём у врача");
        (await SummaryAsync("", "ru-RU")).ShouldStartWith("Видеоприём у врача");
        (await SummaryAsync("?language=en", "ru-RU")).ShouldStartWith("Video appointment with");
    }

    [Fact]
    public async Task Given_a_doctors_private_feed_Then_it_parses_names_no_patient_and_stops_when_revoked()
    {
        using var desk = await host.SignedInAsync(FrontDesk);
        var doctorEmail = "irina.novikova@demo.telemed.dev";
        using var doctorClient = await host.SignedInAsync(doctorEmail);
        var me = await doctorClient.GetJsonAsync<JsonElement>("/api/v1/scheduling/me/doctor");
        var doctorId = me.GetProperty("doctorId").GetGuid();
        var patients = await PatientIdsAsync(host);
        var slot = (await SlotsAsync(desk, doctorId, Today(host).AddDays(2), 5))[0];
        await (await BookAsync(desk, doctorId, slot, patients[5])).ShouldHaveStatusAsync(HttpStatusCode.Created);
        var patientName = (await desk.GetJsonAsync<JsonElement>($"/api/v1/patients/{patients[5]}/demographics")).GetProperty("familyName").GetString()!;

        var created = await doctorClient.PostAsync($"/api/v1/scheduling/doctors/{doctorId}/calendar-feed");
        var url = new Uri((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!);
        using var calendarApp = new HttpClient();
        var feed = await calendarApp.GetByteArrayAsync(url);
        var events = (await ParseIcsAsync(feed)).GetProperty("events").EnumerateArray().ToList();

        events.ShouldContain(e => DateTime.Parse(e.GetProperty("utc").GetString()!, null, System.Globalization.DateTimeStyles.AdjustToUniversal) == slot.Start);
        System.Text.Encoding.UTF8.GetString(feed).ShouldNotContain(patientName);
        url.AbsolutePath.ShouldNotContain(doctorId.ToString());

        await (await doctorClient.Http.DeleteAsync($"/api/v1/scheduling/doctors/{doctorId}/calendar-feed")).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        (await calendarApp.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Given_the_front_desk_watching_a_clinic_When_a_patient_books_and_confirms_Then_the_hub_tells_them_without_names()
    {
        using var desk = await host.SignedInAsync(FrontDesk);
        using var patient = await host.SignedInAsync("andrei.semenov@demo.telemed.dev");
        var doctor = (await DoctorsAsync(patient))[10].Id;
        var slot = (await SlotsAsync(patient, doctor, Today(host).AddDays(1), 5))[0];
        using var watcher = NodeClients.StartLines("watch-front-desk.mjs", host.BaseAddress.ToString().TrimEnd('/'), desk.CookieHeader, slot.ClinicId.ToString());
        var ready = await watcher.NextLineAsync(l => l.Contains("\"type\"", StringComparison.Ordinal), TimeSpan.FromSeconds(20));
        ready.ShouldContain("\"ready\"");

        var booked = await BookAsync(patient, doctor, slot);
        var id = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var bookedEvent = await watcher.NextLineAsync(l => l.Contains(id.ToString(), StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        bookedEvent.ShouldContain("\"status\":\"booked\"");
        // No reminder has asked the patient yet: the front desk confirms for them (on the phone).
        await (await desk.PostAsync($"/api/v1/scheduling/appointments/{id}/confirm")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var confirmed = await watcher.NextLineAsync(l => l.Contains(id.ToString(), StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        confirmed.ShouldContain("\"status\":\"confirmed\"");
        confirmed.ShouldNotContain("Semenov");
    }

    [Fact]
    public async Task Given_a_patient_Then_the_front_desk_hub_refuses_them()
    {
        using var patient = await host.SignedInAsync("svetlana.pavlova@demo.telemed.dev");
        using var watcher = NodeClients.StartLines("watch-front-desk.mjs", host.BaseAddress.ToString().TrimEnd('/'), patient.CookieHeader, Guid.NewGuid().ToString());

        var line = await watcher.NextLineAsync(l => l.Contains("\"type\"", StringComparison.Ordinal), TimeSpan.FromSeconds(20));

        line.ShouldContain("\"error\"");
    }
}

public sealed class CalendarAndLiveScenariosOnSqlite(SqliteHost host) : CalendarAndLiveScenarios(host), IClassFixture<SqliteHost>;

public sealed class CalendarAndLiveScenariosOnPostgres(PostgresHost host) : CalendarAndLiveScenarios(host), IClassFixture<PostgresHost>;
