using System.Text;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Auditing;

namespace Telemed.Modules.Interop.Import;

/// <summary>
/// <c>POST /api/v1/admin/imports/fhir[?source=uri]</c> with a FHIR R4 Bundle (<c>application/fhir+json</c>, at most
/// <see cref="MaxBodyBytes"/>): clinic administrators only (others 403, audited as <c>access.denied</c>). 200 with the response Bundle;
/// 400/409/413/415/422 with an OperationOutcome (docs/fhir.md, "Import").
/// </summary>
internal static class ImportFhirBundleEndpoint
{
    /// <summary>5 MiB: a patient's record with thousands of entries fits; larger exports are split by the sender.</summary>
    public const int MaxBodyBytes = 5 * 1024 * 1024;

    public static async Task<IResult> HandleAsync(HttpContext http, ICurrentUser user, AuditScope audit, BundleImport import, string? source,
        CancellationToken ct)
    {
        if (!user.IsInRole(Roles.Admin))
        {
            audit.Record(AuditActions.AccessDenied, AuditOutcome.Denied, InteropAuditActions.ImportRecordType, null, "not an administrator");
            return ImportOutcomes.Refused(new BundleRefusal(StatusCodes.Status403Forbidden, OperationOutcome.IssueType.Forbidden, "import.forbidden",
                "Only clinic administrators import records."));
        }

        var mediaType = http.Request.ContentType?.Split(';')[0].Trim();
        if (mediaType is not ("application/fhir+json" or "application/json"))
        {
            return ImportOutcomes.Refused(new BundleRefusal(StatusCodes.Status415UnsupportedMediaType, OperationOutcome.IssueType.NotSupported,
                "import.unsupported_media_type", "Send the Bundle as application/fhir+json."));
        }

        if (await ReadBodyAsync(http.Request, ct) is not { } json)
        {
            return ImportOutcomes.Refused(new BundleRefusal(StatusCodes.Status413PayloadTooLarge, OperationOutcome.IssueType.TooCostly, "import.too_large",
                $"A Bundle is at most {MaxBodyBytes / (1024 * 1024)} MiB; split the record into several Bundles."));
        }

        var (answer, refusal) = await import.ImportAsync(json, source, ct);
        return refusal is not null ? ImportOutcomes.Refused(refusal) : ImportOutcomes.Result(answer!, StatusCodes.Status200OK);
    }

    /// <summary>The body as text, or null when it is larger than <see cref="MaxBodyBytes"/> (stops reading there).</summary>
    private static async Task<string?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
