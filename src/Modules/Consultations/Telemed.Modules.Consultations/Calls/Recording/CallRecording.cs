using Telemed.BuildingBlocks.Results;

namespace Telemed.Modules.Consultations.Calls.Recording;

/// <summary>
/// Requested (the doctor asked) → Recording (the patient consented) → Stopped (the doctor stopped it, the patient withdrew consent,
/// or the consultation ended) → Processing → Available → Deleted (retention). Requested may end as Declined (the patient said no,
/// or the call ended first); Processing may end as Failed.
/// </summary>
public enum CallRecordingStatus { Requested, Recording, Stopped, Processing, Available, Declined, Failed, Deleted }

/// <summary>Who or what stopped a recording.</summary>
public enum RecordingStopReason { Doctor, Withdrawn, Ended }

/// <summary>
/// One recording of a consultation's call (table <c>call_recordings</c>). It exists only with the patient's consent: the SFU records
/// from <see cref="ConsentedAt"/> to <see cref="StoppedAt"/>, never before the consent and never after a withdrawal. The consent
/// text's version the patient accepted is kept with the instant (GDPR Art. 7(1): the controller must be able to show consent).
/// The media lives encrypted in the file store, one WebM per recorded publisher (<see cref="CallRecordingTrack"/>). Instants are UTC.
/// </summary>
internal sealed class CallRecording
{
    private CallRecording()
    {
    }

    public CallRecording(Guid consultationId, Guid requestedBy, string consentTextVersion, DateTime now)
    {
        Id = Guid.NewGuid();
        ConsultationId = consultationId;
        RequestedByUserId = requestedBy;
        RequestedAt = now;
        ConsentTextVersion = consentTextVersion;
        Status = CallRecordingStatus.Requested;
    }

    public Guid Id { get; private set; }

    public Guid ConsultationId { get; private set; }

    public Guid RequestedByUserId { get; private set; }

    public DateTime RequestedAt { get; private set; }

    /// <summary>The version of the consent text the patient was shown and answered.</summary>
    public string ConsentTextVersion { get; private set; } = "";

    public Guid? ConsentedByUserId { get; private set; }

    public DateTime? ConsentedAt { get; private set; }

    /// <summary>When the patient declined the request, or when the recording stopped.</summary>
    public DateTime? StoppedAt { get; private set; }

    public RecordingStopReason? StopReason { get; private set; }

    public CallRecordingStatus Status { get; private set; }

    /// <summary>The SFU room the media was recorded in.</summary>
    public long? Room { get; private set; }

    /// <summary>After this instant the retention sweep deletes the media (clinic policy, days after it became available).</summary>
    public DateTime? RetainUntil { get; private set; }

    public DateTime? DeletedAt { get; private set; }

    /// <summary>Optimistic concurrency: one host claims a stopped recording for processing.</summary>
    public int Version { get; private set; }

    public List<CallRecordingTrack> Tracks { get; private set; } = [];

    /// <summary>Requested or recording: a second request must wait.</summary>
    public bool IsOpen => Status is CallRecordingStatus.Requested or CallRecordingStatus.Recording;

    /// <summary>
    /// The patient answers the request. Rule: consent counts only for the consent text version they were shown
    /// (<c>consultation.recording_consent_outdated</c> when the text changed meanwhile), and only while the request is open
    /// (<c>consultation.recording_not_requested</c>).
    /// </summary>
    public Result Answer(bool accept, string? shownVersion, Guid patientUserId, long room, DateTime now)
    {
        var answerable = CanAnswer(shownVersion);
        if (!answerable.IsSuccess)
        {
            return answerable;
        }

        if (!accept)
        {
            Status = CallRecordingStatus.Declined;
            StoppedAt = now;
            return Result.Success;
        }

        Status = CallRecordingStatus.Recording;
        ConsentedByUserId = patientUserId;
        ConsentedAt = now;
        Room = room;
        Version++;
        return Result.Success;
    }

