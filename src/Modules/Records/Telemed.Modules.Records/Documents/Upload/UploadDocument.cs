using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.BuildingBlocks.Storage;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Records.Contracts;
using Telemed.Modules.Records.Documents.Scanning;
using Telemed.Modules.Records.Infrastructure;

namespace Telemed.Modules.Records.Documents.Upload;

/// <summary>
/// POST /me/record/documents?patientId= (multipart), to the caller's own record or with <c>patientId</c> a dependant's, uploaded by
/// the guardian (<see cref="RecordSubject"/>: 404 records.patient_not_found for a patient the caller does not act for, audited): <c>file</c> (PDF, JPEG or PNG by content, at most Records:MaxDocumentBytes),
/// <c>type</c> (<see cref="DocumentTypes"/>), <c>documentDate</c> (yyyy-MM-dd, not in the future), <c>description</c> (≤ 500),
/// <c>sharing</c> (care_team by default | private | doctor with <c>doctorUserId</c>). Answers 202 with the document in
/// quarantine (<c>pending_scan</c>); the virus scanner decides later. Errors: records.file_missing, records.unsupported_type (415),
/// records.file_too_large (413), records.invalid_document_type, records.invalid_document_date, records.description_too_long,
/// records.invalid_sharing, request.malformed_form, request.invalid (more than one file part). With an <c>Idempotency-Key</c> header one document per key: the same upload
/// (same fields, same file name and content) sent again is answered 202 with the document it stored; the same key with another
/// upload is 422 <c>idempotency.key_reused</c>, a key over 100 characters 400 <c>idempotency.key_invalid</c> (docs/api-v1.md,
/// "Retrying a create").
/// </summary>
internal static class UploadDocument
{
    /// <summary>The operation's name in <c>create_request_keys</c>.</summary>
    public const string Operation = "records.upload_document";

    public static async Task<Results<Accepted<DocumentView>, ProblemHttpResult>> HandleAsync(Guid? patientId, HttpRequest request, ICurrentUser user, RecordsDbContext db,
        IFileStore files, IDirectoryModule directory, IPatientRepresentation representation, ScanQueue scanQueue, IOptions<RecordsOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var max = options.Value.MaxDocumentBytes;
        if (request.ContentLength is { } length && length > max + 64 * 1024)
        {
            return Problems.From(DocumentErrors.TooLarge(max));
        }

        if (!request.HasFormContentType)
        {
            return Problems.From(DocumentErrors.FileMissing);
        }

        var (form, malformed) = await MultipartForms.ReadAsync(request, ct);
        if (form is null)
        {
            return Problems.From(malformed!);
        }

        var (file, several) = MultipartForms.SingleFile(form);
        if (several is not null)
        {
            return Problems.From(several);
        }

        if (file is null || file.Length == 0)
        {
            return Problems.From(DocumentErrors.FileMissing);
        }

        if (file.Length > max)
        {
            return Problems.From(DocumentErrors.TooLarge(max));
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var fields = await ReadFieldsAsync(form, today, directory, ct);
        if (fields.Error is { } invalid)
        {
            return Problems.From(invalid);
        }

        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, ct);
        }

        var contentType = DocumentInspector.DetectContentType(content);
        if (contentType is null)
        {
            return Problems.From(DocumentErrors.Unsupported);
        }

        var me = user.RequireUserId();
        if (await representation.ActingForAsync(me, patientId, ct) is not { } subject)
        {
            return Problems.From(patientId is null ? DocumentErrors.NotFound : RecordSubject.PatientNotFound);
        }

        // Whose record, the form's fields and the file's name and content (by its hash: the bytes themselves need not be kept to
        // recognise them): the same key sent for another patient is another upload.
        var now = clock.GetUtcNow().UtcDateTime;
        var claim = await db.ClaimAsync(request, me, Operation, new
        {
            PatientId = subject, fields.Type, fields.Date, fields.Description, fields.Share!.Sharing, fields.Share.DoctorUserId, file.FileName,
            Content = Convert.ToHexString(SHA256.HashData(content)),
        }, now, ct);
        if (claim.Answer is { } answer)
        {
            return await AnswerOfAsync(answer, subject, db, ct);
        }

        var document = PatientDocument.Upload(subject, me, fields.Type!, fields.Date, fields.Description!, DocumentInspector.SafeName(file.FileName, contentType),
            contentType, content.Length, fields.Share!, now);
        db.Documents.Add(document);
        Result<Guid>? raced = null;
        await FileWithItsRow.SaveAsync(files, document.StorageKey, content, async () => raced = await db.SaveCreatedAsync(claim.Key, document.Id, ct), ct);
        if (raced is { } earlier)
        {
            // The same upload, sent twice at once, stored its document first: this copy of the file is named by no row.
            await files.DeleteAsync(document.StorageKey, CancellationToken.None);
            return await AnswerOfAsync(earlier, subject, db, ct);
        }

        scanQueue.Wake();
        return TypedResults.Accepted($"/api/v1/me/record/documents/{document.Id}", DocumentView.ForPatient(document));
    }

    /// <summary>
    /// The answer to an earlier upload with the same key: 202 with the document it stored, its key's error (422), or 404
    /// <c>records.document_not_found</c> should the document be gone (erased).
    /// </summary>
    private static Task<Results<Accepted<DocumentView>, ProblemHttpResult>> AnswerOfAsync(Result<Guid> earlier, Guid patientId, RecordsDbContext db,
        CancellationToken ct) =>
        earlier.AnswerAsync(async id => await db.Documents.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id && d.PatientId == patientId, ct) is { } document
            ? TypedResults.Accepted($"/api/v1/me/record/documents/{document.Id}", DocumentView.ForPatient(document))
            : null, DocumentErrors.NotFound);

    private sealed record Fields(string? Type, DateOnly Date, string? Description, DocumentShare? Share, Error? Error);

    private static async Task<Fields> ReadFieldsAsync(IFormCollection form, DateOnly today, IDirectoryModule directory, CancellationToken ct)
    {
        var type = form["type"].ToString().Trim();
        if (!DocumentTypes.All.Contains(type, StringComparer.Ordinal))
        {
            return new(null, default, null, null, DocumentErrors.InvalidType);
        }

        if (!DateOnly.TryParseExact(form["documentDate"].ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            || !DocumentDates.IsPlausible(date, today))
        {
            return new(type, default, null, null, DocumentErrors.InvalidDate);
        }

        var description = form["description"].ToString().Trim();
        if (description.Length > PatientDocument.MaxDescriptionLength)
        {
            return new(type, date, null, null, DocumentErrors.DescriptionTooLong);
        }

        Guid? doctorUserId = null;
        var doctorField = form["doctorUserId"].ToString();
        if (doctorField.Length > 0)
        {
            if (!Guid.TryParse(doctorField, out var parsed))
            {
                return new(type, date, description, null, DocumentErrors.InvalidSharing);
            }

            doctorUserId = parsed;
        }

        var sharingField = form["sharing"].ToString();
        var share = await SharingRules.ResolveAsync(sharingField.Length == 0 ? null : sharingField, doctorUserId, directory, ct);
        return share is null ? new(type, date, description, null, DocumentErrors.InvalidSharing) : new(type, date, description, share, null);
    }
}

/// <summary>The date printed on a document: not in the future (a day's grace for time zones), not before 1900.</summary>
internal static class DocumentDates
{
    public static bool IsPlausible(DateOnly date, DateOnly todayUtc) => date.Year >= 1900 && date <= todayUtc.AddDays(1);
}
