using Telemed.Host.Cli;
using Telemed.Host.Platform;

// Run from anywhere (the README runs it from the repository root): configuration files sit beside the binary.
var contentRootGiven = args.Any(a => a.Contains("contentRoot", StringComparison.OrdinalIgnoreCase))
    || File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"));
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = contentRootGiven ? null : AppContext.BaseDirectory,
});
builder.AddTelemedPlatform();
var app = builder.Build();

if (HostCommands.IsCommand(args))
{
    return await HostCommands.RunAsync(app, args);
}

await app.PrepareAsync();
app.UseTelemedPipeline();
await app.RunAsync();
return 0;
