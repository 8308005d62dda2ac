using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Telemed.BuildingBlocks.Auditing;

namespace Telemed.BuildingBlocks.Data;

public static class DatabaseSetup
{
    public static string ResolveConnectionString(DatabaseOptions options, string dataDirectory)
    {
        var connectionString = ResolveWritable(options, dataDirectory);
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

    public static void UseTelemedDatabase(this DbContextOptionsBuilder builder, DatabaseOptions options, string connectionString)
    {
        if (options.Provider == DatabaseProvider.Postgres)
        {
            builder.UseNpgsql(connectionString, o => o.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery));
        }
        else
        {
            builder.UseSqlite(connectionString, o => o.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery));
        }

        builder.ReplaceService<IModelCacheKeyFactory, ModuleModelCacheKeyFactory>();
    }

    /// <summary>Registers a module DbContext with the provider, the model cache key and the PHI audit interceptor.</summary>
    public static IServiceCollection AddModuleDbContext<TContext>(this IServiceCollection services) where TContext : ModuleDbContext
    {
        services.AddDbContext<TContext>((sp, builder) =>
        {
            var connection = sp.GetRequiredService<DatabaseConnection>();
            builder.UseTelemedDatabase(connection.Options, connection.ConnectionString);
            builder.AddInterceptors(PhiAuditInterceptor.Instance);
        });
        return services;
    }
}

/// <summary>The resolved database choice for this host.</summary>
public sealed record DatabaseConnection(DatabaseOptions Options, string ConnectionString)
{
    public bool IsPostgres => Options.Provider == DatabaseProvider.Postgres;
}
