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
}
