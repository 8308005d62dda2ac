using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Modules;
using Telemed.Modules.Clinical.Infrastructure;

namespace Telemed.Modules.Clinical.Icd10;

/// <summary>
/// Loads the bundled list of common outpatient codes (<c>Icd10/icd10-common.tsv</c>, WHO ICD-10 titles with Russian
/// МКБ-10 titles) at start-up when the catalogue is empty, so a new clinic can document from its first visit. A clinic that
/// imports a full edition keeps it: the list is not loaded over a non-empty catalogue.
/// </summary>
internal sealed class BundledIcd10Codes(ClinicalDbContext db, Icd10Catalogue catalogue, ILogger<BundledIcd10Codes> logger) : IStartupTask
{
    public const string Edition = "who-common";

    public static IReadOnlyList<Icd10Entry> Read()
    {
        using var stream = typeof(BundledIcd10Codes).Assembly.GetManifestResourceStream("Telemed.Modules.Clinical.Icd10.icd10-common.tsv")
            ?? throw new InvalidOperationException("The bundled ICD-10 list is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var (entries, rejected) = Icd10Files.Parse(reader);
        return rejected.Count == 0 ? entries : throw new InvalidOperationException($"The bundled ICD-10 list has unreadable lines: {string.Join(", ", rejected)}.");
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (await db.Icd10Codes.AnyAsync(cancellationToken))
        {
            return;
        }

        try
        {
            var (added, _) = await catalogue.UpsertAsync(Read(), Edition, cancellationToken);
            logger.LogInformation("Loaded {Count} bundled ICD-10 codes", added);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Another host loaded them at the same moment.
        }
    }
}
