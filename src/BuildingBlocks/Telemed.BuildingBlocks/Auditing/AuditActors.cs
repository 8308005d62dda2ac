namespace Telemed.BuildingBlocks.Auditing;

/// <summary>
/// An audit entry's actor as the admin's viewer shows it: the display name only for staff (admins do not see patients'
/// names, docs/security.md) and the account's role names.
/// </summary>
public sealed record AuditActor(Guid UserId, string? DisplayName, IReadOnlyList<string> Roles);

/// <summary>
/// Who the actors in the audit trail are, for the viewer. A port: the audit module sits below every other module and
/// references none (the trail keeps ids only), so the identity module implements it.
/// </summary>
public interface IAuditActorDirectory
{
    /// <summary>The actors among <paramref name="userIds"/>, keyed by user id; unknown ids are left out.</summary>
    Task<IReadOnlyDictionary<Guid, AuditActor>> FindAsync(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken = default);

    /// <summary>Every staff account (any role but Patient alone) with its role names: a short list, for filtering by role.</summary>
    Task<IReadOnlyDictionary<Guid, IReadOnlyList<string>>> StaffRolesAsync(CancellationToken cancellationToken = default);
}
