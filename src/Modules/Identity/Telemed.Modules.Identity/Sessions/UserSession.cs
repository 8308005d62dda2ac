namespace Telemed.Modules.Identity.Sessions;

internal enum SessionKind { Cookie, Bearer }

/// <summary>A server-side session: the idle timeout and revocation are enforced here, not by the cookie.</summary>
internal sealed class UserSession
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid UserId { get; init; }
    public SessionKind Kind { get; init; }
    public string? TokenHash { get; init; }
    public bool MfaSatisfied { get; set; }
    public DateTime CreatedAt { get; init; }
    public DateTime LastSeenAt { get; set; }
    public DateTime? EndedAt { get; set; }
    public string? EndReason { get; set; }
}
