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
    public DateTime ExpiresAt { get; set; }
    public DateTime? AcceptedAt { get; set; }

    /// <summary>Closes an open invitation at <paramref name="now"/> (UTC): its link stops working (resent or revoked).</summary>
    public void Close(DateTime now)
    {
        if (AcceptedAt is null && ExpiresAt > now)
        {
            ExpiresAt = now;
        }
    }
}
