using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.Modules.Identity.Contracts;

namespace Telemed.IntegrationTests.Scenarios.FrontOffice;

/// <summary>
/// ADR 0015's walk-in gap: the front desk's registration commits the account first, so a profile save that failed on a database
/// error (or a process that died in between) left an account that signs in but that no directory search or front desk finds.
/// The profile now follows the account through the outbox, as a self-registered patient's does. PostgreSQL: the profile's writes
/// are made to fail by a trigger on the directory's table, in this class's own database, and the trigger is dropped again.
/// </summary>
public sealed class WalkInProfileFaultScenariosOnPostgres(PostgresHost host) : IClassFixture<PostgresHost>
{
    private const string FrontDesk = "frontdesk@demo.telemed.dev";

    private static readonly string RegisteredType = typeof(PatientRegistered).FullName!;

    [Fact]
    public async Task Given_the_profile_write_failing_When_the_desk_registers_a_walk_in_Then_the_profile_appears_once_the_failure_is_gone_and_only_once()
    {
        using var desk = await host.SignedInAsync(FrontDesk);
        var raw = new RawDatabase(host);
        await using var connection = await raw.OpenAsync();
        var outbox = raw.Table("identity", "outbox");
        var familyName = $"Sboeva{Guid.NewGuid():N}"[..16];
        var email = $"walkin-fault-{Guid.NewGuid():N}@example.test";

        HttpResponseMessage response;
        await FailProfileWritesAsync(connection);
        try
        {
            response = await desk.PostAsync("/api/v1/front-desk/patients", WalkIn(email, familyName));

            // Holds the failure until the outbox's own delivery of the profile has failed too (a first attempt usually comes
            // within half a second), so what appears below is the redelivery's work. Without an event nothing is ever attempted:
            // the wait then ends after its bound and the profile never appears.
            await WaitUntilAsync(async () => (await RawDatabase.RowsAsync(connection,
                $"SELECT COUNT(*) FROM {outbox} WHERE \"EventType\" = '{RegisteredType}' AND \"ProcessedAt\" IS NULL AND \"LastError\" IS NOT NULL")).Single() != "0",
                TimeSpan.FromSeconds(5));
            (await ProfileCountAsync(connection, await UserIdAsync(email))).ShouldBe(0, "the trigger stops every profile write");
        }
        finally
        {
            await RawDatabase.ExecuteAsync(connection, DropFailure);
        }

        var userId = await UserIdAsync(email);
        (await WaitUntilAsync(async () => await ProfileCountAsync(connection, userId) > 0, TimeSpan.FromSeconds(30)))
            .ShouldBeTrue("the walk-in's profile never appeared once its writes worked again: an account without a profile");
        await Task.Delay(1500); // a few more dispatcher passes: nothing is created again
        (await ProfileCountAsync(connection, userId)).ShouldBe(1);

        // The answer kept its shape and named the profile that the outbox created later, with what the desk typed (not the
        // self-registration's blanks).
        await response.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var patientId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("patientId").GetGuid();
        response.Headers.Location!.ToString().ShouldEndWith($"/front-desk/patients/{patientId}");
        var details = await desk.GetJsonAsync<JsonElement>($"/api/v1/patients/{patientId}/demographics");
        details.GetProperty("familyName").GetString().ShouldBe(familyName);
        details.GetProperty("sex").GetString().ShouldBe("female");
        details.GetProperty("phone").GetString().ShouldBe("+7 913 555 01 09");
        (await RawDatabase.RowsAsync(connection, $"SELECT COUNT(*) FROM {outbox} WHERE \"EventType\" LIKE '{RegisteredType}%' AND \"ProcessedAt\" IS NULL")).Single()
            .ShouldBe("0");

        // The trail names the front-desk user as the profile's creator, as when their own request wrote it.
        (await RawDatabase.RowsAsync(connection,
                $"SELECT \"ActorId\" FROM audit.entries WHERE \"Action\" = 'phi.create' AND \"RecordType\" = 'PatientDemographics' AND \"RecordId\" = '{patientId}'"))
            .ShouldBe([(await UserIdAsync(FrontDesk)).ToString()]);

        // The failure is logged without the patient's details.
        host.Logs.ShouldNotContain(l => l.Contains(familyName, StringComparison.OrdinalIgnoreCase) || l.Contains(email, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Given_a_walk_in_registered_When_its_profile_event_is_delivered_again_Then_there_is_still_one_profile()
    {
        using var desk = await host.SignedInAsync(FrontDesk);
        var raw = new RawDatabase(host);
        await using var connection = await raw.OpenAsync();
        var outbox = raw.Table("identity", "outbox");
        var email = $"walkin-twice-{Guid.NewGuid():N}@example.test";
        var logsBefore = host.Logs.Count;

        var response = await desk.PostAsync("/api/v1/front-desk/patients", WalkIn(email, "Dvazhdova"));
        await response.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var patientId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("patientId").GetGuid();
        var userId = await UserIdAsync(email);

        // This class's tests run one after another on their own database: the newest registration event is this walk-in's.
        var eventId = await SchedulingApi.WaitForAsync(async () => (await RawDatabase.RowsAsync(connection,
                $"SELECT \"Id\" FROM {outbox} WHERE \"EventType\" = '{RegisteredType}' AND \"ProcessedAt\" IS NOT NULL ORDER BY \"CreatedAt\" DESC LIMIT 1"))
            .SingleOrDefault(), TimeSpan.FromSeconds(30), "the walk-in's registration event, delivered");
        (await RawDatabase.ExecuteAsync(connection, $"UPDATE {outbox} SET \"ProcessedAt\" = NULL, \"Attempts\" = 0 WHERE \"Id\" = '{eventId}'")).ShouldBe(1);
        (await WaitUntilAsync(async () => (await RawDatabase.RowsAsync(connection, $"SELECT COUNT(*) FROM {outbox} WHERE \"Id\" = '{eventId}' AND \"ProcessedAt\" IS NOT NULL"))
            .Single() == "1", TimeSpan.FromSeconds(30))).ShouldBeTrue("the event was never delivered again");

        (await ProfileCountAsync(connection, userId)).ShouldBe(1);
        (await RawDatabase.RowsAsync(connection, $"SELECT \"Id\" FROM directory.patients WHERE \"UserId\" = '{userId}'")).Single().ShouldBe(patientId.ToString());
        (await RawDatabase.RowsAsync(connection, $"SELECT \"LastError\" IS NULL FROM {outbox} WHERE \"Id\" = '{eventId}'")).Single().ShouldBe("True");
        // The desk's write and the first delivery (woken by the account's commit) went one at a time: neither failed on the unique
        // user id, which would log an error for a normal registration.
        host.Logs.Skip(logsBefore).ShouldNotContain(l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("directory.patients", StringComparison.Ordinal));
    }

    private static object WalkIn(string email, string familyName) => new
    {
        givenName = "Walkin", familyName, dateOfBirth = "1981-06-15", sex = "female", email, phone = "+7 913 555 01 09", preferredLanguage = "ru",
    };

    /// <summary>Every insert into the directory's patient table fails, as on a database error, until <see cref="DropFailure"/>.</summary>
    private static Task FailProfileWritesAsync(DbConnection connection) => RawDatabase.ExecuteAsync(connection, """
        CREATE FUNCTION directory.walk_in_test_fail() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'profile writes fail (test)';
        END $$;
        CREATE TRIGGER walk_in_test_fail BEFORE INSERT ON directory.patients FOR EACH ROW EXECUTE FUNCTION directory.walk_in_test_fail();
        """);

    private const string DropFailure = "DROP TRIGGER IF EXISTS walk_in_test_fail ON directory.patients; DROP FUNCTION IF EXISTS directory.walk_in_test_fail();";

    private async Task<Guid> UserIdAsync(string email)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var userId = await scope.ServiceProvider.GetRequiredService<IIdentityModule>().FindUserIdByEmailAsync(email);
        return userId.ShouldNotBeNull("the walk-in's account is created first, whatever becomes of its profile");
    }

    private static async Task<int> ProfileCountAsync(DbConnection connection, Guid userId) =>
        int.Parse((await RawDatabase.RowsAsync(connection, $"SELECT COUNT(*) FROM directory.patients WHERE \"UserId\" = '{userId}'")).Single(), CultureInfo.InvariantCulture);

    /// <summary>Polls <paramref name="condition"/> until it holds or <paramref name="bound"/> passes; whether it held.</summary>
    private static async Task<bool> WaitUntilAsync(Func<Task<bool>> condition, TimeSpan bound)
    {
        var deadline = DateTime.UtcNow + bound;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(100);
        }

        return await condition();
    }
}
