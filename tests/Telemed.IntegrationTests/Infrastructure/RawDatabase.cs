using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Data.Migrations;

namespace Telemed.IntegrationTests.Infrastructure;

/// <summary>Direct SQL on the host's database, as an attacker or an auditor with database access would use it.</summary>
public sealed class RawDatabase(TelemedHost host)
{
    private static readonly string[] Schemas = ["security", "audit", "notifications", "identity", "directory", "scheduling", "consultations", "frontoffice"];

    public bool IsPostgres => host.Provider == DatabaseProvider.Postgres;

    public string Table(string module, string table) => IsPostgres ? $"{module}.{table}" : $"{module}_{table}";

    public async Task<DbConnection> OpenAsync(string? connectionString = null)
    {
        DbConnection connection = IsPostgres ? new NpgsqlConnection(connectionString ?? host.ConnectionString) : new SqliteConnection(connectionString ?? host.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public static async Task<int> ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync();
    }

    public static async Task<List<string>> RowsAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }

        return rows;
    }

    /// <summary>Everything stored, as text: every row of every table in every schema (PostgreSQL) or the raw file bytes,
    /// free pages and write-ahead log included (SQLite).</summary>
    public async Task<string> EverythingStoredAsync()
    {
        if (!IsPostgres)
        {
            var file = new SqliteConnectionStringBuilder(host.ConnectionString).DataSource;
            var text = new System.Text.StringBuilder();
            foreach (var path in new[] { file, file + "-wal" }.Where(File.Exists))
            {
                await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var memory = new MemoryStream();
                await stream.CopyToAsync(memory);
                text.Append(System.Text.Encoding.UTF8.GetString(memory.ToArray()));
            }

            return text.ToString();
        }

        return await RowsOfEveryTableAsync(except: []);
    }

    /// <summary>
    /// Every row of every table as text, on either provider, leaving out the named tables (as <see cref="Table"/> names
    /// them). For published reference catalogues (the formulary, ICD-10) that legitimately hold medicine and allergy-class
    /// words a patient's own record also uses.
    /// </summary>
    public async Task<string> RowsOfEveryTableAsync(IReadOnlyCollection<string> except)
    {
        await using var connection = await OpenAsync();
        var tables = IsPostgres
            ? await RowsAsync(connection, "SELECT table_schema || '.' || table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')")
            : await RowsAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table'");
        var all = new System.Text.StringBuilder();
        foreach (var table in tables.Where(t => !except.Contains(t)))
        {
            var quoted = IsPostgres ? table : $"\"{table}\"";
            foreach (var row in await RowsAsync(connection, IsPostgres ? $"SELECT CAST(t AS text) FROM {quoted} t" : $"SELECT * FROM {quoted}"))
            {
                all.AppendLine(row);
            }
        }

        return all.ToString();
    }

    /// <summary>A normalised description of the schema: tables, columns, types, nullability, keys, indexes, foreign keys.</summary>
    public async Task<List<string>> SchemaAsync(DbConnection connection)
    {
        if (IsPostgres)
        {
            var schemas = string.Join(',', Schemas.Select(s => $"'{s}'"));
            var columns = await RowsAsync(connection, $"SELECT table_schema, table_name, column_name, data_type, is_nullable, coalesce(character_maximum_length, -1), coalesce(column_default, '') FROM information_schema.columns WHERE table_schema IN ({schemas})");
            var indexes = await RowsAsync(connection, $"SELECT schemaname, tablename, indexname, indexdef FROM pg_indexes WHERE schemaname IN ({schemas})");
            var constraints = await RowsAsync(connection, $"SELECT n.nspname, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname IN ({schemas})");
            return [.. columns.Select(c => "column " + c), .. indexes.Select(i => "index " + i), .. constraints.Select(c => "constraint " + c)];
        }

        var result = new List<string>();
        var tables = await RowsAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__telemed_migrations'");
        foreach (var table in tables)
        {
            result.AddRange((await RowsAsync(connection, $"SELECT name, type, \"notnull\", pk, coalesce(dflt_value, '') FROM pragma_table_info('{table}')")).Select(c => $"column {table}|{c}"));
            result.AddRange((await RowsAsync(connection, $"SELECT \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list('{table}')")).Select(f => $"fk {table}|{f}"));
            foreach (var index in await RowsAsync(connection, $"SELECT name, \"unique\" FROM pragma_index_list('{table}')"))
            {
                var name = index.Split('|')[0];
                var columns = string.Join(',', await RowsAsync(connection, $"SELECT name FROM pragma_index_info('{name}')"));
                result.Add($"index {table}|{index}|{columns}");
            }
        }

        return result;
    }

    /// <summary>A fresh database holding exactly what the current EF model describes (EF's own create script, per module).</summary>
    public async Task<DbConnection> CreateFromModelAsync()
    {
        string connectionString;
        if (IsPostgres)
        {
            connectionString = await PostgresServer.CreateDatabaseAsync();
        }
        else
        {
            connectionString = $"Data Source={Path.Combine(host.DataDirectory, "model-" + Guid.NewGuid().ToString("N")[..6] + ".db")}";
        }

        var connection = await OpenAsync(connectionString);
        using var scope = host.Services.CreateScope();
        foreach (var module in host.Services.GetServices<ModuleMigrations>())
        {
            var context = (DbContext)scope.ServiceProvider.GetRequiredService(module.ContextType);
            await ExecuteAsync(connection, context.Database.GenerateCreateScript());
        }

        return connection;
    }
}
