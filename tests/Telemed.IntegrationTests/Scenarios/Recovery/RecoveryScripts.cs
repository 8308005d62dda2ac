using System.Diagnostics;

namespace Telemed.IntegrationTests.Scenarios.Recovery;

/// <summary>Runs the repository's operator scripts (scripts/backup.sh, scripts/restore.sh) and the host's CLI as an operator would.</summary>
internal static class RecoveryScripts
{
    public sealed record Outcome(int ExitCode, string StandardOutput, string StandardError)
    {
        public string All => StandardOutput + "\n" + StandardError;
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Telemed.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Telemed.slnx not found above the test binaries.");
    }

    /// <summary>bash scripts/<paramref name="script"/> with <paramref name="arguments"/>.</summary>
    public static Task<Outcome> BashAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot(), "scripts", script), .. arguments]);
        // The scripts also read the host's settings and libpq's variables from the environment: only what the test passes may count.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("Database__", StringComparison.Ordinal) || k.StartsWith("Storage__", StringComparison.Ordinal)
                     || k.StartsWith("Encryption__", StringComparison.Ordinal) || k.StartsWith("PG", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        return RunAsync(start);
    }

    /// <summary>The host's <c>audit verify</c> command on the given database and data folder (exit 0 intact, 2 broken).</summary>
    public static Task<Outcome> AuditVerifyAsync(string connectionString, string dataDirectory)
    {
        var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location, "audit", "verify"]) { WorkingDirectory = dataDirectory };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Storage__DataDirectory"] = dataDirectory;
        start.Environment["Database__Provider"] = "Postgres";
        start.Environment["Database__ConnectionString"] = connectionString;
        start.Environment["Encryption__AllowDevelopmentKeys"] = "true";
        start.Environment["DemoClinic__Seed"] = "false";
        return RunAsync(start);
    }

    private static async Task<Outcome> RunAsync(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(180));
        return new Outcome(process.ExitCode, await output, await error);
    }
}
