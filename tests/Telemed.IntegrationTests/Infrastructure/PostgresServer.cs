using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Telemed.IntegrationTests.Infrastructure;

/// <summary>
/// A real PostgreSQL server for the test run: the one named by TELEMED_TEST_POSTGRES, or a throwaway
/// cluster this process creates with Debian's binaries (installed by the test command) and stops at exit.
/// </summary>
public static class PostgresServer
{
    private static readonly Lazy<string> Server = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    public static async Task<string> CreateDatabaseAsync()
    {
        var admin = Server.Value;
        var name = "telemed_test_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString();
    }

    private static string Start()
    {
        if (Environment.GetEnvironmentVariable("TELEMED_TEST_POSTGRES") is { Length: > 0 } given)
        {
            return given;
        }

        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException("PostgreSQL is not installed. Run the README's test command (scripts/test.sh), which installs it, or set TELEMED_TEST_POSTGRES.");
        }

        RemoveAbandoned(bin);
        var dir = Path.Combine(Path.GetTempPath(), "telemed-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, OwnerFile), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Run("chown", $"postgres:postgres {dir}");
        var port = LoopbackPorts.Free();
        Run("runuser", $"-u postgres -- {bin}/initdb -D {dir}/data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 -N");
        // fsync off is fine for tests (never for the benchmark, which claims durability). Many hosts share this server at
        // once (test classes in parallel, three-host clusters), each with a pool that bursts to 200 under the contention
        // tests, so the server allows more connections than they can hold together; otherwise a burst meets 53300 (too
        // many clients), which the host rightly answers as 503 database.unavailable.
        Run("runuser", $"-u postgres -- {bin}/pg_ctl -D {dir}/data -l {dir}/server.log -w -t 30 -o \"-c listen_addresses=127.0.0.1 -p {port} -k {dir} -c fsync=off -c synchronous_commit=off -c max_connections=1000\" start");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Run("runuser", $"-u postgres -- {bin}/pg_ctl -D {dir}/data -m immediate -w stop");
                Directory.Delete(dir, recursive: true);
            }
            catch (Exception)
            {
                // Best effort at exit: a leftover temp cluster is not worth failing the run for.
            }
        };
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Maximum Pool Size=200;Connection Idle Lifetime=20";
    }

    private const string OwnerFile = "owner.pid";

    /// <summary>
    /// Stops and removes the clusters of earlier runs whose test process is gone: the exit handler above does not run when the
    /// runner kills its test host (a cancelled or timed-out run), and each such run left a running server and 1.4 GB in the temp
    /// folder; on a developer's machine they filled the disk until a benchmark's PostgreSQL stopped. A cluster without an owner
    /// file, or whose owner still runs (another test run at the same time), is left alone.
    /// </summary>
    private static void RemoveAbandoned(string bin)
    {
        foreach (var dir in Directory.GetDirectories(Path.GetTempPath(), "telemed-pg-*"))
        {
            var owner = Path.Combine(dir, OwnerFile);
            if (!File.Exists(owner) || !int.TryParse(File.ReadAllText(owner), out var pid) || IsRunning(pid))
            {
                continue;
            }

            try
            {
                if (File.Exists(Path.Combine(dir, "data", "postmaster.pid")))
                {
                    Run("runuser", $"-u postgres -- {bin}/pg_ctl -D {dir}/data -m immediate -w stop");
                }

                Directory.Delete(dir, recursive: true);
            }
            catch (Exception)
            {
                // Best effort: a cluster that will not stop or go away is not worth failing this run for.
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void Run(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} failed: {output.Result} {error.Result}");
        }
    }
}
