using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Telemed.BuildingBlocks.Ids;
using Telemed.BuildingBlocks.Modules;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Identity.Contracts;
using static Telemed.IntegrationTests.Infrastructure.SchedulingApi;

namespace Telemed.IntegrationTests.Scenarios.Scheduling;

/// <summary>
/// Access from appointments granted before it was bounded had no end. The start-up pass works each such relationship out again
/// from the pair's visits that still stand, as a cancellation would: until 30 days after the last standing visit, or ended when
/// none stands; other kinds of relationship keep their end. A second start changes nothing.
/// </summary>
public abstract class OpenEndedAppointmentAccessScenarios(TelemedHost host)
{
    private const string Patient = "sophie.turner@demo.telemed.dev";

    [Fact]
    public async Task Given_appointment_access_granted_without_an_end_When_the_host_starts_Then_it_ends_30_days_after_the_last_standing_visit_and_a_restart_changes_nothing()
    {
        using var patient = await host.SignedInAsync(Patient);
        var doctorId = (await DoctorsAsync(patient)).Single(d => d.Name.Contains("Smirnova", StringComparison.Ordinal)).Id;
        var doctor = await DoctorUserAsync(doctorId);
        var slot = (await SlotsAsync(patient, doctorId, Today(host).AddDays(4), 10))[0];
        var booked = await BookAsync(patient, doctorId, slot);
        await booked.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var patientId = new PatientId((await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("patientId").GetGuid());
        var bounded = slot.End.AddDays(30);
        await WaitForAsync(async () => await RelationshipAsync(doctor, patientId) is { Until: { } until } && until == bounded ? "granted" : null,
            TimeSpan.FromSeconds(30), "the booking's access");

        // Given: the same pair's access as the old code left it (no end), a doctor's access from appointments none of which stands,
        // and a consultation (another kind, for good).
        var (noVisits, consultation) = (new UserId(Guid.NewGuid()), new UserId(Guid.NewGuid()));
        await UsingCareAsync(async care =>
        {
            await care.GrantAsync(doctor, patientId, CareRelationshipKind.Appointment, null);
            await care.GrantAsync(noVisits, patientId, CareRelationshipKind.Appointment, null);
            await care.GrantAsync(consultation, patientId, CareRelationshipKind.Consultation, null);
        });
        (await RelationshipAsync(doctor, patientId)).ShouldNotBeNull().Until.ShouldBeNull("granted the old way");
        (await OpenEndedAppointmentsAsync()).ShouldContain((doctor, patientId));
        (await OpenEndedAppointmentsAsync()).ShouldContain((noVisits, patientId));

        // When: the host starts.
        await RunStartUpWorkAsync();

        // Then: bounded by the standing visit, ended without one, the consultation untouched; none without an end is left.
        (await RelationshipAsync(doctor, patientId)).ShouldNotBeNull().ShouldSatisfyAllConditions(
            r => r.Relationship.ShouldBe("appointment"), r => r.Until.ShouldBe(bounded));
        (await RelationshipAsync(noVisits, patientId)).ShouldBeNull();
        (await RelationshipAsync(consultation, patientId)).ShouldNotBeNull().ShouldSatisfyAllConditions(
            r => r.Relationship.ShouldBe("consultation"), r => r.Until.ShouldBeNull());
        (await OpenEndedAppointmentsAsync()).ShouldBeEmpty();

        // When: it starts again, nothing changes.
        var before = await RowsAsync(patientId);
        await RunStartUpWorkAsync();
        (await RowsAsync(patientId)).ShouldBe(before);
    }

    private async Task<UserId> DoctorUserAsync(Guid doctorId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var found = await scope.ServiceProvider.GetRequiredService<IDirectoryModule>().FindDoctorsAsync(new DoctorFilter(DoctorId: doctorId));
        return new UserId(found.ShouldHaveSingleItem().UserId);
    }

    private async Task UsingCareAsync(Func<ICareAccess, Task> act)
    {
        await using var scope = host.Services.CreateAsyncScope();
        await act(scope.ServiceProvider.GetRequiredService<ICareAccess>());
    }

    private async Task<CareRelationshipView?> RelationshipAsync(UserId doctor, PatientId patient)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ICareAccess>().PatientsOfAsync(doctor)).SingleOrDefault(r => r.PatientId == patient.Value);
    }

    private async Task<IReadOnlyList<(UserId, PatientId)>> OpenEndedAppointmentsAsync()
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ICareAccess>().OpenEndedAsync(CareRelationshipKind.Appointment);
    }

    /// <summary>The start-up work a host does after its migrations (<see cref="IStartupTask"/>), in one scope as the host runs it.</summary>
    private async Task RunStartUpWorkAsync()
    {
        await using var scope = host.Services.CreateAsyncScope();
        foreach (var task in scope.ServiceProvider.GetServices<IStartupTask>())
        {
            await task.RunAsync(CancellationToken.None);
        }
    }

    /// <summary>Every stored care relationship of the patient, as text (id, doctor, kind, end), in id order.</summary>
    private async Task<List<string>> RowsAsync(PatientId patient)
    {
        var raw = new RawDatabase(host);
        await using var connection = await raw.OpenAsync();
        var id = raw.IsPostgres ? patient.Value.ToString() : patient.Value.ToString().ToUpperInvariant();
        return await RawDatabase.RowsAsync(connection, $"SELECT \"Id\", \"DoctorUserId\", \"Kind\", COALESCE(CAST(\"ValidUntil\" AS TEXT), 'open') " +
            $"FROM {raw.Table("identity", "care_relationships")} WHERE \"PatientId\" = '{id}' ORDER BY \"Id\"");
    }
}

public sealed class OpenEndedAppointmentAccessScenariosOnSqlite(SqliteHost host) : OpenEndedAppointmentAccessScenarios(host), IClassFixture<SqliteHost>;

public sealed class OpenEndedAppointmentAccessScenariosOnPostgres(PostgresHost host) : OpenEndedAppointmentAccessScenarios(host), IClassFixture<PostgresHost>;
