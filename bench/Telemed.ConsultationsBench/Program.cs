using System.Globalization;
using Telemed.ConsultationsBench;

// Consultations benchmark steps; bench/run-consultations.sh runs them in order and merges the results.
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: Telemed.ConsultationsBench echo|chat|idle-connections|calls|report --option value ...");
    return 2;
}

var options = Options.Parse(args[1..]);
switch (args[0])
{
    case "echo":
        await EchoServer.RunAsync(options.Need("urls"));
        return 0;
    case "chat":
        await ChatBench.RunAsync(options);
        return 0;
    case "idle-connections":
        await IdleBench.RunAsync(options);
        return 0;
    case "calls":
        await CallBench.RunAsync(options);
        return 0;
    case "report":
        await Report.RunAsync(options);
        return 0;
    default:
        Console.Error.WriteLine($"unknown step '{args[0]}'");
        return 2;
}

internal sealed class Options
{
    private readonly Dictionary<string, string?> _map = new(StringComparer.Ordinal);

    public static Options Parse(string[] args)
    {
        var options = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}'.");
            }

            var key = args[i][2..];
            var value = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null;
            options._map[key] = value;
        }

        return options;
    }

    public bool Has(string key) => _map.ContainsKey(key);

    public string? Get(string key) => _map.GetValueOrDefault(key);

    public string Need(string key) => Get(key) ?? throw new ArgumentException($"--{key} is required.");

    public int Int(string key, int fallback) => Get(key) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public double Double(string key, double fallback) => Get(key) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public int? Pid(string key) => Get(key) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : null;

    public IReadOnlyList<double> Doubles(string key, string fallback) =>
        (Get(key) ?? fallback).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToList();
}
