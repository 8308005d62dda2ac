using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Auditing;
using Telemed.Modules.Identity.Contracts;
using Telemed.Modules.Identity.Infrastructure;
using Telemed.Modules.Identity.Sessions;

namespace Telemed.Modules.Identity.Accounts;

/// <summary><see cref="IAccountClosure"/>: a patient's account closed for good after their erasure request.</summary>
internal sealed class AccountClosure(IdentityDbContext db, SessionService sessions, AuditScope audit) : IAccountClosure
{
    public const string ErasedDisplayName = "Erased patient";

    public async Task CloseForErasureAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        var user = await db.Users.Include(u => u.Roles).SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return;
        }

        if (IsClosed(user))
        {
            // A resumed erasure: the account was closed by an earlier attempt, which may have stopped before its sessions ended.
            await sessions.EndAllAsync(user.Id, "erased");
            return;
        }

        if (user.IsStaff)
        {
            throw new InvalidOperationException("Only patient accounts are closed by an erasure request.");
        }

        user.Status = AccountStatus.Suspended;
        user.PasswordHash = null;
        user.AuthenticatorKey = null;
        user.RecoveryCodes = null;
        user.TwoFactorEnabled = false;
        user.Email = $"erased-{user.Id:N}@erased.invalid";
        // A lookup no real address hashes to, so the old address can register again as a new person.
        user.EmailLookup = $"erased:{user.Id:N}";
        user.EmailConfirmed = false;
        user.DisplayName = ErasedDisplayName;
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        user.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        await db.SaveChangesAsync(cancellationToken);
        await sessions.EndAllAsync(user.Id, "erased");
        audit.Record("user.closed_for_erasure", AuditOutcome.Success, "UserAccount", user.Id.ToString());
    }

    private static bool IsClosed(UserAccount user) => user.EmailLookup.StartsWith("erased:", StringComparison.Ordinal);
}
