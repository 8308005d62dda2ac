namespace Telemed.Modules.Identity.Sessions;

/// <summary>Bound from <c>Sessions</c>.</summary>
public sealed class IdleSessionOptions
{
    public const string Section = "Sessions";

    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(15);
    public TimeSpan IdleWarning { get; set; } = TimeSpan.FromMinutes(2);
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How often open hub connections are checked against their sessions (idle expiry, ends on other hosts).</summary>
    public TimeSpan ConnectionSweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a session checked from memory is trusted before it is read again from the database: the longest a
    /// session ended by another host (or directly in the database) is still accepted on this one.
    /// </summary>
    public TimeSpan RevalidateAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often the last activity seen in memory is written to the database, for all sessions at once. A crash loses at
    /// most this much activity, so a session can end this much early after a restart (never late); with several hosts,
    /// activity seen only by another host reaches this one within this interval plus <see cref="RevalidateAfter"/>.
    /// </summary>
    public TimeSpan ActivityFlushInterval { get; set; } = TimeSpan.FromSeconds(30);
}
