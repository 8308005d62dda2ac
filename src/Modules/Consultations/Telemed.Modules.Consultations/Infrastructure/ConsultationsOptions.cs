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

    public VideoOptions Video { get; set; } = new();
}

public sealed class OnCallOptions
{
    /// <summary>An on-demand request nobody has accepted after this long is escalated.</summary>
    public int EscalateAfterSeconds { get; set; } = 180;
}

public sealed class AttachmentOptions
{
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;
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
}
