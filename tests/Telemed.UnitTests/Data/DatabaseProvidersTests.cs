using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Data;

namespace Telemed.UnitTests.Data;

/// <summary>
/// The cached provider check (<see cref="DatabaseProviders"/>) gives EF Core's own answer for each database, also when contexts
/// of both kinds are used side by side in one process (as the integration tests and a host's tools do).
/// </summary>
public sealed class DatabaseProvidersTests
{
    [Fact]
    public void Given_contexts_of_both_databases_in_one_process_Then_each_is_named_as_EF_Core_names_it()
    {
        using var postgres = new Probe(o => o.UseNpgsql("Host=unused"));
        using var sqlite = new Probe(o => o.UseSqlite("Data Source=:memory:"));

        for (var round = 0; round < 2; round++)
        {
            postgres.Database.IsPostgres().ShouldBe(postgres.Database.IsNpgsql());
            postgres.Database.IsPostgres().ShouldBeTrue();
            postgres.Database.IsSqliteDatabase().ShouldBeFalse();
            sqlite.Database.IsSqliteDatabase().ShouldBe(sqlite.Database.IsSqlite());
            sqlite.Database.IsSqliteDatabase().ShouldBeTrue();
            sqlite.Database.IsPostgres().ShouldBeFalse();
            DatabaseProviders.NameOf(postgres.Database).ShouldBe(postgres.Database.ProviderName);
            DatabaseProviders.NameOf(sqlite.Database).ShouldBe(sqlite.Database.ProviderName);
        }
    }

    private sealed class Probe(Action<DbContextOptionsBuilder> configure) : DbContext
    {
        protected override void OnConfiguring(DbContextOptionsBuilder options) => configure(options);
    }
}
