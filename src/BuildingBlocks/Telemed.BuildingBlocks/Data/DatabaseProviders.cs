using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Telemed.BuildingBlocks.Data;

/// <summary>
/// Which database a context talks to, answered from a cache per provider type. EF Core's <c>IsNpgsql()</c> and <c>IsSqlite()</c>
/// compare <c>DatabaseFacade.ProviderName</c>, which reads the provider assembly's name by reflection on every call
/// (<c>Assembly.GetName()</c>); the saves ask several times each, and under the booking load that reflection was about 2 % of
/// the host's CPU (perf, measured run, 2026-12-06).
/// </summary>
public static class DatabaseProviders
{
    /// <summary>EF Core's provider name for PostgreSQL (Npgsql), as <c>IsNpgsql()</c> compares it.</summary>
    public const string PostgresProvider = "Npgsql.EntityFrameworkCore.PostgreSQL";

    /// <summary>EF Core's provider name for SQLite, as <c>IsSqlite()</c> compares it.</summary>
    public const string SqliteProvider = "Microsoft.EntityFrameworkCore.Sqlite";

    private static readonly ConcurrentDictionary<Type, string> Names = new();

    /// <summary>True when <paramref name="database"/> is PostgreSQL (the same answer as EF Core's <c>IsNpgsql()</c>).</summary>
    public static bool IsPostgres(this DatabaseFacade database) => NameOf(database) == PostgresProvider;

    /// <summary>True when <paramref name="database"/> is SQLite (the same answer as EF Core's <c>IsSqlite()</c>).</summary>
    public static bool IsSqliteDatabase(this DatabaseFacade database) => NameOf(database) == SqliteProvider;

    /// <summary>The provider's name (<see cref="PostgresProvider"/>, <see cref="SqliteProvider"/>, …), read once per provider type.</summary>
    public static string NameOf(DatabaseFacade database)
    {
        // A context has one provider, a singleton of its internal service provider: its type is the cache key.
        var provider = database.GetService<IDatabaseProvider>();
        return Names.TryGetValue(provider.GetType(), out var name) ? name : Names.GetOrAdd(provider.GetType(), provider.Name);
    }
}
