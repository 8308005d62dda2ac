using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Telemed.BuildingBlocks.Events;
using Telemed.IntegrationTests.Infrastructure;
using static Telemed.IntegrationTests.Infrastructure.SchedulingApi;

namespace Telemed.IntegrationTests.Scenarios.Scheduling;

/// <summary>
/// Reminders come due in waves (every appointment of a morning has its 48-hour reminder due in the same minutes). One pass of
/// the scheduling worker sends a whole wave, not a fixed 100 of it every 15 s.
/// </summary>
public abstract class ReminderWaveScenarios(RemindersFixture fixture)
{
    [Fact]
    public async Task Given_more_reminders_due_at_once_than_one_batch_When_the_worker_makes_one_pass_Then_every_one_of_them_is_sent()
    {
        var settings = fixture.Settings();
        settings["Scheduling:WorkerIntervalMilliseconds"] = "3600000";   // only the pass the test runs
        var host = new TelemedHost(fixture.Provider, settings);
        await host.InitializeAsync();
        try
        {
            using var desk = await host.SignedInAsync(FrontDesk);
            var patients = await PatientIdsAsync(host);
            var booked = new List<(Guid Id, DateTime Start)>();
            var turn = 0;
            foreach (var (doctor, _) in await DoctorsAsync(desk))
            {
                foreach (var slot in (await SlotsAsync(desk, doctor, Today(host).AddDays(4), 1)).Take(12))
                {
                    // A patient already booked at that time is refused: the next one takes the slot.
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        var response = await BookAsync(desk, doctor, slot, patients[turn++ % patients.Count]);
                        if (response.StatusCode == HttpStatusCode.Created)
                        {
                            booked.Add(((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), slot.Start));
                            break;
                        }
                    }
                }
            }

            var raw = new RawDatabase(host);
            var ids = string.Join(", ", booked.Select(b => "'" + (raw.IsPostgres ? b.Id.ToString() : b.Id.ToString().ToUpperInvariant()) + "'"));
            async Task<Dictionary<string, int>> FortyEightHourRemindersAsync()
            {
                await using var connection = await raw.OpenAsync();
                return (await RawDatabase.RowsAsync(connection,
                        $"SELECT \"Status\" || ':' || CAST(COUNT(*) AS TEXT) FROM {raw.Table("scheduling", "reminders")} " +
                        $"WHERE \"OffsetHours\" = 48 AND \"AppointmentId\" IN ({ids}) GROUP BY \"Status\""))
                    .Select(r => r.Split(':')).ToDictionary(p => p[0], p => int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));
            }

            // Every 48-hour reminder of the day is due now (and no 2-hour one yet).
            host.Clock.Advance(booked.Max(b => b.Start).AddHours(-48).AddMinutes(1) - host.Clock.GetUtcNow().UtcDateTime);
            var before = await FortyEightHourRemindersAsync();
            before.GetValueOrDefault("Pending").ShouldBeGreaterThan(100, "the wave must be larger than one batch");

            var worker = host.Services.GetServices<IHostedService>().OfType<PeriodicWorker>().Single(w => w.GetType().Name == "SchedulingWorker");
            await worker.RunOnceAsync(CancellationToken.None);

            var after = await FortyEightHourRemindersAsync();
            after.GetValueOrDefault("Pending").ShouldBe(0);
            after.GetValueOrDefault("Sending").ShouldBe(0);
            after.GetValueOrDefault("Failed").ShouldBe(0);
            after.GetValueOrDefault("Sent").ShouldBeGreaterThan(100);
            after.Values.Sum().ShouldBe(before.Values.Sum());
        }
        finally
        {
            await host.DisposeAsync();
        }
    }
}

public sealed class ReminderWaveScenariosOnSqlite(SqliteRemindersFixture fixture) : ReminderWaveScenarios(fixture), IClassFixture<SqliteRemindersFixture>;

public sealed class ReminderWaveScenariosOnPostgres(PostgresRemindersFixture fixture) : ReminderWaveScenarios(fixture), IClassFixture<PostgresRemindersFixture>;
