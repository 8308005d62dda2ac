using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Data.Migrations;
using Telemed.BuildingBlocks.Security;
using Telemed.Modules.Audit;

namespace Telemed.Host.Cli;

/// <summary>
/// Operator commands on the same configuration as the server:
/// <c>audit verify</c>, <c>clinical verify &lt;consultationId&gt;</c> (exit 0 valid, 1 invalid, 2 no signed protocol), <c>keys rotate</c>, <c>db migrate</c>, <c>db script &lt;folder&gt;</c>.
/// </summary>
public static class HostCommands
{
    private static readonly string[][] Known = [["audit", "verify"], ["clinical", "verify"], ["keys", "rotate"], ["db", "migrate"], ["db", "script"]];

    public static bool IsReadOnly(string[] args) => args.Length >= 2 && args[0] is ("audit" or "clinical") && args[1] == "verify";

    public static bool IsCommand(string[] args) => args.Length >= 2 && Known.Any(k => k[0] == args[0] && k[1] == args[1]);

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var dataDirectory = Platform.PlatformServices.DataDirectory(app.Configuration);
        switch (args[0], args[1])
        {
            case ("audit", "verify"):
            {
                await app.Services.GetRequiredService<KeyRing>().LoadAsync(dataDirectory);
                var report = await AuditModule.VerifyChainAsync(app.Services);
                Console.WriteLine(report.Intact
                    ? $"Audit trail intact: {report.CheckedEntries} entries verified."
                    : $"Audit trail BROKEN at entry {report.FirstBrokenSequence}: {report.Problem} ({report.CheckedEntries} entries verified before it).");
                if (report.UnsealedEntries > 0)
                {
                    // Read-only: this command never seals; the running host does within seconds.
                    Console.WriteLine($"Not yet sealed: {report.UnsealedEntries} entries (ids {report.FirstUnsealedId} to {report.LastUnsealedId}); the chain does not cover them yet.");
                }

                return report.Intact ? 0 : 2;
            }

            case ("clinical", "verify"):
                // Read-only like the audit check: the protocol's encrypted sections need the data keys, nothing is written.
                await app.Services.GetRequiredService<KeyRing>().LoadAsync(dataDirectory);
                return await Telemed.Modules.Clinical.Protocols.VerifyProtocol.ProtocolVerificationCommand.RunAsync(app.Services,
                    args.Length > 2 ? args[2] : "", Console.Out);

            case ("keys", "rotate"):
            {
                await app.Services.GetRequiredService<MigrationRunner>().ApplyAsync();
                var id = await app.Services.GetRequiredService<KeyRing>().RotateDataKeyAsync(dataDirectory);
                Console.WriteLine($"New active data key: {id}. Existing values stay readable with their own keys.");
                return 0;
            }

            case ("db", "migrate"):
                await app.Services.GetRequiredService<MigrationRunner>().ApplyAsync();
                Console.WriteLine("Migrations applied.");
                return 0;

            case ("db", "script"):
                return WriteCreateScripts(app, args.Length > 2 ? args[2] : "migrations-out");

            default:
                return 1;
        }
    }

    /// <summary>
    /// Writes what the current model would create, per module, for the configured provider: the
    /// starting point of a new migration (EF's design-time tools are not available here).
    /// </summary>
    private static int WriteCreateScripts(WebApplication app, string folder)
    {
        var provider = app.Services.GetRequiredService<DatabaseConnection>().Options.Provider;
        using var scope = app.Services.CreateScope();
        foreach (var module in app.Services.GetServices<ModuleMigrations>())
        {
            var context = (DbContext)scope.ServiceProvider.GetRequiredService(module.ContextType);
            var path = Path.Combine(folder, module.ModuleName, provider.ToString(), "model.sql");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, context.Database.GenerateCreateScript());
            Console.WriteLine(path);
        }

        return 0;
    }
}