    /// <summary>
    /// Whether the patient may answer now, having been shown <paramref name="shownVersion"/> of the consent text (checked again by
    /// <see cref="Answer"/>). Errors: <c>consultation.recording_not_requested</c>, <c>consultation.recording_consent_outdated</c>.
    /// </summary>
    public Result CanAnswer(string? shownVersion)
    {
        if (Status != CallRecordingStatus.Requested)
        {
            return CallRecordingErrors.NotRequested;
        }

        return string.Equals(shownVersion, ConsentTextVersion, StringComparison.Ordinal) ? Result.Success : CallRecordingErrors.ConsentOutdated;
    }

    /// <summary>Stops recording (or ends an unanswered request). Error: <c>consultation.recording_not_running</c> when neither is open.</summary>
    public Result Stop(RecordingStopReason reason, DateTime now)
    {
        switch (Status)
        {
            case CallRecordingStatus.Recording:
                Status = CallRecordingStatus.Stopped;
                break;
            case CallRecordingStatus.Requested:
                Status = CallRecordingStatus.Declined;
                break;
            default:
                return CallRecordingErrors.NotRunning;
        }

        StoppedAt = now;
        StopReason = reason;
        Version++;
        return Result.Success;
    }

    /// <summary>When a host took it for processing (UTC).</summary>
    public DateTime? ClaimedAt { get; private set; }

    /// <summary>A claim older than this is taken to be a host that died mid-way (the raw files are still there: they go last).</summary>
    public static readonly TimeSpan StaleClaim = TimeSpan.FromMinutes(30);

    /// <summary>One host takes a stopped recording (or one whose processing host died) to post-process it; false when it is not waiting.</summary>
    public bool Claim(DateTime now)
    {
        var stale = Status == CallRecordingStatus.Processing && ClaimedAt < now - StaleClaim;
        if (Status != CallRecordingStatus.Stopped && !stale)
        {
            return false;
        }

        Status = CallRecordingStatus.Processing;
        ClaimedAt = now;
        Version++;
        return true;
    }

    /// <summary>The media is stored encrypted; it is kept for <paramref name="retentionDays"/> days.</summary>
    public void Store(IEnumerable<CallRecordingTrack> tracks, int retentionDays, DateTime now)
    {
        Tracks.AddRange(tracks);
        Status = Tracks.Count == 0 ? CallRecordingStatus.Failed : CallRecordingStatus.Available;
        RetainUntil = Tracks.Count == 0 ? null : now.AddDays(retentionDays);
        Version++;
    }

    public void Fail()
    {
        Status = CallRecordingStatus.Failed;
        Version++;
    }

    /// <summary>The media was deleted (retention); the row stays as the record that a recording existed and when it went.</summary>
    public void MarkDeleted(DateTime now)
    {
        Status = CallRecordingStatus.Deleted;
        DeletedAt = now;
        Version++;
    }
}

/// <summary>
/// One recorded publisher of a recording (table <c>call_recording_tracks</c>): a participant's camera and microphone, or their
/// shared screen, as one WebM stored in <see cref="Parts"/> encrypted parts of at most 4 MiB. Names are not stored: the display
/// name is read from the account when the recording is listed.
/// </summary>
internal sealed class CallRecordingTrack
{
    private CallRecordingTrack()
    {
    }

    public CallRecordingTrack(Guid recordingId, int index, Guid? userId, bool screen, double durationSeconds, long sizeBytes, int parts)
    {
        RecordingId = recordingId;
        Index = index;
        UserId = userId;
        Screen = screen;
        DurationSeconds = durationSeconds;
        SizeBytes = sizeBytes;
        Parts = parts;
    }

    public Guid RecordingId { get; private set; }

    public int Index { get; private set; }

    /// <summary>Whose publisher it was; null when the SFU recorded a publisher the host cannot name.</summary>
    public Guid? UserId { get; private set; }

    public bool Screen { get; private set; }

    /// <summary>Seconds, as ffprobe reports the WebM's duration.</summary>
    public double DurationSeconds { get; private set; }

    /// <summary>Plaintext bytes of the WebM.</summary>
    public long SizeBytes { get; private set; }

    public int Parts { get; private set; }

    /// <summary>The file store key of one encrypted part.</summary>
    public static string PartKey(Guid recordingId, int index, int part) => $"consultations/recordings/{recordingId:N}/{index}-{part:D5}";
}
