using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Clinical.Infrastructure;

namespace Telemed.Modules.Clinical.Icd10.ImportIcd10;

/// <summary>
/// POST /admin/icd10/import?edition=icd10cm-2026: an admin loads a code file as the request body (text/plain, UTF-8, ≤ 30 MB):
/// CMS's ICD-10-CM <c>icd10cm_codes_YYYY.txt</c> or <c>icd10cm_order_YYYY.txt</c>, or a tab-separated
/// <c>code, English[, Russian]</c> file (see docs/clinical.md). New codes are added, known ones retitled. Errors: 400
/// <c>clinical.bad_edition</c> (edition must be 1–40 of a-z, 0-9, '-', '.'), 400 <c>validation.failed</c> naming
/// <c>lines[n].titleEn</c>/<c>titleRu</c> for a title over 400 characters (nothing stored), 422 <c>clinical.empty_import</c> (no readable
/// line). Audited as <c>icd10.import</c>.
/// </summary>
internal static partial class ImportIcd10
{
    public static readonly Error BadEdition = Error.Validation("clinical.bad_edition",
        "Name the edition with 1–40 lower-case letters, digits, '-' or '.', e.g. icd10cm-2026.");

    public static readonly Error EmptyImport = new("clinical.empty_import", "No line of the file could be read as an ICD-10 code.", ErrorKind.Unprocessable);

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{0,39}$")]
    private static partial Regex EditionName();

    public static async Task<Results<Ok<Icd10ImportResult>, ProblemHttpResult>> EndpointAsync(string? edition, HttpRequest request, Icd10Catalogue catalogue,
        AuditScope audit, CancellationToken ct)
    {
        if (edition is null || !EditionName().IsMatch(edition))
        {
            return Problems.From(BadEdition);
        }

        // Kestrel forbids synchronous reads of the body; the file is read into memory first (bounded by the server's body limit).
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, ct);
        body.Position = 0;
        using var reader = new StreamReader(body, Encoding.UTF8);
        var limits = new ImportFieldLimits();
        var (entries, rejected) = Icd10Files.Parse(reader, limits);
        if (limits.Refusal is { } tooLong)
        {
            return Problems.From(tooLong);
        }

        if (entries.Count == 0)
        {
            return Problems.From(EmptyImport);
        }

        var (added, updated) = await catalogue.UpsertAsync(entries, edition, ct);
        audit.Record("icd10.import", AuditOutcome.Success, "Icd10Catalogue", edition);
        return TypedResults.Ok(new Icd10ImportResult(added, updated, rejected.Count, [.. rejected.Take(50)]));
    }
}
