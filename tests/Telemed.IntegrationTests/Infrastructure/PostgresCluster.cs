using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Telemed.IntegrationTests.Infrastructure;

/// <summary>
/// A private PostgreSQL cluster of one test's own (own initdb, own free port on 127.0.0.1, own socket folder), for
/// scenarios that stop, restart or restore a server and so must never touch the shared one (<see cref="PostgresServer"/>).
/// Uses Debian's binaries (the test command installs <c>postgresql</c>) run as the <c>postgres</c> user, as initdb refuses root.
/// </summary>
/// <remarks>
/// <c>fsync=off</c> keeps initdb and checkpoints cheap; it loses data only when the operating system itself crashes, which
/// no test does. <c>synchronous_commit</c> stays on: an immediate shutdown (a crash of PostgreSQL) must keep every commit
/// that was acknowledged, which is what the restart scenarios check.
/// </remarks>
public sealed class PostgresCluster : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _dir;

    private PostgresCluster(string bin, string dir, int port)
    {
        _bin = bin;
        _dir = dir;
        Port = port;
    }

    /// <summary>The TCP port the cluster listens on (127.0.0.1 only).</summary>
    public int Port { get; }

    /// <summary>The cluster's data folder (owned by the postgres user).</summary>
    public string DataDirectory => Path.Combine(_dir, "data");

    /// <summary>The server's own log file, for failure messages.</summary>
    public string LogFile => Path.Combine(_dir, "server.log");

    /// <summary>Whether the server is running, as <c>pg_ctl status</c> says.</summary>
    public bool IsRunning => Run("runuser", $"-u postgres -- {_bin}/pg_ctl -D {DataDirectory} status", throwOnFailure: false) == 0;

    /// <summary>A connection string (Npgsql form, trust authentication as user postgres) for <paramref name="database"/>.</summary>
    public string ConnectionString(string database = "postgres") =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database, MaxPoolSize = 100 }.ToString();

    /// <summary>Creates a fresh cluster (initdb) on a free port and starts it. Takes about a second.</summary>
    /// <exception cref="InvalidOperationException">PostgreSQL is not installed, or initdb or the start failed (the message carries the tool's output).</exception>
    public static PostgresCluster Start()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException("PostgreSQL is not installed. Run the README's test command (scripts/test.sh), which installs it.");
        }

        var dir = Path.Combine(Path.GetTempPath(), "telemed-pgc-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        Run("chown", $"postgres:postgres {dir}");
        var cluster = new PostgresCluster(bin, dir, LoopbackPorts.Free());
        Run("runuser", $"-u postgres -- {bin}/initdb -D {cluster.DataDirectory} -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 -N");
        cluster.StartServer();
        return cluster;
    }

    /// <summary>Creates an empty database and answers its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string? name = null)
    {
        name ??= "telemed_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    /// <summary>
    /// <c>pg_ctl restart -m <paramref name="mode"/></c>: <c>fast</c> ends sessions and checkpoints; <c>immediate</c> kills the
    /// server without a checkpoint, so the start replays the write-ahead log (crash recovery). Returns once the server accepts connections.
    /// </summary>
    public void Restart(string mode = "fast")
    {
        Run("runuser", $"-u postgres -- {_bin}/pg_ctl -D {DataDirectory} -l {LogFile} -w -t 60 -m {mode} -o \"{ServerOptions}\" restart");
    }

    /// <summary>Stops the server (<c>fast</c>, <c>smart</c> or <c>immediate</c>), waiting until it is down.</summary>
    public void Stop(string mode = "fast") => Run("runuser", $"-u postgres -- {_bin}/pg_ctl -D {DataDirectory} -m {mode} -w -t 60 stop");

    /// <summary>Starts the server again after <see cref="Stop"/>, waiting until it accepts connections.</summary>
    public void StartServer() =>
        Run("runuser", $"-u postgres -- {_bin}/pg_ctl -D {DataDirectory} -l {LogFile} -w -t 60 -o \"{ServerOptions}\" start");

    /// <summary>The server log (for assertion messages).</summary>
    public string Log() => File.Exists(LogFile) ? File.ReadAllText(LogFile) : "(no server log)";

    public ValueTask DisposeAsync()
    {
        try
        {
            if (IsRunning)
            {
                Stop("immediate");
            }

            Directory.Delete(_dir, recursive: true);
        }
        catch (Exception)
        {
            // Best effort: a leftover temp cluster is not worth failing the test for.
        }

        return ValueTask.CompletedTask;
    }

    private string ServerOptions => $"-c listen_addresses=127.0.0.1 -p {Port} -k {_dir} -c fsync=off -c max_connections=200";

    private static int Run(string file, string arguments, bool throwOnFailure = true)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        var exited = process.WaitForExit(90_000);
        if (throwOnFailure && (!exited || process.ExitCode != 0))
        {
            throw new InvalidOperationException($"{file} {arguments} failed: {output.Result} {error.Result}");
        }

        return exited ? process.ExitCode : -1;
    }
}
