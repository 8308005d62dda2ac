using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Consultations.Calls.Group;
using Telemed.Modules.Consultations.Calls.Media;
using Telemed.Modules.Consultations.Infrastructure;
using Telemed.Modules.Consultations.Visits;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Identity.Contracts;

namespace Telemed.Modules.Consultations.Calls.Recording;

/// <summary>
/// Where a call's recording stands, for everyone in the call. <c>Offered</c>: the clinic records calls and an SFU can record
/// (false: no recording control is shown). <c>Status</c>: none, requested, recording, stopped, processing, available, declined,
/// failed, deleted (of the latest recording). <c>ConsentVersion</c>: the consent text the patient must be shown. Instants are UTC.
/// </summary>
public sealed record CallRecordingState(bool Offered, Guid? RecordingId, string Status, string ConsentVersion, DateTime? RequestedAt, DateTime? ConsentedAt);

/// <summary>Body of <c>POST /consultations/{id}/recording/consent</c>: the consent text version the patient was shown, and their answer.</summary>
public sealed record RecordingConsentRequest(string? ConsentVersion, bool Accept);

/// <summary>One recorded publisher as a player lists it: display name (with "(screen)" for a shared screen), seconds and plaintext bytes.</summary>
public sealed record CallRecordingTrackView(int Index, string Display, double DurationSeconds, long SizeBytes);

/// <summary>A recording of a consultation's call. <c>StopReason</c>: doctor, withdrawn, ended. Instants are UTC.</summary>
public sealed record CallRecordingView(Guid RecordingId, string Status, DateTime RequestedAt, DateTime? ConsentedAt, DateTime? StoppedAt, string? StopReason,
    DateTime? RetainUntil, IReadOnlyList<CallRecordingTrackView> Tracks);

