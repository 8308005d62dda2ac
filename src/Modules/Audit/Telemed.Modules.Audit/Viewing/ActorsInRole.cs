using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Access;
using Telemed.Modules.Audit.Trail;

namespace Telemed.Modules.Audit.Viewing;

/// <summary>
/// The audit filter "actor's role". Staff accounts are few, so a staff role is "the actor is one of these ids"; patients are
/// many, so Patient is "a signed-in actor who is not staff" (the trail keeps ids only: roles live in Identity).
/// </summary>
internal static class ActorsInRole
{
    public static async Task<IQueryable<AuditEntry>> FilterAsync(IQueryable<AuditEntry> query, string role, IAuditActorDirectory actorDirectory, CancellationToken ct)
    {
        var staff = await actorDirectory.StaffRolesAsync(ct);
        if (role == Roles.Patient)
        {
            var staffIds = staff.Keys.ToList();
            return query.Where(e => e.ActorId != null && !staffIds.Contains(e.ActorId.Value));
        }

        var ids = staff.Where(s => s.Value.Contains(role)).Select(s => (Guid?)s.Key).ToList();
        return query.Where(e => ids.Contains(e.ActorId));
    }
}
