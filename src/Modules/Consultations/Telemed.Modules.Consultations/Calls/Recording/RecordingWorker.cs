using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Events;
using Telemed.BuildingBlocks.Security;
using Telemed.Modules.Consultations.Calls.Media;
using Telemed.Modules.Consultations.Infrastructure;

namespace Telemed.Modules.Consultations.Calls.Recording;

/// <summary>
/// Every few seconds: post-processes stopped recordings into encrypted WebM (one host claims each; the SFU is asked to stop first,
/// so a withdrawal the SFU missed is honoured before anything is kept), and deletes recordings past their clinic's retention.
/// </summary>
internal sealed class RecordingWorker(IServiceProvider services, FieldEncryption encryption, ILogger<RecordingWorker> logger)
    : PeriodicWorker(services, encryption, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(2);

    protected override async Task RunPassAsync(IServiceProvider scope, CancellationToken ct)
    {
        var pass = scope.GetRequiredService<RecordingPass>();
        await pass.ProcessStoppedAsync(ct);
        await pass.DeleteExpiredAsync(ct);
    }
}

/// <summary>One pass of <see cref="RecordingWorker"/>, in its own scope.</summary>
internal sealed class RecordingPass(ConsultationsDbContext db, ISelectiveForwardingUnit sfu, RecordingMedia media, CallRecordings recordings, AuditScope audit,
    TimeProvider clock, IHubContext<CallHub> hub)
{
    public async Task ProcessStoppedAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var stale = now - CallRecording.StaleClaim;
        var waiting = await db.CallRecordings
            .Where(r => r.Status == CallRecordingStatus.Stopped || (r.Status == CallRecordingStatus.Processing && r.ClaimedAt < stale))
            .OrderBy(r => r.StoppedAt).ThenBy(r => r.Id).Take(5).ToListAsync(ct);
        foreach (var recording in waiting)
        {
            if (recording.Room is { } room)
            {
                try
                {
                    await sfu.StopRecordingAsync(room, ct);
                }
                catch (SfuUnavailableException)
                {
                    continue; // Asked again next pass; nothing is processed while the SFU might still be recording.
                }
            }

            if (!recording.Claim(now))
            {
                continue;
            }

            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.Entry(recording).State = EntityState.Detached;
                continue; // Another host took it.
            }

            var consultation = await db.Consultations.AsNoTracking().FirstAsync(c => c.Id == recording.ConsultationId, ct);
            var owners = await OwnersAsync(recording, consultation.PatientUserId, consultation.DoctorUserId, ct);
            var tracks = await media.StoreAsync(recording.Id, owners, ct);
            var policy = await recordings.PolicyForAsync(consultation, ct);
            recording.Store(tracks, policy.RetentionDays, clock.GetUtcNow().UtcDateTime);
            audit.Record(tracks.Count > 0 ? "consultation.recording_stored" : "consultation.recording_failed", AuditOutcome.Success, CallRecordings.RecordType, recording.Id.ToString());
            await db.SaveChangesAsync(ct);
            // Saved: the plaintext raw files go now, not before (a save that failed is done again from them once the claim goes
            // stale), and the pages are told whatever the worker's token does next.
            media.DeleteRaw(recording.Id);
            await hub.Clients.Group(CallRoster.GroupOf(recording.ConsultationId)).SendAsync("recordingChanged", new { consultationId = recording.ConsultationId }, CancellationToken.None);
        }
    }

    public async Task DeleteExpiredAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var expired = await db.CallRecordings.Include(r => r.Tracks).Where(r => r.Status == CallRecordingStatus.Available && r.RetainUntil < now)
            .OrderBy(r => r.RetainUntil).ThenBy(r => r.Id).Take(20).ToListAsync(ct);
        foreach (var recording in expired)
        {
            await media.DeleteAsync(recording.Tracks, ct);
            recording.MarkDeleted(now);
            audit.Record("consultation.recording_deleted", AuditOutcome.Success, CallRecordings.RecordType, recording.Id.ToString());
        }

        if (expired.Count > 0)
        {
            await db.SaveChangesAsync(ct);
        }
    }

    private async Task<Dictionary<long, FeedOwner>> OwnersAsync(CallRecording recording, Guid patientUserId, Guid? doctorUserId, CancellationToken ct)
    {
        var people = await db.CallGuests.AsNoTracking().Where(g => g.ConsultationId == recording.ConsultationId).Select(g => g.UserId).ToListAsync(ct);
        people.Add(patientUserId);
        if (doctorUserId is { } d)
        {
            people.Add(d);
        }

        var owners = new Dictionary<long, FeedOwner>();
        foreach (var person in people.Distinct())
        {
            var feed = sfu.FeedIdOf(recording.Room ?? 0, person);
            owners[feed] = new FeedOwner(person, false);
            owners[feed + 1] = new FeedOwner(person, true);
        }

        return owners;
    }
}
