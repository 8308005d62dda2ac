namespace Telemed.Modules.Consultations.Infrastructure;

/// <summary>Configuration section <c>Consultations</c> (see README, Configuration).</summary>
public sealed class ConsultationsOptions
{
    public const string Section = "Consultations";

    /// <summary>Until a doctor has a history, a consultation is expected to last this long (waiting estimates).</summary>
    public int DefaultConsultationMinutes { get; set; } = 15;

    /// <summary>The waiting room of a booked visit opens this long before its start.</summary>
    public int WaitingRoomOpensMinutesBefore { get; set; } = 15;

    public int WorkerIntervalMilliseconds { get; set; } = 5000;

    public OnCallOptions OnCall { get; set; } = new();

    public AttachmentOptions Attachments { get; set; } = new();

    public ComplaintOptions Complaints { get; set; } = new();

    public VideoOptions Video { get; set; } = new();
}

public sealed class OnCallOptions
{
    /// <summary>An on-demand request nobody has accepted after this long is escalated.</summary>
    public int EscalateAfterSeconds { get; set; } = 180;
}

public sealed class AttachmentOptions
{
    /// <summary>The largest accepted upload, in bytes.</summary>
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>
    /// Hours an upload may stay attached to nothing (no chat message, no complaint, no complaint draft) before
    /// <see cref="Attachments.UnattachedAttachmentRetention"/> deletes it with its stored bytes; 1 to 8760 (a year).
    /// </summary>
    public int UnattachedRetentionHours { get; set; } = 24;
}

public sealed class ComplaintOptions
{
    /// <summary>
    /// Days a complaint draft may go unsaved before <see cref="Complaints.Drafts.ComplaintDraftRetention"/> deletes it (and with it
    /// what keeps its photos); 1 to 365. A draft for a visit booked further ahead than this is deleted too if left untouched.
    /// </summary>
    public int DraftRetentionDays { get; set; } = 30;
}

public sealed class VideoOptions
{
    /// <summary>For example <c>stun:stun.example.org:3478</c>. Empty: host candidates only (same network).</summary>
    public List<string> StunUrls { get; set; } = [];

    /// <summary>For example <c>turn:turn.example.org:3478?transport=udp</c>; needs <see cref="TurnSecret"/>.</summary>
    public List<string> TurnUrls { get; set; } = [];

    /// <summary>coturn's <c>static-auth-secret</c> (TURN REST scheme).</summary>
    public string? TurnSecret { get; set; }

    public int TurnCredentialMinutes { get; set; } = 60;

    /// <summary><c>all</c> or <c>relay</c> (force every call through TURN, e.g. to hide patients' addresses from each other).</summary>
    public string IceTransportPolicy { get; set; } = "all";

    /// <summary>The selective forwarding unit for calls of more than two (issue 16); none configured: group calls are off.</summary>
    public SfuOptions Sfu { get; set; } = new();
}

/// <summary>Group calls through a selective forwarding unit (Janus 1.1 video rooms). See docs/video.md.</summary>
public sealed class SfuOptions
{
    /// <summary>Guests besides the doctor and the patient (interpreter, family, a consulting doctor); the room holds this + 2 publishers, +2 for screens.</summary>
    public int MaxGuests { get; set; } = 3;

    public JanusOptions Janus { get; set; } = new();

    /// <summary>Janus's post-processor (Debian package <c>janus-tools</c>): turns <c>.mjr</c> into WebM video and Opus audio.</summary>
    public string PostProcessor { get; set; } = "janus-pp-rec";

    /// <summary>Muxes a publisher's video and audio into one WebM (no re-encoding).</summary>
    public string Ffmpeg { get; set; } = "ffmpeg";

    /// <summary>Reads a recording's duration.</summary>
    public string Ffprobe { get; set; } = "ffprobe";
}

/// <summary>
/// Where Janus answers. The host talks to <see cref="ApiUrl"/> (rooms) and <see cref="AdminUrl"/> (tokens); browsers to
/// <see cref="BrowserUrl"/> only, with a token the host added for them. Janus runs with <c>token_auth = true</c>.
/// </summary>
public sealed class JanusOptions
{
    /// <summary>Janus's REST API, for example <c>http://10.0.0.5:8088/janus</c>. Empty: no Janus.</summary>
    public string? ApiUrl { get; set; }

    /// <summary>Janus's admin API, for example <c>http://10.0.0.5:7088/admin</c> (never exposed to browsers).</summary>
    public string? AdminUrl { get; set; }

    /// <summary>What browsers open with janus.js, for example <c>wss://sfu.clinic.example/</c>; added to the CSP's connect-src.</summary>
    public string? BrowserUrl { get; set; }

    /// <summary>janus.jcfg's <c>admin_secret</c>; also the key the host derives room secrets and participant tokens from.</summary>
    public string? AdminSecret { get; set; }

    /// <summary>
    /// The video room plugin's <c>admin_key</c> (janus.plugin.videoroom.jcfg). Set it: without one, any token holder (any
    /// participant's browser) may create rooms and list every room's participants.
    /// </summary>
    public string? RoomAdminKey { get; set; }

    /// <summary>
    /// Where Janus writes recordings (<c>.mjr</c>), seen at the same path by Janus and by the host that post-processes them, for
    /// example a shared volume. Empty: calls are never recorded. The raw files are plaintext media until the host has
    /// encrypted the result and deleted them (seconds after the recording stops): keep this on an encrypted or memory-backed volume.
    /// </summary>
    public string? RecordingsDirectory { get; set; }

    public bool Configured => !string.IsNullOrEmpty(ApiUrl);
}
