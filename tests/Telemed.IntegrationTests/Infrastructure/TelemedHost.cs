using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Time;

namespace Telemed.IntegrationTests.Infrastructure;

/// <summary>
/// The real host on a real port, on a fresh SQLite file or PostgreSQL database, with the demo clinic seeded; in the
/// Development environment unless <c>environment</c> says otherwise (e.g. <c>"Production"</c>, which needs real e-mail
/// and SMS channels: see <see cref="SmtpTestServer.HostSettings"/> and <see cref="FakeTwilioServer.HostSettings"/>).
/// </summary>
public class TelemedHost : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly DatabaseProvider _provider;
    private string? _connectionString;

    public TelemedHost(DatabaseProvider provider, IDictionary<string, string?>? settings = null, string environment = "Development")
    {
        _provider = provider;
        Environment = environment;
        Settings = settings ?? new Dictionary<string, string?>();
        DataDirectory = Path.Combine(Path.GetTempPath(), "telemed-test-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(DataDirectory);
    }

    /// <summary>A second life of <paramref name="previous"/>: the same database and keys, as after a restart.</summary>
    public TelemedHost(TelemedHost previous, IDictionary<string, string?>? settings = null) : this(previous.Provider, settings ?? previous.Settings, previous.Environment)
    {
        Directory.Delete(DataDirectory);
        DataDirectory = previous.DataDirectory;
        _connectionString = previous.ConnectionString;
        previous.KeepDataOnDispose = true;
    }

    /// <summary>
    /// A PostgreSQL host on a database and data folder given by the test (e.g. a private <see cref="PostgresCluster"/>'s, or a
    /// restored backup's): the data folder is kept at dispose, as the test owns it.
    /// </summary>
    public TelemedHost(string postgresConnectionString, string dataDirectory, IDictionary<string, string?>? settings = null)
        : this(DatabaseProvider.Postgres, settings)
    {
        Directory.Delete(DataDirectory);
        DataDirectory = dataDirectory;
        Directory.CreateDirectory(dataDirectory);
        _connectionString = postgresConnectionString;
        KeepDataOnDispose = true;
    }

    /// <summary>
    /// A sibling running at the same time as <paramref name="first"/>, as a second host behind a load balancer: the same
    /// database, data directory and keys. <paramref name="first"/> keeps the data and cleans it up: dispose the sibling first.
    /// </summary>
    protected TelemedHost(TelemedHost first, IDictionary<string, string?>? settings, bool concurrent) : this(first, settings)
    {
        if (concurrent)
        {
            first.KeepDataOnDispose = false;
            KeepDataOnDispose = true;
        }
    }

    /// <summary>Set when another host will carry on with this one's data.</summary>
    public bool KeepDataOnDispose { get; set; }

    public IDictionary<string, string?> Settings { get; }

    /// <summary>The host environment's name: <c>Development</c> (the default) or e.g. <c>Production</c>.</summary>
    public string Environment { get; }
    public DatabaseProvider Provider => _provider;
    public string DataDirectory { get; }
    public string ConnectionString => _connectionString ?? throw new InvalidOperationException("Not started.");
    public MutableTimeProvider Clock { get; } = MutableTimeProvider.StartingNow();

    /// <summary>PBKDF2 rounds for passwords hashed by test hosts (production: Identity's default, 100,000).</summary>
    public const int TestPasswordRounds = 1_000;

    public ConcurrentQueue<string> Logs { get; } = new();
    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _connectionString ??= _provider == DatabaseProvider.Postgres
            ? await PostgresServer.CreateDatabaseAsync()
            : $"Data Source={Path.Combine(DataDirectory, "telemed.db")};Default Timeout=30";
        UseKestrel(0);
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (KeepDataOnDispose)
        {
            return;
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the temp folder is cleaned by the OS.
        }
    }

    public ApiClient CreateApiClient() => new(BaseAddress, this);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        builder.UseSetting("Database:Provider", _provider.ToString());
        builder.UseSetting("Database:ConnectionString", ConnectionString);
        builder.UseSetting("Encryption:AllowDevelopmentKeys", "true");
        builder.UseSetting("DemoClinic:Seed", "true");
        // Tests (and the browser tests' host) keep the demo clinic still: no seeded visits or waiting requests. DemoInMotionHost turns it on.
        builder.UseSetting("Demo:InMotion", "false");
        builder.UseSetting("RateLimiting:AuthPermitsPerMinute", "100000");
        builder.UseSetting("RateLimiting:PublicPermitsPerMinute", "100000");
        builder.UseSetting("urls", "http://127.0.0.1:0");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(new CapturingLoggerProvider(Logs)));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            // The same PBKDF2 hasher with fewer rounds than production's 100,000: every host seeds 39 demo accounts and the
            // suites sign in thousands of times, which at ~90 ms a hash was CI's largest single CPU cost. Stored hashes
            // carry their round count, so nothing else changes.
            services.Configure<PasswordHasherOptions>(options => options.IterationCount = TestPasswordRounds);
            services.AddSingleton(TotpDeviceClock.For(ConnectionString));
        });
    }
}

public sealed class SqliteHost() : TelemedHost(DatabaseProvider.Sqlite);

public sealed class PostgresHost() : TelemedHost(DatabaseProvider.Postgres);

/// <summary>Keeps every log line the host writes (message and exception text), to prove none carries PHI.</summary>
public sealed class CapturingLoggerProvider(ConcurrentQueue<string> sink) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(sink, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<string> sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
