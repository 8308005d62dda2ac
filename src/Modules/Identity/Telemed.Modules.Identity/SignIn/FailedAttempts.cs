using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Telemed.Modules.Identity.Accounts;
using Telemed.Modules.Identity.Infrastructure;

namespace Telemed.Modules.Identity.SignIn;

/// <summary>
/// The lockout counter, kept by atomic updates instead of Identity's read-modify-write of the whole account:
/// concurrent attempts (two requests racing with one TOTP code, or a burst of guesses) each count, and none
/// turns into a concurrency conflict for the attempt that succeeds.
/// </summary>
/// <remarks>Lockout ends are compared with the wall clock, as Identity's own <c>IsLockedOutAsync</c> does.</remarks>
internal sealed class FailedAttempts(IdentityDbContext db, IOptions<IdentityOptions> options)
{
    /// <summary>Counts one failed password or code; locks the account (and restarts the count) when it reaches the maximum. True when now locked.</summary>
    public async Task<bool> CountAsync(UserAccount user, CancellationToken ct = default)
    {
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessFailedCount, u => u.AccessFailedCount + 1), ct);
        var lockout = options.Value.Lockout;
        var until = TimeProvider.System.GetUtcNow().UtcDateTime + lockout.DefaultLockoutTimeSpan;
        var locked = user.LockoutEnabled && await db.Users.Where(u => u.Id == user.Id && u.AccessFailedCount >= lockout.MaxFailedAccessAttempts)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessFailedCount, 0).SetProperty(u => u.LockoutEndUtc, until), ct) > 0;
        await SyncAsync(user, ct);
        return locked;
    }

    /// <summary>Clears the count after a success (no write when it is already zero).</summary>
    public async Task ResetAsync(UserAccount user, CancellationToken ct = default)
    {
        if (await db.Users.Where(u => u.Id == user.Id && u.AccessFailedCount != 0).ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessFailedCount, 0), ct) > 0)
        {
            await SyncAsync(user, ct);
        }
    }

    /// <summary>Whether the account is locked now, read from the database rather than a copy loaded earlier in the request.</summary>
    public async Task<bool> IsLockedOutAsync(UserAccount user, CancellationToken ct = default)
    {
        await SyncAsync(user, ct);
        return user.LockoutEnabled && user.LockoutEndUtc is { } end && end >= TimeProvider.System.GetUtcNow().UtcDateTime;
    }

    // The tracked copy takes the stored values as both current and original: a later save neither writes them back nor conflicts.
    private async Task SyncAsync(UserAccount user, CancellationToken ct)
    {
        var stored = await db.Users.AsNoTracking().Where(u => u.Id == user.Id).Select(u => new { u.AccessFailedCount, u.LockoutEndUtc }).SingleAsync(ct);
        var entry = db.Entry(user);
        entry.Property(u => u.AccessFailedCount).CurrentValue = stored.AccessFailedCount;
        entry.Property(u => u.AccessFailedCount).OriginalValue = stored.AccessFailedCount;
        entry.Property(u => u.LockoutEndUtc).CurrentValue = stored.LockoutEndUtc;
        entry.Property(u => u.LockoutEndUtc).OriginalValue = stored.LockoutEndUtc;
    }
}
