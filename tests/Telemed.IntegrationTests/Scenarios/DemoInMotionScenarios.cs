using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Telemed.BuildingBlocks.Data;
using Telemed.Host.Demo;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.Modules.Consultations.Contracts;
using Telemed.Modules.Scheduling.Contracts;

namespace Telemed.IntegrationTests.Scenarios;

/// <summary>
/// The demo clinic in motion (<c>Demo:InMotion</c>, on for <c>scripts/run.sh</c>): a newcomer finds past completed visits, visits
/// today and requests waiting in the general-practice pool; a restart adds nothing; the tests' own hosts keep a still clinic.
/// </summary>
public abstract class DemoInMotionScenarios(TelemedHost host)
{
    [Fact]
    public async Task Given_the_demo_in_motion_Then_there_are_past_completed_visits_visits_today_and_waiting_requests_and_seeding_again_adds_nothing()
    {
        var before = await CountAsync(host);
        before.PastCompleted.ShouldBeGreaterThanOrEqualTo(30);
        before.Today.ShouldBeGreaterThanOrEqualTo(12);
        before.Waiting.ShouldBe(3);

        // A restart that finds no marker file goes through the whole seed again: the in-motion part must see it was done.
        File.Delete(Path.Combine(host.DataDirectory, "demo-clinic-seeded.txt"));
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoClinicSeeder>().SeedAsync();
        }

        (await CountAsync(host)).ShouldBe(before);
    }

    [Fact]
    public async Task Given_the_demo_in_motion_Then_a_patient_sees_past_completed_visits_and_an_on_duty_doctor_sees_the_waiting_requests()
    {
        using var patient = await host.SignedInAsync("ivan.kuznetsov@demo.telemed.dev");
        var mine = await patient.GetJsonAsync<JsonElement>("/api/v1/scheduling/appointments/mine");
        mine.EnumerateArray().Count(a => a.GetProperty("status").GetString() == "completed" && a.GetProperty("end").GetDateTime() < host.Clock.GetUtcNow().UtcDateTime)
            .ShouldBeGreaterThanOrEqualTo(2);

        using var doctor = await host.SignedInAsync("sergey.volkov@demo.telemed.dev");
        var queue = await doctor.GetJsonAsync<JsonElement>("/api/v1/consultations/queue");
        queue.GetProperty("pool").GetArrayLength().ShouldBe(3);

        // A seeded visit holds its time as a booking does: the slot it takes is no longer offered.
        var volkov = (await SchedulingApi.DoctorsAsync(patient)).Single(d => d.Name == "Sergey Volkov").Id;
        var slot = (await SchedulingApi.SlotsAsync(patient, volkov, SchedulingApi.Today(host), 7))[0];
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ISchedulingModule>().SeedDemoVisitAsync(new DemoVisit(volkov, Guid.NewGuid(),
                (await SchedulingApi.PatientIdsAsync(host))[0], Guid.NewGuid(), slot.ClinicId, AppointmentKind.Video, slot.Start, slot.End, "booked", Guid.NewGuid()));
        }

        (await SchedulingApi.SlotsAsync(patient, volkov, SchedulingApi.Today(host), 7)).ShouldNotContain(s => s.Start < slot.End && s.End > slot.Start);
    }

    internal static async Task<(int PastCompleted, int Today, int Waiting)> CountAsync(TelemedHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var scheduling = scope.ServiceProvider.GetRequiredService<ISchedulingModule>();
        var consultations = scope.ServiceProvider.GetRequiredService<IConsultationsModule>();
        var now = host.Clock.GetUtcNow().UtcDateTime;
        var moscow = TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow");
        var todayStart = TimeZoneInfo.ConvertTimeToUtc(TimeZoneInfo.ConvertTimeFromUtc(now, moscow).Date, moscow);
        return (await scheduling.CountAppointmentsAsync(now.AddDays(-120), todayStart, completedOnly: true),
            await scheduling.CountAppointmentsAsync(todayStart, todayStart.AddDays(1)),
            await consultations.CountWaitingOnDemandAsync("general-practice"));
    }
}

/// <summary>A host like <c>scripts/run.sh</c>'s: the demo clinic seeded in motion.</summary>
public abstract class DemoInMotionHost(DatabaseProvider provider) : TelemedHost(provider, new Dictionary<string, string?> { ["Demo:InMotion"] = "true" });

public sealed class SqliteDemoInMotionHost() : DemoInMotionHost(DatabaseProvider.Sqlite);

public sealed class PostgresDemoInMotionHost() : DemoInMotionHost(DatabaseProvider.Postgres);

public sealed class DemoInMotionScenariosOnSqlite(SqliteDemoInMotionHost host) : DemoInMotionScenarios(host), IClassFixture<SqliteDemoInMotionHost>;

public sealed class DemoInMotionScenariosOnPostgres(PostgresDemoInMotionHost host) : DemoInMotionScenarios(host), IClassFixture<PostgresDemoInMotionHost>;

/// <summary>The tests' default host (and so the browser tests' host) seeds the demo clinic still: no visits, no waiting requests.</summary>
public sealed class DemoStillScenarios(SqliteHost host) : IClassFixture<SqliteHost>
{
    [Fact]
    public async Task Given_the_default_test_host_Then_the_demo_clinic_has_no_seeded_visits_or_waiting_requests() =>
        (await DemoInMotionScenarios.CountAsync(host)).ShouldBe((0, 0, 0));
}
