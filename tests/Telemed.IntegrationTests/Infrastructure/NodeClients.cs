using System.Diagnostics;
using System.Text;
using System.Threading.Channels;

namespace Telemed.IntegrationTests.Infrastructure;

/// <summary>Runs the standard JavaScript clients in tests/js (the official SignalR client, ical.js) with Node.</summary>
public static class NodeClients
{
    public static string Folder { get; } = FindFolder();

    private static string FindFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Telemed.slnx")))
            {
                return Path.Combine(dir.FullName, "tests", "js");
            }
        }

        throw new InvalidOperationException("The repository root (Telemed.slnx) was not found above the test binaries.");
    }

    public static async Task<string> RunAsync(string script, params string[] args)
    {
        using var process = Process.Start(Start(script, args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"node {script} failed ({process.ExitCode}): {await error}");
        }

        return await output;
    }

    public static LineProcess StartLines(string script, params string[] args) => new(Process.Start(Start(script, args))!);

    private static ProcessStartInfo Start(string script, string[] args)
    {
        var info = new ProcessStartInfo("node") { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        info.ArgumentList.Add(Path.Combine(Folder, script));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return info;
    }
}

/// <summary>A running Node client whose stdout lines can be awaited one by one.</summary>
public sealed class LineProcess : IDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly StringBuilder _errors = new();

    public LineProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _lines.Writer.TryComplete();
            }
            else
            {
                _lines.Writer.TryWrite(e.Data);
            }
        };
        _process.ErrorDataReceived += (_, e) => _errors.AppendLine(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public async Task SendLineAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    public async Task<string> NextLineAsync(Func<string, bool> predicate, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var line = await _lines.Reader.ReadAsync(cancel.Token);
                if (predicate(line))
                {
                    return line;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            throw new TimeoutException($"No matching line from the Node client. Its errors: {_errors}");
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        _process.Dispose();
    }
}
