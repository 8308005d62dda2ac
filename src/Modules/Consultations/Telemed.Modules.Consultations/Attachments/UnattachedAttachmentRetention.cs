using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Events;
using Telemed.BuildingBlocks.Security;
using Telemed.BuildingBlocks.Storage;
using Telemed.Modules.Consultations.Complaints.Drafts;
using Telemed.Modules.Consultations.Infrastructure;
using Telemed.Modules.Consultations.Visits;

namespace Telemed.Modules.Consultations.Attachments;

/// <summary>
/// Deletes uploads that were never attached to anything, once an hour: an attachment that no chat message
/// (<see cref="Attachment.ConversationId"/>) and no complaint (<see cref="Attachment.ConsultationId"/>) took, and that no complaint
/// draft names, is deleted with its stored bytes <see cref="AttachmentOptions.UnattachedRetentionHours"/> (default 24) hours after
/// its upload, and audited <c>consultation.attachment_deleted</c>. Without it a client could upload PHI (encrypted, but PHI) and
/// leave it in the file store for ever: nothing else ever deletes an upload.
/// </summary>
/// <remarks>
/// Each deletion is one transaction: the row goes only while it is still attached to nothing (a send that attached it meanwhile
/// wins), then the file; a file that cannot be deleted rolls the row back, so the next pass tries again and no stored file is
/// ever left without the row that names it.
/// </remarks>
internal sealed class UnattachedAttachmentRetention(IServiceProvider services, IOptions<ConsultationsOptions> options, TimeProvider clock, FieldEncryption encryption,
    ILogger<UnattachedAttachmentRetention> logger) : PeriodicWorker(services, encryption, logger)
{
    /// <summary>Uploads looked at per query: a pass pages through every expired upload, this many at a time.</summary>
    public const int BatchSize = 100;

    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override async Task RunPassAsync(IServiceProvider scope, CancellationToken ct)
    {
        var db = scope.GetRequiredService<ConsultationsDbContext>();
        var files = scope.GetRequiredService<IFileStore>();
        var audit = scope.GetRequiredService<AuditScope>();
        var trail = scope.GetRequiredService<IAuditTrail>();
        var hours = options.Value.Attachments.UnattachedRetentionHours;
        var before = clock.GetUtcNow().UtcDateTime.AddHours(-hours);
        var deleted = 0;
        // The uploads a pass keeps (a draft names them, or their file could not be deleted) stay in the query's result: the next
        // page skips them, so a page full of kept uploads never hides the expired ones behind it. Deleted ones, and ones attached
        // meanwhile, leave the result by themselves.
        var kept = 0;
        while (!ct.IsCancellationRequested)
        {
            var page = await db.Attachments.AsNoTracking()
                .Where(a => a.ConversationId == null && a.ConsultationId == null && a.UploadedAt < before)
                .OrderBy(a => a.UploadedAt).ThenBy(a => a.Id).Skip(kept).Take(BatchSize)
                .Select(a => new { a.Id, a.UploaderUserId, a.PatientId }).ToListAsync(ct);
            if (page.Count == 0)
            {
                break;
            }

            var inDrafts = await KeptByDraftsAsync(db, [.. page.Select(a => a.UploaderUserId).Distinct()], ct);
            foreach (var upload in page)
            {
                var outcome = inDrafts.Contains(upload.Id) || inDrafts.Contains(upload.UploaderUserId) ? Outcome.Kept : await DeleteAsync(db, files, upload.Id, ct);
                if (outcome != Outcome.Deleted)
                {
                    kept += outcome == Outcome.Kept ? 1 : 0;
                    continue;
                }

                deleted++;
                audit.Record("consultation.attachment_deleted", AuditOutcome.Success, "Attachment", upload.Id.ToString(),
                    reason: $"retention: attached to nothing {hours} h after upload", subjectPatientId: upload.PatientId);
            }

            // Each page's deletions are in the trail before the next page: a pass that fails later does not lose their records.
            await audit.FlushAsync(trail, ct: ct);
            if (page.Count < BatchSize)
            {
                break;
            }
        }

        if (deleted > 0)
        {
            logger.LogInformation("Deleted {Count} uploads attached to nothing for {Hours} h.", deleted, hours);
        }
    }

    /// <summary>What became of one expired upload in a pass.</summary>
    private enum Outcome
    {
        /// <summary>Its row and its file are gone.</summary>
        Deleted,

        /// <summary>Attached (or deleted) by someone else meanwhile: no longer this pass's business.</summary>
        Gone,

        /// <summary>Still there, attached to nothing: a draft names it, or its file could not be deleted (tried again next pass).</summary>
        Kept,
    }

    /// <summary>
    /// Deletes the upload's row, if it is still attached to nothing, and then its file, in one transaction; <see cref="Outcome.Gone"/>
    /// when the row was attached or gone meanwhile, <see cref="Outcome.Kept"/> when the file could not be deleted (the row stays).
    /// </summary>
    private async Task<Outcome> DeleteAsync(ConsultationsDbContext db, IFileStore files, Guid id, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var rows = await db.Attachments.Where(a => a.Id == id && a.ConversationId == null && a.ConsultationId == null).ExecuteDeleteAsync(ct);
        if (rows == 0)
        {
            return Outcome.Gone;
        }

        try
        {
            await files.DeleteAsync(Attachment.StorageKeyOf(id), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The type only: a path could name the upload. Rolled back with the transaction's disposal.
            logger.LogWarning("An unattached upload's file could not be deleted ({Error}); tried again next pass.", e.GetType().Name);
            return Outcome.Kept;
        }

        await transaction.CommitAsync(ct);
        return Outcome.Deleted;
    }

    /// <summary>
    /// The photos that the uploaders' complaint drafts name, kept until the patient enters with them, replaces the draft or
    /// <see cref="ComplaintDraftRetention"/> deletes it; when a draft cannot be read, its patient's user id instead (every upload
    /// of theirs is kept: what it names is unknown).
    /// </summary>
    private static async Task<HashSet<Guid>> KeptByDraftsAsync(ConsultationsDbContext db, List<Guid> uploaders, CancellationToken ct)
    {
        // Only the drafts' JSON for the photo ids (decrypted by the column's converter); no one reads the complaint here.
        var drafts = await db.ComplaintDrafts.AsNoTracking().Where(d => uploaders.Contains(d.PatientUserId)).Select(d => new { d.PatientUserId, d.Json }).ToListAsync(ct);
        var kept = new HashSet<Guid>();
        foreach (var draft in drafts)
        {
            try
            {
                kept.UnionWith(JsonSerializer.Deserialize<ComplaintDraftBody>(draft.Json, ConsultationViews.Json)?.PhotoIds ?? []);
            }
            catch (JsonException)
            {
                kept.Add(draft.PatientUserId);
            }
        }

        return kept;
    }
}
