using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Events;
using Telemed.BuildingBlocks.Security;
using Telemed.Modules.Consultations.Infrastructure;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Scheduling.Contracts;

namespace Telemed.Modules.Consultations.Complaints.Drafts;

/// <summary>
/// Deletes abandoned complaint drafts once an hour: a draft not saved for <see cref="ComplaintOptions.DraftRetentionDays"/> (default
/// 30) days is deleted and audited <c>consultation.complaint_draft_deleted</c> (record <c>ComplaintDraft</c>, the appointment's id,
/// the patient as subject). Without it a draft the patient never entered with (a cancelled or missed visit) kept its text for
/// ever, and the photos it names with it: <see cref="Attachments.UnattachedAttachmentRetention"/> keeps every upload a draft names.
/// Once the draft is gone those photos are attached to nothing, and that pass deletes them with their files.
/// </summary>
/// <remarks>
/// Each deletion is conditional on the draft still being old: a patient who saves it meanwhile keeps it. A draft for a visit still
/// ahead (booked, confirmed or checked in, ending later than now) is kept however old: a patient who described their complaint
/// when booking two months ahead must not find the form empty on the day. Only ids and dates are read, never the draft's
/// (encrypted) text.
/// </remarks>
internal sealed class ComplaintDraftRetention(IServiceProvider services, IOptions<ConsultationsOptions> options, TimeProvider clock, FieldEncryption encryption,
    ILogger<ComplaintDraftRetention> logger) : PeriodicWorker(services, encryption, logger)
{
    /// <summary>Drafts looked at per query: a pass pages through every expired draft, this many at a time.</summary>
    public const int BatchSize = 100;

    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override async Task RunPassAsync(IServiceProvider scope, CancellationToken ct)
    {
        var db = scope.GetRequiredService<ConsultationsDbContext>();
        var directory = scope.GetRequiredService<IDirectoryModule>();
        var scheduling = scope.GetRequiredService<ISchedulingModule>();
        var audit = scope.GetRequiredService<AuditScope>();
        var trail = scope.GetRequiredService<IAuditTrail>();
        var days = options.Value.Complaints.DraftRetentionDays;
        var now = clock.GetUtcNow().UtcDateTime;
        var before = now.AddDays(-days);
        var patients = new Dictionary<Guid, Guid?>();
        // Drafts of visits still ahead stay in the query's result; this pass looks past them.
        var ahead = new List<Guid>();
        var deleted = 0;
        while (!ct.IsCancellationRequested)
        {
            // Deleted drafts and ones saved meanwhile leave the result by themselves: the next page is the next query's first.
            var page = await db.ComplaintDrafts.AsNoTracking().Where(d => d.UpdatedAt < before && !ahead.Contains(d.AppointmentId))
                .OrderBy(d => d.UpdatedAt).ThenBy(d => d.AppointmentId).Take(BatchSize)
                .Select(d => new { d.AppointmentId, d.PatientUserId }).ToListAsync(ct);
            if (page.Count == 0)
            {
                break;
            }

            foreach (var draft in page)
            {
                if (await scheduling.GetAppointmentAsync(draft.AppointmentId, ct) is { } visit && IsAhead(visit, now))
                {
                    ahead.Add(draft.AppointmentId);
                    continue;
                }

                var rows = await db.ComplaintDrafts.Where(d => d.AppointmentId == draft.AppointmentId && d.UpdatedAt < before).ExecuteDeleteAsync(ct);
                if (rows == 0)
                {
                    continue;
                }

                if (!patients.TryGetValue(draft.PatientUserId, out var patientId))
                {
                    patientId = patients[draft.PatientUserId] = await directory.FindPatientIdAsync(draft.PatientUserId, ct);
                }

                deleted++;
                audit.Record("consultation.complaint_draft_deleted", AuditOutcome.Success, "ComplaintDraft", draft.AppointmentId.ToString(),
                    reason: $"retention: not saved for {days} days", subjectPatientId: patientId);
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
            logger.LogInformation("Deleted {Count} complaint drafts not saved for {Days} days.", deleted, days);
        }
    }

    /// <summary>The visit can still take place: not ended, and not cancelled, missed or completed.</summary>
    private static bool IsAhead(AppointmentInfo visit, DateTime now) =>
        visit.End > now && visit.Status is "booked" or "confirmed" or "checkedIn";
}
