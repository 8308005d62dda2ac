using System.Diagnostics;
using Telemed.Host.Cli;
using Telemed.Host.Platform;

var startup = Stopwatch.StartNew();
// Run from anywhere (the README runs it from the repository root): configuration files sit beside the binary.
var contentRootGiven = args.Any(a => a.Contains("contentRoot", StringComparison.OrdinalIgnoreCase))
    || File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"));
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = contentRootGiven ? null : AppContext.BaseDirectory,
});
if (HostCommands.IsReadOnly(args))
{
    // An auditor's check must not write to the database it is checking (nor checkpoint a live SQLite file).
    builder.Configuration["Database:ReadOnly"] = "true";
}

builder.AddTelemedPlatform();
var app = builder.Build();

if (HostCommands.IsCommand(args))
{
    return await HostCommands.RunAsync(app, args);
}

// Settings are checked before anything touches the database: a refused configuration changes nothing.
app.ValidateSettings();
var timings = new StartupTimings(startup);
timings.Mark("configuration");
await app.PrepareAsync(timings);
app.UseTelemedPipeline();
timings.Mark("pipeline");
app.Lifetime.ApplicationStarted.Register(() => timings.Report(app.Logger));
await app.RunAsync();
return 0;
