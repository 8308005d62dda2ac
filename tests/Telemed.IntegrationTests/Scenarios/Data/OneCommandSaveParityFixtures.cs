using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Events;
using Telemed.BuildingBlocks.Security;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios.Data;

/// <summary>A PostgreSQL database of the test run's server with the probe context's tables, shared by the probes (each uses rows of its own).</summary>
public sealed class ParityDatabase : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        ConnectionString = await PostgresServer.CreateDatabaseAsync();
        await using var db = Open();
        await db.Database.EnsureCreatedAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public ParityContext Open() => ParityContext.Create(b => b.UseNpgsql(ConnectionString));

    /// <summary>Stores <paramref name="count"/> rows named "seed", version 1, letter 'a', and returns their ids.</summary>
    public async Task<List<Guid>> SeedAsync(int count)
    {
        var rows = Enumerable.Range(0, count).Select(_ => new ParityRecord { Id = Guid.NewGuid(), Name = "seed", Version = 1, At = DateTime.UtcNow, Tags = [] }).ToList();
        await using var db = Open();
        db.Records.AddRange(rows);
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return [.. rows.Select(r => r.Id)];
    }

    public async Task<string?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Every stored column of a row but its key, as PostgreSQL prints it.</summary>
    public async Task<string> RowTextAsync(Guid id) =>
        await ScalarAsync($"""
            SELECT concat_ws(' | ', coalesce("Name", '∅'), coalesce("Letter"::text, '∅'), "Version"::text, "Mood", "Amount"::text, "At"::text,
                coalesce("Until"::text, '∅'), coalesce(encode("Blob", 'hex'), '∅'), "Flag"::text, "Other"::text, "Tags"::text, coalesce("Note", '∅'))
            FROM probes.records WHERE "Id" = '{id}'
            """) ?? "no row";
}

/// <summary>A throw-away SQLite file with the probe context's tables (ModuleDbContext joins it to its file's group commit).</summary>
public sealed class SqliteParityFile : IAsyncDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"one-command-probe-{Guid.NewGuid():N}.db");

    private string ConnectionString => $"Data Source={_file};Default Timeout=5";

    public static async Task<SqliteParityFile> CreateAsync()
    {
        var file = new SqliteParityFile();
        await using var db = file.Open();
        await db.Database.EnsureCreatedAsync();
        return file;
    }

    public ParityContext Open() => ParityContext.Create(b => b.UseSqlite(ConnectionString));

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_file + suffix);
        }

        return ValueTask.CompletedTask;
    }
}

public enum ParityMood
{
    Calm,
    Anxious,
}

public sealed class ParityRecord
{
    public Guid Id { get; set; }

    /// <summary>varchar(8).</summary>
    public string Name { get; set; } = "";

    /// <summary><c>character</c> (that is, character(1)) on PostgreSQL.</summary>
    public string Letter { get; set; } = "a";

    public int Version { get; set; }

    public ParityMood Mood { get; set; }

    public decimal Amount { get; set; }

    public DateTime At { get; set; }

    public DateTime? Until { get; set; }

    public byte[]? Blob { get; set; }

    public bool Flag { get; set; }

    public Guid Other { get; set; }

    public List<Guid> Tags { get; set; } = [];

    /// <summary>bit(3) on PostgreSQL; not mapped on SQLite.</summary>
    public System.Collections.BitArray Bits { get; set; } = new(3);

    public string? Note { get; set; }
}

public sealed class ParityChild
{
    public Guid Id { get; set; }

    public Guid RecordId { get; set; }

    public string Text { get; set; } = "";
}

/// <summary>A row of the types PostgreSQL's multi-row INSERT sends as arrays (PostgresUnnestInsert), nullable ones included.</summary>
public sealed class ParityReading
{
    public Guid Id { get; set; }

    /// <summary>varchar(8).</summary>
    public string Name { get; set; } = "";

    /// <summary><c>character</c> (character(1)) on PostgreSQL.</summary>
    public string Letter { get; set; } = "a";

    public ParityMood Mood { get; set; }

    public int? Count { get; set; }

    public long Big { get; set; }

