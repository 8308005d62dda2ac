using Telemed.Modules.Identity.Contracts;

namespace Telemed.Modules.Identity.CareAccess;

internal sealed class CareRelationship
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid DoctorUserId { get; init; }
    public Guid PatientId { get; init; }
    public CareRelationshipKind Kind { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? ValidUntil { get; set; }
}

/// <summary>Emergency access outside a care relationship; the reason may hold clinical detail, so it is encrypted.</summary>
internal sealed class BreakGlassGrant
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid DoctorUserId { get; init; }
    public Guid PatientId { get; init; }
    public required string Reason { get; init; }
    public DateTime GrantedAt { get; init; }
    public DateTime ExpiresAt { get; init; }
}