/// <summary>
/// Recording a call only with the patient's consent (issue 16): the doctor asks, the patient accepts the current consent text (or
/// declines), the call moves to the SFU and the SFU records; the patient may withdraw and the doctor may stop at any moment, and
/// recording stops at once. Playback is for the patient and the consultation's doctor, every playback audited; strangers are told
/// the consultation does not exist and the refusal is audited. Clinics whose policy forbids recording are never offered it.
/// </summary>
internal sealed class CallRecordings(ConsultationsDbContext db, ConsultationAccess access, ICurrentUser user, ISelectiveForwardingUnit sfu, GroupCalls groupCalls,
    IDirectoryModule directory, IIdentityModule identity, AuditScope audit, TimeProvider clock, IHubContext<CallHub> hub, RecordingMedia media,
    ILogger<CallRecordings> log, GroupCallRooms rooms)
{
    public const string RecordType = "CallRecording";

    /// <summary>The state for a participant whose access the caller already checked.</summary>
    public async Task<CallRecordingState> StateAsync(Consultation c, CancellationToken ct)
    {
        var latest = await db.CallRecordings.AsNoTracking().Where(r => r.ConsultationId == c.Id).OrderByDescending(r => r.RequestedAt).ThenBy(r => r.Id).FirstOrDefaultAsync(ct);
        var offered = (await PolicyForAsync(c, ct)).Allowed && sfu.CanRecord;
        return new CallRecordingState(offered, latest?.Id, latest is null ? "none" : Name(latest.Status), RecordingConsentText.CurrentVersion, latest?.RequestedAt, latest?.ConsentedAt);
    }

    /// <summary><c>GET /consultations/{id}/recording</c>: for the patient, the doctor and admitted guests (who see the indicator too).</summary>
    public async Task<Result<CallRecordingState>> StateForCallerAsync(Guid consultationId, CancellationToken ct)
    {
        Consultation? c;
        if (await groupCalls.IsAdmittedGuestAsync(consultationId, ct))
        {
            c = await db.Consultations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == consultationId, ct);
        }
        else
        {
            (c, _) = await access.FindAsAsync(consultationId, [ConsultationRole.Doctor, ConsultationRole.Patient], ct, track: false);
        }

        return c is null ? ConsultationErrors.NotFound : await StateAsync(c, ct);
    }

    public async Task<Result<CallRecordingState>> AskAsync(Guid consultationId, CancellationToken ct)
    {
        var (c, _) = await access.FindAsAsync(consultationId, [ConsultationRole.Doctor], ct, track: false);
        if (c is null)
        {
            return ConsultationErrors.NotFound;
        }

        if (c.Status != ConsultationStatus.InProgress)
        {
            return ConsultationErrors.CallClosed;
        }

        if (!sfu.CanRecord || !(await PolicyForAsync(c, ct)).Allowed)
        {
            return CallRecordingErrors.NotAllowed;
        }

        if (await db.CallRecordings.AnyAsync(r => r.ConsultationId == consultationId && (r.Status == CallRecordingStatus.Requested || r.Status == CallRecordingStatus.Recording), ct))
        {
            return CallRecordingErrors.InProgress;
        }

        var recording = new CallRecording(consultationId, user.RequireUserId(), RecordingConsentText.CurrentVersion, Now);
        db.CallRecordings.Add(recording);
        db.AuditWithNextSave("consultation.recording_requested", RecordType, recording.Id.ToString());
        await db.SaveChangesAsync(ct);
        await ChangedAsync(consultationId);
        return await StateAsync(c, ct);
    }

    /// <summary>
    /// The patient's answer. Accepting moves the call to the SFU (if it is not there yet) and starts recording; the consent is
    /// saved only once the SFU records, so a consent never stands for a recording that did not start.
    /// Errors: <c>consultation.recording_not_requested</c>, <c>consultation.recording_consent_outdated</c>, <c>consultation.sfu_unavailable</c>.
    /// </summary>
    public async Task<Result<CallRecordingState>> AnswerAsync(Guid consultationId, string? shownVersion, bool accept, CancellationToken ct)
    {
        var (c, _) = await access.FindAsAsync(consultationId, [ConsultationRole.Patient], ct, track: false);
        if (c is null)
        {
            return ConsultationErrors.NotFound;
        }

        if (c.Status != ConsultationStatus.InProgress)
        {
            return ConsultationErrors.CallClosed;
        }

        var recording = await OpenRecordingAsync(consultationId, ct);
        if (recording is null)
        {
            return CallRecordingErrors.NotRequested;
        }

        // Checked before the room is opened: a refused answer must not leave a room in the SFU that nothing stores.
        var answerable = recording.CanAnswer(shownVersion);
        if (!answerable.IsSuccess)
        {
            return answerable.Error!;
        }

        GroupCallRoom? room = null;
        var opened = false;
        if (accept)
        {
            try
            {
                if (await rooms.EnsureRoomAsync(consultationId, ct) is not { } ensured)
                {
                    return ConsultationErrors.CallClosed;
                }

                (room, opened) = ensured;
            }
            catch (SfuUnavailableException)
            {
                return GroupCallErrors.SfuFailed;
            }
        }

        var answered = recording.Answer(accept, shownVersion, user.RequireUserId(), room?.RoomId ?? 0, Now);
        if (!answered.IsSuccess)
        {
            if (room is not null)
            {
                await rooms.DiscardRoomAsync(room, opened);
            }

            return answered.Error!;
        }

        if (accept)
        {
            try
            {
                // Not cancelled with the patient's request: once asked, Janus may be recording, and only what follows can stop it.
                await sfu.StartRecordingAsync(room!.RoomId, recording.Id.ToString("N"), CancellationToken.None);
            }
            catch (SfuUnavailableException)
            {
                // Nothing is stored: Janus may record anyway (its answer lost), and a room this consent opened would stay open.
                await AbandonAsync(room!.RoomId, recording.Id);
                await rooms.DiscardRoomAsync(room, opened);
                return GroupCallErrors.SfuFailed;
            }
        }

        var answer = accept ? "consultation.recording_consented" : "consultation.recording_declined";
        // Not cancellable from here on: the SFU records already, so the consent must be stored, and both pages must move to
        // the room and show the indicator, whether or not the patient's request is still there to answer.
        var moved = false;
        try
        {
            if (accept)
            {
                // With the room when this consent opened it; a racing first admission that stored the room first opened the same one.
                var saved = await rooms.SaveWithRoomAsync(room!, opened);
                if (!saved.IsSuccess)
                {
                    audit.Record(answer, AuditOutcome.Failure, RecordType, recording.Id.ToString(), "not stored");
                    await AbandonAsync(room!.RoomId, recording.Id);
                    return saved.Error!;
                }

                moved = saved.Value;
            }
            else
            {
                await db.SaveChangesAsync(CancellationToken.None);
            }
        }
        catch (Exception e) when (accept)
        {
            // The consent could not be stored (the doctor withdrew the request or the consultation ended meanwhile, or the
            // database failed): nothing may stay recorded without it.
            // The trail says the consent was given but not stored, not that it stands.
            audit.Record(answer, AuditOutcome.Failure, RecordType, recording.Id.ToString(), "not stored");
            await AbandonAsync(room!.RoomId, recording.Id);
            if (e is DbUpdateConcurrencyException)
            {
                return CallRecordingErrors.NotRequested;
            }

            throw;
        }

        audit.Record(answer, AuditOutcome.Success, RecordType, recording.Id.ToString());
        if (moved)
        {
            await groupCalls.MovedToSfuAsync(consultationId);
        }

        await ChangedAsync(consultationId);
        return await StateAsync(c, ct);
    }

    /// <summary>
    /// The doctor stops recording, or the patient withdraws consent (or either ends an unanswered request). The stop is saved
    /// first, so the withdrawal stands whatever the SFU answers; if the SFU does not answer, the caller gets
    /// <c>consultation.sfu_unavailable</c> and the recording worker keeps asking the SFU to stop before it processes anything.
    /// </summary>
    public async Task<Result<CallRecordingState>> StopAsync(Guid consultationId, CancellationToken ct)
    {
        var (c, role) = await access.FindAsAsync(consultationId, [ConsultationRole.Doctor, ConsultationRole.Patient], ct, track: false);
        if (c is null)
        {
            return ConsultationErrors.NotFound;
        }

        var recording = await OpenRecordingAsync(consultationId, ct);
        if (recording is null)
        {
            return CallRecordingErrors.NotRunning;
        }

        var wasRecording = recording.Status == CallRecordingStatus.Recording;
        var reason = role == ConsultationRole.Patient ? RecordingStopReason.Withdrawn : RecordingStopReason.Doctor;
        recording.Stop(reason, Now);
        db.AuditWithNextSave(reason == RecordingStopReason.Withdrawn ? "consultation.recording_consent_withdrawn" : "consultation.recording_stopped",
            RecordType, recording.Id.ToString());
        await db.SaveChangesAsync(ct);
        // Stopped: the SFU is told whatever the caller does next (the recording worker would stop it too, seconds later), and a
        // failed notice to the pages does not skip it.
        var stopped = true;
        try
        {
            await ChangedAsync(consultationId);
        }
        finally
        {
            if (wasRecording && recording.Room is { } room)
            {
                stopped = await StopRecorderAsync(room);
            }
        }

        if (!stopped)
        {
            return GroupCallErrors.SfuFailed;
        }

        return await StateAsync(c, ct);
    }

    /// <summary>The consultation ended: an open recording stops (or its unanswered request lapses) before the room is destroyed.</summary>
    public async Task EndAsync(Guid consultationId, CancellationToken ct)
    {
        var recording = await OpenRecordingAsync(consultationId, ct);
        if (recording is null)
        {
            return;
        }

        var wasRecording = recording.Status == CallRecordingStatus.Recording;
        recording.Stop(RecordingStopReason.Ended, Now);
        db.AuditWithNextSave("consultation.recording_stopped", RecordType, recording.Id.ToString());
        await db.SaveChangesAsync(ct);
        if (wasRecording && recording.Room is { } room)
        {
            await sfu.StopRecordingAsync(room, CancellationToken.None);
        }
    }

    /// <summary><c>GET /consultations/{id}/recordings</c>: the patient's and the doctor's list, newest first.</summary>
    public async Task<Result<List<CallRecordingView>>> ListAsync(Guid consultationId, CancellationToken ct)
    {
        var (c, _) = await access.FindAsAsync(consultationId, [ConsultationRole.Doctor, ConsultationRole.Patient], ct, track: false);
        if (c is null)
        {
            return ConsultationErrors.NotFound;
        }

        var recordings = await db.CallRecordings.AsNoTracking().Include(r => r.Tracks).Where(r => r.ConsultationId == consultationId)
            .OrderByDescending(r => r.RequestedAt).ThenBy(r => r.Id).ToListAsync(ct);
        var views = new List<CallRecordingView>(recordings.Count);
        foreach (var r in recordings)
        {
            var tracks = new List<CallRecordingTrackView>();
            if (r.Status == CallRecordingStatus.Available)
            {
                foreach (var t in r.Tracks.OrderBy(t => t.Index))
                {
                    var name = t.UserId is { } u ? await identity.GetDisplayNameAsync(u, ct) ?? "" : "";
                    tracks.Add(new CallRecordingTrackView(t.Index, t.Screen ? $"{name} (screen)" : name, t.DurationSeconds, t.SizeBytes));
                }
            }

            views.Add(new CallRecordingView(r.Id, Name(r.Status), r.RequestedAt, r.ConsentedAt, r.StoppedAt, r.StopReason is { } s ? Name(s) : null, r.RetainUntil, tracks));
        }

        return views;
    }

    /// <summary>
    /// A track to play, for the patient or the consultation's doctor; the playback is audited before a byte leaves.
    /// Errors: <c>consultation.not_found</c> (strangers, audited as denied), <c>consultation.recording_not_found</c>.
    /// </summary>
    public async Task<Result<CallRecordingTrack>> PlayAsync(Guid consultationId, Guid recordingId, int index, CancellationToken ct)
    {
        var (c, _) = await access.FindAsAsync(consultationId, [ConsultationRole.Doctor, ConsultationRole.Patient], ct, track: false);
        if (c is null)
        {
            return ConsultationErrors.NotFound;
        }

        var track = await (from t in db.CallRecordingTracks.AsNoTracking()
                           join r in db.CallRecordings.AsNoTracking() on t.RecordingId equals r.Id
                           where r.Id == recordingId && r.ConsultationId == consultationId && r.Status == CallRecordingStatus.Available && t.Index == index
                           select t).FirstOrDefaultAsync(ct);
        if (track is null)
        {
            return CallRecordingErrors.NotAvailable;
        }

        audit.Record("consultation.recording_played", AuditOutcome.Success, RecordType, recordingId.ToString());
        return track;
    }

    /// <summary>The clinic's policy for this consultation: its clinic's, or for an on-demand visit the doctor's first clinic's.</summary>
    public async Task<RecordingPolicy> PolicyForAsync(Consultation c, CancellationToken ct)
    {
        var clinicId = c.ClinicId;
        if (clinicId is null && c.DoctorUserId is { } doctorUser)
        {
            clinicId = (await directory.GetDoctorByUserAsync(doctorUser, ct))?.ClinicIds.FirstOrDefault();
        }

        if (clinicId is not { } id || id == Guid.Empty)
        {
            return RecordingPolicy.Forbidden(Guid.Empty);
        }

        return await db.RecordingPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.ClinicId == id, ct) ?? RecordingPolicy.Forbidden(id);
    }

    internal static string Name(CallRecordingStatus status) => status.ToString().ToLowerInvariant();

    internal static string Name(RecordingStopReason reason) => reason.ToString().ToLowerInvariant();

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Undoes a recording started in the SFU whose consent was not stored: stops it and deletes what Janus wrote. An SFU that does
    /// not answer is logged; destroying the room at the consultation's end stops it then.
    /// </summary>
    private async Task AbandonAsync(long room, Guid recordingId)
    {
        try
        {
            await sfu.StopRecordingAsync(room, CancellationToken.None);
        }
        catch (SfuUnavailableException e)
        {
            log.LogError(e, "A recording whose consent could not be stored is still running in the SFU until its room closes");
        }

        media.DeleteRaw(recordingId);
    }

    private async Task<bool> StopRecorderAsync(long room)
    {
        try
        {
            await sfu.StopRecordingAsync(room, CancellationToken.None);
            return true;
        }
        catch (SfuUnavailableException)
        {
            return false;
        }
    }

    private Task<CallRecording?> OpenRecordingAsync(Guid consultationId, CancellationToken ct) =>
        db.CallRecordings.Where(r => r.ConsultationId == consultationId && (r.Status == CallRecordingStatus.Requested || r.Status == CallRecordingStatus.Recording))
            .OrderByDescending(r => r.RequestedAt).ThenBy(r => r.Id).FirstOrDefaultAsync(ct);

    /// <summary>
    /// Tells the call's pages the recording changed (<c>recordingChanged</c>). It follows a commit, so it is not cancelled with the
    /// request that made the change: a patient must see the consent prompt, and both sides the recording indicator.
    /// </summary>
    private Task ChangedAsync(Guid consultationId) =>
        hub.Clients.Group(CallRoster.GroupOf(consultationId)).SendAsync("recordingChanged", new { consultationId }, CancellationToken.None);
}
