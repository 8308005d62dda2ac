using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Clinical.Infrastructure;

namespace Telemed.Modules.Clinical.Formulary.ImportFormulary;

/// <summary>
/// POST /admin/formulary/import?edition=clinic-2026: an admin loads a formulary file as the request body (text/plain,
/// UTF-8, the tab-separated layout of <see cref="FormularyFiles"/>). New codes are added, known ones replaced; bad lines
/// are reported by number. Errors: 400 <c>clinical.bad_edition</c>, 400 <c>validation.failed</c> naming <c>lines[n].column</c> for a
/// field over its cap (nothing stored), 422 <c>clinical.empty_import</c> (no readable line).
/// Audited as <c>formulary.import</c>.
/// </summary>
internal static partial class ImportFormulary
{
    public static readonly Error BadEdition = Error.Validation("clinical.bad_edition",
        "Name the edition with 1–40 lower-case letters, digits, '-' or '.', e.g. clinic-2026.");

    public static readonly Error EmptyImport = new("clinical.empty_import", "No line of the file could be read as a formulary medicine.", ErrorKind.Unprocessable);

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{0,39}$")]
    private static partial Regex EditionName();

    public static async Task<Results<Ok<FormularyImportResult>, ProblemHttpResult>> EndpointAsync(string? edition, HttpRequest request,
        FormularyCatalogue catalogue, AuditScope audit, CancellationToken ct)
    {
        if (edition is null || !EditionName().IsMatch(edition))
        {
            return Problems.From(BadEdition);
        }

        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, ct);
        body.Position = 0;
        using var reader = new StreamReader(body, Encoding.UTF8);
        var limits = new ImportFieldLimits();
        var (medicines, rejected) = FormularyFiles.Parse(reader, edition, limits);
        if (limits.Refusal is { } tooLong)
        {
            return Problems.From(tooLong);
        }

        if (medicines.Count == 0)
        {
            return Problems.From(EmptyImport);
        }

        var (added, updated) = await catalogue.UpsertAsync(medicines, ct);
        audit.Record("formulary.import", AuditOutcome.Success, "Formulary", edition);
        return TypedResults.Ok(new FormularyImportResult(added, updated, rejected.Count, [.. rejected.Take(50)]));
    }
}
