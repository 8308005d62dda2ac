using System.Globalization;
using System.Text.Json;

namespace Telemed.ConsultationsBench;

/// <summary>What many idle chat connections cost the host: its resident memory before and after, per connection.</summary>
internal sealed record IdleRun(string Label, string Environment, string LoadAtStart, DateTime At, int Connections, int Groups, double ConnectSeconds, int Retries,
    string? FirstError, Stats Join, long? RssBeforeKb, long? RssAfterKb, long? RssSettledKb, double? KbPerConnection, int FileLimit);

/// <summary>
/// Opens N connections to /hubs/chat from the same Node driver (official client, WebSockets without negotiation), each joined
/// to one of the bench's conversations, and lets them sit idle: (host RSS after − before) ÷ N is the memory of one idle
/// connection, everything it holds included (Kestrel, SignalR, the session registry, the chat's per-connection state).
/// </summary>
internal static class IdleBench
{
    public static async Task RunAsync(Options o)
    {
        var connections = o.Int("connections", 19_000);
        var groups = o.Int("groups", 50);
        var serverPid = o.Pid("server-pid");
        var label = o.Get("label") ?? "idle";
        var loadAtStart = Machine.LoadAverage();
        Console.WriteLine($"== {label}: {connections:N0} idle connections, each joined to one of {groups} conversations");
        var specs = await ChatBench.CreateConversationsAsync(o.Need("base-url"), groups);
        var url = o.Need("base-url").TrimEnd('/') + "/hubs/chat";

        await using var driver = Driver.Start(o.Need("driver"));
        await Task.Delay(TimeSpan.FromSeconds(3));
        var before = serverPid is { } p0 ? Machine.RssKb(p0) : null;
        var connect = await driver.AskAsync<ConnectResult>(new { cmd = "connect", target = "signalr", url, groups = specs, perGroup = connections / groups, bodyLength = 120, width = 64, skipNegotiation = true });
        Console.WriteLine($"   connected {connect.Connections:N0} in {connect.Seconds:N1} s ({connect.Retries} retries{(connect.FirstError is null ? "" : ": " + connect.FirstError)})");
        await Task.Delay(TimeSpan.FromSeconds(10));
        var after = serverPid is { } p1 ? Machine.RssKb(p1) : null;
        await Task.Delay(TimeSpan.FromSeconds(20));
        var settled = serverPid is { } p2 ? Machine.RssKb(p2) : null;
        double? perConnection = before is { } b && settled is { } s ? (double)(s - b) / connect.Connections : null;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"   server RSS {before / 1024:N0} MB before, {after / 1024:N0} MB 10 s after connecting, {settled / 1024:N0} MB 30 s after: {perConnection:N1} kB per idle connection"));
        await driver.AskAsync<JsonElement>(new { cmd = "quit" });

        var run = new IdleRun(label, Machine.Describe(), loadAtStart, DateTime.UtcNow, connect.Connections, groups, connect.Seconds, connect.Retries, connect.FirstError,
            connect.Join, before, after, settled, perConnection, FileLimit());
        await File.WriteAllTextAsync(o.Need("out"), JsonSerializer.Serialize(run, Api.Json));
    }

    /// <summary>This process's open-file limit (the host is started from the same shell): it caps the connections one process can hold.</summary>
    private static int FileLimit()
    {
        var line = File.Exists("/proc/self/limits") ? File.ReadLines("/proc/self/limits").FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal)) : null;
        return line is null ? 0 : int.Parse(line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture);
    }
}
