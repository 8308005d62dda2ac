using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Telemed.BuildingBlocks.Auditing;

namespace Telemed.BuildingBlocks.Data;

public static class DatabaseSetup
{
    public static string ResolveConnectionString(DatabaseOptions options, string dataDirectory)
    {
        var connectionString = ResolveWritable(options, dataDirectory);
        if (options.Provider == DatabaseProvider.Postgres)
        {
            // Raw ADO.NET users of the resolved string share EF's pool only if they use the very same string.
            connectionString = WithPoolSettings(connectionString, options.Postgres);
        }

        if (!options.ReadOnly)
        {
            return connectionString;
        }

        return options.Provider == DatabaseProvider.Sqlite
            ? new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadOnly }.ToString()
            : new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { Options = "-c default_transaction_read_only=on" }.ToString();
    }

    private static string ResolveWritable(DatabaseOptions options, string dataDirectory) =>
        !string.IsNullOrWhiteSpace(options.ConnectionString)
            ? options.ConnectionString
            : options.Provider == DatabaseProvider.Sqlite
                ? new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, "telemed.db"), DefaultTimeout = 30, Pooling = true }.ToString()
                : throw new InvalidOperationException("Database:ConnectionString is required when Database:Provider is Postgres.");

    /// <summary>
    /// The PostgreSQL connection string (as resolved by <see cref="ResolveConnectionString"/>) with the host's pool
    /// settings (<see cref="PostgresSettings"/>) added where the configured string does not set them itself.
    /// </summary>
    public static string WithPoolSettings(string connectionString, PostgresSettings settings)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        // The base builder lists only the keys the string spells out (Npgsql's own answers true for every keyword).
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose"))
        {
            builder.NoResetOnClose = settings.NoResetOnClose;
        }

        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = Math.Max(0, settings.MaxAutoPrepare);
        }

        return builder.ToString();
    }

    public static void UseTelemedDatabase(this DbContextOptionsBuilder builder, DatabaseOptions options, string connectionString)
    {
        if (options.Provider == DatabaseProvider.Postgres)
        {
            builder.UseNpgsql(connectionString, o => o.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery));
        }
        else
        {
            builder.UseSqlite(connectionString, o => o.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery));
            // The write gate is given back when a transaction is disposed unfinished, not when its connection closes.
            builder.ReplaceService<Microsoft.EntityFrameworkCore.Storage.IRelationalTransactionFactory, RollbackOnDisposeTransactionFactory>();
        }

        builder.ReplaceService<IModelCacheKeyFactory, ModuleModelCacheKeyFactory>();
        builder.UseMemoryCache(SharedModelCache);
        // Failed commands are logged by CommandFailureLog, which leaves out the unique violations the code expects and handles.
        builder.ConfigureWarnings(w => w.Log((RelationalEventId.CommandError, Microsoft.Extensions.Logging.LogLevel.Debug)));
    }

    /// <summary>
    /// Where EF keeps its models and compiled queries, for every host in the process. EF keeps one cache per application
    /// service provider by default, so each test host built 16 models and compiled each query again, which was most of
    /// the test suite's CPU. A deployed process has one host and sees no difference. The size counts EF's units (a
    /// model 100, a query 10): room for every query the modules have several times over; EF's own default is 10,240.
    /// </summary>
    private static readonly MemoryCache SharedModelCache = new(new MemoryCacheOptions { SizeLimit = 102_400 });

    /// <summary>
    /// Contexts of one module kept for reuse per host; more in use at once are built and dropped as before. The pools keep what
    /// they hold: under the 1,000-connection chat load the host peaked at 448 MB with 128, 409 MB with 16 (ADR 0013).
    /// </summary>
    public const int PoolSize = 16;

    /// <summary>
    /// Registers a module DbContext, pooled (<see cref="PoolSize"/>) and rented per DI scope, with the provider, the model cache
    /// key and the PHI read auditing (<see cref="PhiReadAuditingMaterializerSource"/>); on SQLite also the connection pragmas and the in-process write gate
    /// (<see cref="SqliteWriteGate"/>, registered as a singleton). The context type needs exactly one public constructor, taking
    /// only its options: what it needs of the scope it takes in <see cref="ModuleDbContext"/>'s rent hook.
    /// </summary>
    public static IServiceCollection AddModuleDbContext<TContext>(this IServiceCollection services) where TContext : ModuleDbContext
    {
        services.TryAddSingleton(sp => SqliteWriteGate.For(sp.GetRequiredService<DatabaseConnection>()));
        // Also where no logging is registered (the CLI's and tests' own containers): nothing to log to then.
        services.TryAddSingleton(sp => new CommandFailureLog(
            sp.GetService<Microsoft.Extensions.Logging.ILogger<CommandFailureLog>>() ?? Microsoft.Extensions.Logging.Abstractions.NullLogger<CommandFailureLog>.Instance));
        services.TryAddSingleton(sp => new SqliteInterceptors(sp.GetRequiredService<DatabaseConnection>(), sp.GetRequiredService<SqliteWriteGate>()));
        // The options are built once per host (everything they hold is a singleton): built per scope, they cost a hub
        // invocation or request that opens a context more CPU than its own query did (docs/benchmarks.md, "Joining").
        services.AddPooledDbContextFactory<TContext>((sp, builder) =>
        {
            var connection = sp.GetRequiredService<DatabaseConnection>();
            builder.UseTelemedDatabase(connection.Options, connection.ConnectionString);
            builder.AddInterceptors(AuditTransactionInterceptor.Instance);
            builder.ReplaceService<IStructuralTypeMaterializerSource, PhiReadAuditingMaterializerSource>();
            builder.AddInterceptors(sp.GetRequiredService<SqliteInterceptors>().All);
            builder.AddInterceptors(sp.GetRequiredService<CommandFailureLog>());
        }, PoolSize);
        // A context is rented per scope (request, hub invocation, batch) and bound to it: building one set up EF Core's internal
        // services for each scope again (docs/benchmarks.md, "Where a host's CPU goes"). The scope's disposal returns it.
        services.AddScoped(sp =>
        {
            var context = sp.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext();
            context.Rent(sp.GetRequiredService<ModuleDbServices>(), sp);
            return context;
        });
        return services;
    }
}

/// <summary>The SQLite interceptors of one host (none on PostgreSQL): one set of instances, so EF caches one set of internal services.</summary>
internal sealed class SqliteInterceptors(DatabaseConnection database, SqliteWriteGate gate)
{
    public IInterceptor[] All { get; } = database.IsPostgres
        ? []
        : [new SqlitePragmas(database.Options.Sqlite).Interceptor, .. new SqliteWriteGateInterceptor(gate).All];
}

/// <summary>The resolved database choice for this host.</summary>
public sealed record DatabaseConnection(DatabaseOptions Options, string ConnectionString)
{
    public bool IsPostgres => Options.Provider == DatabaseProvider.Postgres;
}
