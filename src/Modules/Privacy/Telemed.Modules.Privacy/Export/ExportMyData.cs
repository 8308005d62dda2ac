using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Http;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Feedback.Contracts;
using Telemed.Modules.Fhir.Contracts;
using Telemed.Modules.Privacy.Subjects;
using Telemed.Modules.Records.Contracts;

namespace Telemed.Modules.Privacy.Export;

/// <summary>
/// <c>GET /api/v1/me/export?patientId=</c>: everything the clinic holds on the patient, as one ZIP (<c>application/zip</c>):
/// <c>bundle.json</c> (the FHIR R4 Bundle of <c>Patient/$everything</c>, through <see cref="IFhirPatientExport"/>, so every
/// resource type the FHIR API serves for a patient is in it without being mapped here), <c>summary.html</c> (a readable
/// page in the patient's language, en or ru), <c>reviews.json</c> (the reviews they left: not a FHIR resource, so a plain
/// JSON array of <see cref="PatientReview"/>) and <c>documents/…</c> (the files of their uploaded documents that passed the
/// virus scan). Guardians export a dependant's with <c>patientId</c>. Rate limited per account (<see cref="PrivacyModule.ExportRateLimit"/>).
/// </summary>
internal static class ExportMyData
{
    /// <summary>
    /// The ZIP, named <c>telemed-export-{yyyyMMdd}.zip</c> (no name or id of the patient in it). 404 <c>privacy.patient_not_found</c>
    /// when the caller has no patient record or is not the dependant's guardian (audited as <c>access.denied</c>). Audited as
    /// <c>privacy.data_exported</c> (record type <c>PatientExport</c>) plus a <c>phi.read</c> for each record loaded.
    /// </summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> HandleAsync(Guid? patientId, ICurrentUser user, IPatientRepresentation representation,
        IFhirPatientExport fhir, IRecordsPrivacy records, IReviewPrivacy reviews, IDirectoryModule directory, AuditScope audit, TimeProvider clock, CancellationToken ct)
    {
        if (await representation.ActingForAsync(user.RequireUserId(), patientId, ct) is not { } subject
            || await fhir.EverythingAsync(subject, ct) is not { Found: true, BundleJson: { } bundle })
        {
            return Problems.From(PrivacyErrors.PatientNotFound);
        }

        var card = await directory.GetPatientCardAsync(subject, ct);
        var files = await records.AvailableDocumentFilesOfAsync(subject, ct);
        var left = await reviews.ReviewsOfAsync(subject, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var language = card?.PreferredLanguage == "ru" ? "ru" : "en";
        var summary = ExportSummary.Html(bundle, files, left, language, now);

        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            await WriteAsync(archive, "bundle.json", Encoding.UTF8.GetBytes(bundle), ct);
            await WriteAsync(archive, "summary.html", Encoding.UTF8.GetBytes(summary), ct);
            await WriteAsync(archive, "reviews.json", JsonSerializer.SerializeToUtf8Bytes(left, ReviewsJson), ct);
            foreach (var (file, name) in files.Zip(ExportFileNames.ForDocuments(files)))
            {
                await WriteAsync(archive, "documents/" + name, file.Content, ct);
            }
        }

        audit.Record(PrivacyAuditActions.DataExported, AuditOutcome.Success, "PatientExport", subject.ToString());
        return TypedResults.File(zip.ToArray(), "application/zip", $"telemed-export-{now:yyyyMMdd}.zip");
    }

    private static readonly JsonSerializerOptions ReviewsJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private static async Task WriteAsync(ZipArchive archive, string name, byte[] content, CancellationToken ct)
    {
        var entry = archive.CreateEntry(name, CompressionLevel.Fastest);
        await using var stream = entry.Open();
        await stream.WriteAsync(content, ct);
    }
}
