using Microsoft.Extensions.DependencyInjection;
using Telemed.BuildingBlocks.Ids;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.Modules.Identity.Contracts;

namespace Telemed.IntegrationTests.Scenarios.Identity;

/// <summary>
/// A care relationship is granted by one statement without reading first: granting it again never shortens it, a longer or
/// open-ended grant extends it, and grants of the same relationship delivered at the same moment leave one row and no error.
/// </summary>
public abstract class CareAccessGrantScenarios(TelemedHost host)
{
    private async Task GrantAsync(IReadOnlyCollection<(UserId, PatientId)> pairs, CareRelationshipKind kind, DateTime? until)
    {
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ICareAccess>().GrantAsync(pairs, kind, until);
    }

    private async Task<List<string>> UntilsAsync(RawDatabase raw, UserId doctor, PatientId patient)
    {
        await using var connection = await raw.OpenAsync();
        string Id(Guid id) => "'" + (raw.IsPostgres ? id.ToString() : id.ToString().ToUpperInvariant()) + "'";
        return await RawDatabase.RowsAsync(connection,
            $"SELECT COALESCE(CAST(\"ValidUntil\" AS TEXT), 'open') FROM {raw.Table("identity", "care_relationships")} " +
            $"WHERE \"DoctorUserId\" = {Id(doctor.Value)} AND \"PatientId\" = {Id(patient.Value)} AND \"Kind\" = 'Referral'");
    }

    [Fact]
    public async Task Given_a_time_limited_referral_When_it_is_granted_again_Then_it_only_ever_lasts_longer()
    {
        var raw = new RawDatabase(host);
        var (doctor, patient) = (new UserId(Guid.NewGuid()), new PatientId(Guid.NewGuid()));
        var in10Days = DateTime.UtcNow.Date.AddDays(10);

        await GrantAsync([(doctor, patient)], CareRelationshipKind.Referral, in10Days);
        var first = (await UntilsAsync(raw, doctor, patient)).ShouldHaveSingleItem();
        first.ShouldNotBe("open");

        await GrantAsync([(doctor, patient)], CareRelationshipKind.Referral, in10Days.AddDays(-5));
        (await UntilsAsync(raw, doctor, patient)).ShouldHaveSingleItem().ShouldBe(first, "a shorter grant must not shorten it");

        await GrantAsync([(doctor, patient)], CareRelationshipKind.Referral, in10Days.AddDays(20));
        var extended = (await UntilsAsync(raw, doctor, patient)).ShouldHaveSingleItem();
        extended.ShouldNotBe(first);
        extended.ShouldNotBe("open");

        await GrantAsync([(doctor, patient)], CareRelationshipKind.Referral, null);
        (await UntilsAsync(raw, doctor, patient)).ShouldHaveSingleItem().ShouldBe("open");

        await GrantAsync([(doctor, patient)], CareRelationshipKind.Referral, in10Days.AddDays(100));
        (await UntilsAsync(raw, doctor, patient)).ShouldHaveSingleItem().ShouldBe("open", "an open-ended relationship stays open");

        await using var scope = host.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<ICareAccess>().CheckAsync(doctor, patient)).ShouldSatisfyAllConditions(
            d => d.Allowed.ShouldBeTrue(), d => d.Until.ShouldBeNull());
    }

    [Fact]
    public async Task Given_the_same_relationships_granted_by_8_deliveries_at_once_When_they_finish_Then_each_is_stored_once_and_none_failed()
    {
        var raw = new RawDatabase(host);
        var doctor = new UserId(Guid.NewGuid());
        var patients = Enumerable.Range(0, 5).Select(_ => new PatientId(Guid.NewGuid())).ToList();
        var pairs = patients.Select(p => (doctor, p)).ToList();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            GrantAsync(i % 2 == 0 ? pairs : [.. pairs.AsEnumerable().Reverse(), pairs[0]], CareRelationshipKind.Referral, i == 7 ? null : DateTime.UtcNow.AddDays(i + 1))));

        foreach (var patient in patients)
        {
            (await UntilsAsync(raw, doctor, patient)).ShouldHaveSingleItem();
        }

        (await UntilsAsync(raw, doctor, patients[0])).ShouldHaveSingleItem().ShouldBe("open", "the open-ended grant wins whatever the order");
    }
}

public sealed class CareAccessGrantScenariosOnSqlite(SqliteHost host) : CareAccessGrantScenarios(host), IClassFixture<SqliteHost>;

public sealed class CareAccessGrantScenariosOnPostgres(PostgresHost host) : CareAccessGrantScenarios(host), IClassFixture<PostgresHost>;
