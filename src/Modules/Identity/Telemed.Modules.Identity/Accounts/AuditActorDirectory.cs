using Telemed.BuildingBlocks.Auditing;
using Telemed.Modules.Identity.Contracts;

namespace Telemed.Modules.Identity.Accounts;

/// <summary>The identity module's answer to the audit viewer's "who is this actor" (see <see cref="IAuditActorDirectory"/>).</summary>
internal sealed class AuditActorDirectory(IIdentityModule identity) : IAuditActorDirectory
{
    public async Task<IReadOnlyDictionary<Guid, AuditActor>> FindAsync(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken = default) =>
        (await identity.GetAccountCardsAsync(userIds, cancellationToken)).ToDictionary(p => p.Key, p => new AuditActor(p.Value.UserId, p.Value.DisplayName, p.Value.Roles));

    public Task<IReadOnlyDictionary<Guid, IReadOnlyList<string>>> StaffRolesAsync(CancellationToken cancellationToken = default) =>
        identity.GetStaffRolesAsync(cancellationToken);
}
