using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Telemed.CrashBench;

/// <summary>
/// The host as its own process (<c>dotnet Telemed.Host.dll</c>, Release), always on the same data folder and database, its
/// output appended to one log with a marker line per start. <see cref="KillHard"/> sends SIGKILL: no shutdown hooks, no
/// flushing, exactly what <c>kill -9</c> does.
/// </summary>
internal sealed partial class HostProcess(Options options)
{
    private Process? process;

    public string BaseUrl => $"http://127.0.0.1:{options.Port}";
    public int? Pid => process is { HasExited: false } ? process.Id : null;

    /// <summary>Starts the host and waits for <c>/health/ready</c>; returns the seconds it took. Throws with the log's tail when it does not come up.</summary>
    public async Task<double> StartAsync(string label)
    {
        await File.AppendAllTextAsync(options.HostLog, $"=== {DateTime.UtcNow:O} start: {label}\n");
        var watch = Stopwatch.StartNew();
        // bash only sets up the redirection and then execs dotnet, so the PID we kill is the host itself.
        var start = new ProcessStartInfo("bash") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("log=$1; shift; exec \"$@\" >>\"$log\" 2>&1");
        start.ArgumentList.Add("host");
        start.ArgumentList.Add(options.HostLog);
        start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add(options.HostDll);
        foreach (var arg in HostArguments())
        {
            start.ArgumentList.Add(arg);
        }

        process = Process.Start(start)!;
        if (options.Get("pid-file") is { } pidFile)
        {
            // For the script's clean-up, should this driver itself be interrupted.
            await File.WriteAllTextAsync(pidFile, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var ready = await Api.WaitReadyAsync(BaseUrl, TimeSpan.FromSeconds(options.ReadyTimeoutSeconds), () => !process.HasExited);
        if (!ready)
        {
            var tail = string.Join('\n', (await File.ReadAllLinesAsync(options.HostLog)).TakeLast(40));
            throw new InvalidOperationException($"The host did not become ready ({(process.HasExited ? $"exited with {process.ExitCode}" : "timed out")}):\n{tail}");
        }

        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>SIGKILL (what <c>kill -9</c> sends; .NET's <see cref="Process.Kill()"/> uses it on Unix), then waits until the process is gone.</summary>
    public void KillHard()
    {
        if (process is null)
        {
            return;
        }

        process.Kill();
        process.WaitForExit();
    }

    /// <summary>A normal stop (SIGTERM) at the end of the run.</summary>
    public async Task StopAsync()
    {
        if (options.Get("pid-file") is { } pidFile)
        {
            File.Delete(pidFile);
        }

        if (process is null || process.HasExited)
        {
            return;
        }

        using var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await term.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
        }
    }

    /// <summary>
    /// Lines the host logged at <c>fail</c> or <c>crit</c> since the last start marker (the console logger's level prefixes), except
    /// EF Core's reports of unique-key violations the application handles (a contested slot answers 409; a notice already claimed
    /// is not sent twice): EF logs those at Error before the application catches them. Log scopes (connection and request ids)
    /// may stand between the category and the message.
    /// </summary>
    public async Task<List<string>> ErrorsSinceLastStartAsync()
    {
        var lines = await File.ReadAllLinesAsync(options.HostLog);
        var last = Array.FindLastIndex(lines, l => l.StartsWith("=== ", StringComparison.Ordinal));
        return lines.Skip(last + 1).Where(l => ErrorLine().IsMatch(l) && !HandledUniqueViolation().IsMatch(l)).ToList();
    }

    public IEnumerable<string> HostArguments()
    {
        yield return "--urls";
        yield return BaseUrl;
        yield return "--environment";
        yield return "Development";
        yield return $"--Storage:DataDirectory={options.DataDirectory}";
        yield return "--Encryption:AllowDevelopmentKeys=true";
        yield return "--DemoClinic:Seed=true";
        // The benchmarks measure the still demo clinic, as they did before the demo was set in motion.
        yield return "--Demo:InMotion=false";
        yield return "--Logging:LogLevel:Default=Warning";
        // Every cycle signs the simulated users in again; the default limit (10 a minute) is for people.
        yield return "--RateLimiting:AuthPermitsPerMinute=100000";
        if (options.Provider == "postgres")
        {
            yield return "--Database:Provider=Postgres";
            yield return $"--Database:ConnectionString={options.ConnectionString}";
        }
    }

    /// <summary>The operator command on the same configuration: <c>audit verify</c> (opens the database read-only).</summary>
    public async Task<(int ExitCode, string Output, double Seconds)> AuditVerifyAsync()
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(options.HostDll);
        start.ArgumentList.Add("audit");
        start.ArgumentList.Add("verify");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Storage__DataDirectory"] = options.DataDirectory;
        start.Environment["Encryption__AllowDevelopmentKeys"] = "true";
        start.Environment["DemoClinic__Seed"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        if (options.Provider == "postgres")
        {
            start.Environment["Database__Provider"] = "Postgres";
            start.Environment["Database__ConnectionString"] = options.ConnectionString;
        }

        var watch = Stopwatch.StartNew();
        using var verify = Process.Start(start)!;
        var output = verify.StandardOutput.ReadToEndAsync();
        var error = verify.StandardError.ReadToEndAsync();
        await verify.WaitForExitAsync();
        return (verify.ExitCode, ((await output) + (await error)).Trim(), watch.Elapsed.TotalSeconds);
    }

    [GeneratedRegex(@"^(\d\d:\d\d:\d\d )?\s*(fail|crit):|Unhandled exception", RegexOptions.IgnoreCase)]
    private static partial Regex ErrorLine();

    [GeneratedRegex(@"Microsoft\.EntityFrameworkCore\.Database\.Command\[20102\] (=> .* )?Failed executing DbCommand .*INSERT INTO|Microsoft\.EntityFrameworkCore\.Update\[10000\].*(UNIQUE constraint failed|23505: duplicate key)")]
    private static partial Regex HandledUniqueViolation();
}
