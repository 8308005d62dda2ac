namespace Telemed.Modules.Identity.Invitations;

/// <summary>An admin's invitation to a staff account; only the token's hash is stored.</summary>
internal sealed class Invitation
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid UserId { get; init; }
    public required string Role { get; init; }
    public required string TokenHash { get; init; }
    public Guid InvitedBy { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime ExpiresAt { get; init; }
    public DateTime? AcceptedAt { get; set; }
}