    public decimal Amount { get; set; }

    public double Ratio { get; set; }

    public DateTime At { get; set; }

    public DateTime? Until { get; set; }

    public DateOnly Day { get; set; }

    public byte[]? Blob { get; set; }

    public bool? Flag { get; set; }

    public Guid? Other { get; set; }

    public string? Note { get; set; }
}

public sealed class ParityNode
{
    public Guid Id { get; set; }

    public Guid? ParentId { get; set; }

    public string Name { get; set; } = "";
}

public sealed class ParityContext(DbContextOptions<ParityContext> options, ModuleDbServices services) : ModuleDbContext(options, services)
{
    public override string ModuleName => "probes";

    public DbSet<ParityRecord> Records => Set<ParityRecord>();

    public DbSet<ParityChild> Children => Set<ParityChild>();

    public DbSet<ParityNode> Nodes => Set<ParityNode>();

    public DbSet<ParityReading> Readings => Set<ParityReading>();

    public static ParityContext Create(Action<DbContextOptionsBuilder<ParityContext>> provider)
    {
        var builder = new DbContextOptionsBuilder<ParityContext>();
        provider(builder);
        builder.ReplaceService<IModelCacheKeyFactory, ModuleModelCacheKeyFactory>();
        builder.AddInterceptors(ParityCommandLog.Interceptor);
        return new ParityContext(builder.Options,
            new ModuleDbServices(new FieldEncryption(), new AuditScope(TimeProvider.System), new OutboxSignal(), new NoJournal()));
    }

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ParityRecord>(b =>
        {
            b.ToTable("records");
            b.Property(r => r.Name).HasMaxLength(8);
            if (Database.IsNpgsql())
            {
                b.Property(r => r.Letter).HasColumnType("character");
                b.Property(r => r.Bits).HasColumnType("bit(3)");
            }
            else
            {
                b.Ignore(r => r.Bits);
            }

            b.Property(r => r.Version).IsConcurrencyToken();
            b.Property(r => r.Mood).HasConversion<string>().HasMaxLength(16);
            b.Property(r => r.Amount).HasPrecision(6, 3);
        });
        modelBuilder.Entity<ParityChild>(b =>
        {
            b.ToTable("children");
            b.HasOne<ParityRecord>().WithMany().HasForeignKey(c => c.RecordId);
        });
        modelBuilder.Entity<ParityReading>(b =>
        {
            b.ToTable("readings");
            b.Property(r => r.Name).HasMaxLength(8);
            if (Database.IsNpgsql())
            {
                b.Property(r => r.Letter).HasColumnType("character");
            }

            b.Property(r => r.Mood).HasConversion<string>().HasMaxLength(16);
            b.Property(r => r.Amount).HasPrecision(6, 3);
        });
        modelBuilder.Entity<ParityNode>(b =>
        {
            b.ToTable("nodes");
            b.HasOne<ParityNode>().WithMany().HasForeignKey(n => n.ParentId);
        });
    }

    /// <summary>No probe row is PHI: nothing is ever audited with a save here.</summary>
    private sealed class NoJournal : IAuditJournal
    {
        public Task WriteAsync(DatabaseFacade database, IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("No probe save carries audit records.");

        public bool TryAppend(DatabaseFacade database, IReadOnlyList<AuditRecord> records, System.Text.StringBuilder sql, List<object?> parameters) =>
            throw new InvalidOperationException("No probe save carries audit records.");
    }
}

/// <summary>The commands the probe contexts send while a log is started (one interceptor for every context: EF caches one service provider).</summary>
public sealed class ParityCommandLog : IDisposable
{
    private static readonly AsyncLocal<ParityCommandLog?> Current = new();

    public static readonly IInterceptor Interceptor = new Logging();

    public List<string> Texts { get; } = [];

    public static ParityCommandLog Start() => Current.Value = new ParityCommandLog();

    public void Dispose() => Current.Value = null;

    private sealed class Logging : DbCommandInterceptor
    {
        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            Current.Value?.Texts.Add(command.CommandText);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Current.Value?.Texts.Add(command.CommandText);
            return ValueTask.FromResult(result);
        }
    }
}
