using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Telemed.Host.Platform;

/// <summary>
/// How long each start-up step took (milliseconds since the process's <c>Main</c> began), logged once the host listens,
/// so a slow start names its step: <c>Ready in 1234 ms (configuration 300, migrations 120, ...)</c>.
/// </summary>
public sealed class StartupTimings(Stopwatch sinceStart)
{
    private readonly List<(string Step, long Milliseconds)> _steps = [];
    private long _last;

    /// <summary>Ends the step called <paramref name="step"/> now.</summary>
    public void Mark(string step)
    {
        var now = sinceStart.ElapsedMilliseconds;
        _steps.Add((step, now - _last));
        _last = now;
    }

    public void Report(ILogger logger)
    {
        Mark("listening");
        logger.LogInformation("Ready in {ElapsedMilliseconds} ms ({Steps})", sinceStart.ElapsedMilliseconds,
            string.Join(", ", _steps.Select(s => $"{s.Step} {s.Milliseconds}")));
    }
}

public static class SettingsValidation
{
    /// <summary>
    /// Runs every start-up check of the options (the ones registered with <c>ValidateOnStart</c>) now, and logs what is
    /// wrong as one critical line naming the settings, before the exception stops the host.
    /// </summary>
    /// <exception cref="OptionsValidationException">A setting is missing or wrong (all failures, each naming its setting).</exception>
    public static void ValidateSettings(this WebApplication app)
    {
        try
        {
            app.Services.GetService<IStartupValidator>()?.Validate();
        }
        catch (Exception e) when (Failures(e) is { Count: > 0 } failures)
        {
            app.Logger.LogCritical("The host will not start; fix these settings:\n{Failures}", string.Join("\n", failures.Select(f => "- " + f)));
            throw;
        }
    }

    private static List<string> Failures(Exception e) => e switch
    {
        OptionsValidationException validation => [.. validation.Failures],
        AggregateException aggregate => [.. aggregate.InnerExceptions.SelectMany(Failures)],
        _ => [],
    };
}
