using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.Modules.Identity.Contracts;
using Telemed.Modules.Identity.Infrastructure;

namespace Telemed.Modules.Identity.Administration;

/// <summary>New registrations and open invitations as counts for the admin's home page.</summary>
internal sealed class AccountFiguresReader(IdentityDbContext db) : IAccountFigures
{
    public Task<int> CountNewPatientAccountsAsync(DateTime fromUtc, DateTime untilUtc, CancellationToken cancellationToken = default) =>
        db.Users.AsNoTracking().CountAsync(u => u.CreatedAt >= fromUtc && u.CreatedAt < untilUtc && u.Roles.Any(r => r.Role == Roles.Patient), cancellationToken);

    /// <summary>Revoking or resending closes an invitation by moving its expiry to that moment, so "open" is "not accepted, not yet expired".</summary>
    public Task<int> CountPendingInvitationsAsync(DateTime nowUtc, CancellationToken cancellationToken = default) =>
        db.Invitations.AsNoTracking().CountAsync(i => i.AcceptedAt == null && i.ExpiresAt > nowUtc, cancellationToken);
}
