using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.BuildingBlocks.Scanning;
using Telemed.BuildingBlocks.Storage;
using Telemed.Modules.Consultations.Chat;
using Telemed.Modules.Consultations.Infrastructure;
using Telemed.Modules.Consultations.Visits;
using Telemed.Modules.Directory.Contracts;

namespace Telemed.Modules.Consultations.Attachments;

internal static class AttachmentErrors
{
    public static readonly Error Missing = Error.Validation("attachment.missing", "Choose a file to upload (form field 'file').");
    public static readonly Error Unsupported = new("attachment.unsupported_type", "Only photos (JPEG, PNG, WebP) and PDF documents can be attached.", ErrorKind.UnsupportedMediaType);
    public static readonly Error Infected = new("attachment.infected", "The file was refused by the virus scanner.", ErrorKind.Unprocessable);
    public static readonly Error NotFound = new("attachment.not_found", "There is no such file.", ErrorKind.NotFound);

    public static Error TooLarge(long max) => new("attachment.too_large", $"The file is larger than {max / (1024 * 1024)} MB.", ErrorKind.PayloadTooLarge);
}

internal static class AttachmentEndpoints
{
    public static void MapAttachmentEndpoints(this IEndpointRouteBuilder consultations)
    {
        var attachments = consultations.MapGroup("/attachments").WithTags("Attachments").RequireAuthorization(Policies.SignedIn);
        attachments.MapPost("", UploadAsync).DisableAntiforgery().WithName("UploadAttachment")
            .WithMetadata(new RequestSizeLimitMetadata(64 * 1024 * 1024));
        attachments.MapGet("/{id:guid}", DownloadAsync).WithName("DownloadAttachment");
    }

    private sealed class RequestSizeLimitMetadata(long limit) : Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata
    {
        public long? MaxRequestBodySize => limit;
    }

    private static async Task<Results<Created<AttachmentView>, ProblemHttpResult>> UploadAsync(HttpRequest request, ICurrentUser user, ConsultationsDbContext db,
        IFileStore files, IVirusScanner scanner, IDirectoryModule directory, IOptions<ConsultationsOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var max = options.Value.Attachments.MaxBytes;
        if (request.ContentLength is { } length && length > max + 64 * 1024)
        {
            return Problems.From(AttachmentErrors.TooLarge(max));
        }

        if (!request.HasFormContentType)
        {
            return Problems.From(AttachmentErrors.Missing);
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
            return Problems.From(AttachmentErrors.Missing);
        }

        if (file.Length > max)
        {
            return Problems.From(AttachmentErrors.TooLarge(max));
        }

        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, ct);
        }

        var contentType = AttachmentInspector.DetectContentType(content);
        if (contentType is null)
        {
            return Problems.From(AttachmentErrors.Unsupported);
        }

        var verdict = await scanner.ScanAsync(content, ct);
        if (!verdict.Clean)
        {
            return Problems.From(AttachmentErrors.Infected);
        }

        var me = user.RequireUserId();
        var patientId = user.IsInRole(Roles.Patient) ? await directory.FindPatientIdAsync(me, ct) : null;
        var fileName = SafeName(file.FileName, contentType);
        var attachment = Attachment.Create(me, patientId, contentType, content.Length, fileName, verdict.Detail, clock.GetUtcNow().UtcDateTime);
        db.Attachments.Add(attachment);
        await FileWithItsRow.SaveAsync(files, attachment.StorageKey, content, () => db.SaveChangesAsync(ct), ct);
        return TypedResults.Created($"/api/v1/consultations/attachments/{attachment.Id}", new AttachmentView(attachment.Id, contentType, content.Length, fileName));
    }

    /// <summary>
    /// The file, for its uploader and for whoever may read the conversation or consultation it belongs to. Anyone else gets
    /// <c>attachment.not_found</c>, as for an unknown id, and the refusal is recorded in the audit trail as denied.
    /// </summary>
    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DownloadAsync(Guid id, ICurrentUser user, ConsultationsDbContext db, IFileStore files,
        ConversationAccess conversations, ConsultationAccess consultations, AuditScope audit, CancellationToken ct)
    {
        var me = user.RequireUserId();
        var keys = await db.Attachments.AsNoTracking().Where(a => a.Id == id).Select(a => new { a.UploaderUserId, a.ConversationId, a.ConsultationId }).FirstOrDefaultAsync(ct);
        if (keys is null)
        {
            return Problems.From(AttachmentErrors.NotFound);
        }

        var allowed = keys.UploaderUserId == me
            || (keys.ConversationId is { } conversationId && await conversations.FindAsync(conversationId, Caller.Of(user), ct) is not null)
            || (keys.ConsultationId is { } consultationId && (await consultations.FindAsync(consultationId, ct, track: false)).Role != ConsultationRole.None);
        if (!allowed)
        {
            audit.RecordDenied("Attachment", id, "not a reader of its conversation or consultation");
            return Problems.From(AttachmentErrors.NotFound);
        }

        var attachment = await db.Attachments.AsNoTracking().FirstAsync(a => a.Id == id, ct);
        var content = await files.ReadAsync(attachment.StorageKey, ct);
        if (content is null)
        {
            return Problems.From(AttachmentErrors.NotFound);
        }

        return TypedResults.File(content, attachment.ContentType, attachment.FileName);
    }

    /// <summary>Keeps a readable name for the download but never trusts its extension or path.</summary>
    private static string SafeName(string? name, string contentType)
    {
        var stem = Path.GetFileNameWithoutExtension(name ?? "");
        stem = new string([.. stem.Where(c => char.IsLetterOrDigit(c) || c is '-' or '_' or ' ').Take(80)]).Trim();
        return (stem.Length == 0 ? "attachment" : stem) + AttachmentInspector.ExtensionFor(contentType);
    }
}
