using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Modules;
using Telemed.Modules.Clinical.Infrastructure;

namespace Telemed.Modules.Clinical.Formulary;

/// <summary>
/// Loads the bundled demo formulary (<c>Formulary/formulary-common.tsv</c>: ~40 common outpatient medicines with their
/// sources) at start-up while the formulary is empty, so a new clinic can prescribe from its first visit. A clinic that
/// imported its own keeps it.
/// </summary>
internal sealed class BundledFormulary(ClinicalDbContext db, FormularyCatalogue catalogue, ILogger<BundledFormulary> logger) : IStartupTask
{
    public const string Edition = "bundled-demo";

    public static IReadOnlyList<FormularyMedicine> Read()
    {
        using var stream = typeof(BundledFormulary).Assembly.GetManifestResourceStream("Telemed.Modules.Clinical.Formulary.formulary-common.tsv")
            ?? throw new InvalidOperationException("The bundled formulary is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var (medicines, rejected) = FormularyFiles.Parse(reader, Edition);
        return rejected.Count == 0 ? medicines : throw new InvalidOperationException($"The bundled formulary has unreadable lines: {string.Join(", ", rejected)}.");
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (await db.Formulary.AnyAsync(cancellationToken))
        {
            return;
        }

        try
        {
            var (added, _) = await catalogue.UpsertAsync(Read(), cancellationToken);
            logger.LogInformation("Loaded {Count} bundled formulary medicines", added);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Another host loaded them at the same moment.
        }
    }
}
