using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Security;
using Telemed.Modules.Identity.Infrastructure;

namespace Telemed.Modules.Identity.Accounts;

/// <summary>ASP.NET Core Identity's stores over our own tables; the e-mail is found through a blind index.</summary>
internal sealed class UserStore(IdentityDbContext db, FieldEncryption encryption) :
    IUserPasswordStore<UserAccount>, IUserEmailStore<UserAccount>, IUserSecurityStampStore<UserAccount>, IUserLockoutStore<UserAccount>,
    IUserTwoFactorStore<UserAccount>, IUserAuthenticatorKeyStore<UserAccount>, IUserTwoFactorRecoveryCodeStore<UserAccount>, IUserRoleStore<UserAccount>
{
    public const string EmailPurpose = "user-email";

    public string Lookup(string normalizedEmail) => encryption.BlindIndex(EmailPurpose, normalizedEmail);

    public void Dispose()
    {
    }

    public async Task<IdentityResult> CreateAsync(UserAccount user, CancellationToken ct)
    {
        db.Users.Add(user);
        await db.SaveChangesAsync(ct);
        return IdentityResult.Success;
    }

    public async Task<IdentityResult> UpdateAsync(UserAccount user, CancellationToken ct)
    {
        user.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        await db.SaveChangesAsync(ct);
        return IdentityResult.Success;
    }

    public async Task<IdentityResult> DeleteAsync(UserAccount user, CancellationToken ct)
    {
        db.Users.Remove(user);
        await db.SaveChangesAsync(ct);
        return IdentityResult.Success;
    }

    public Task<UserAccount?> FindByIdAsync(string userId, CancellationToken ct) =>
        Guid.TryParse(userId, out var id) ? db.Users.Include(u => u.Roles).SingleOrDefaultAsync(u => u.Id == id, ct) : Task.FromResult<UserAccount?>(null);

    public Task<UserAccount?> FindByNameAsync(string normalizedUserName, CancellationToken ct) => FindByEmailAsync(normalizedUserName, ct);

    public Task<UserAccount?> FindByEmailAsync(string normalizedEmail, CancellationToken ct)
    {
        // A blank address is nobody's: never let it reach the index, where it could match a blank one.
        if (string.IsNullOrWhiteSpace(normalizedEmail))
        {
            return Task.FromResult<UserAccount?>(null);
        }

        var lookup = Lookup(normalizedEmail);
        return db.Users.Include(u => u.Roles).SingleOrDefaultAsync(u => u.EmailLookup == lookup, ct);
    }

    public Task<string> GetUserIdAsync(UserAccount user, CancellationToken ct) => Task.FromResult(user.Id.ToString());
    public Task<string?> GetUserNameAsync(UserAccount user, CancellationToken ct) => Task.FromResult<string?>(user.Email);
    public Task SetUserNameAsync(UserAccount user, string? userName, CancellationToken ct) => Task.CompletedTask;
    public Task<string?> GetNormalizedUserNameAsync(UserAccount user, CancellationToken ct) => Task.FromResult<string?>(user.Email.ToUpperInvariant());
    public Task SetNormalizedUserNameAsync(UserAccount user, string? normalizedName, CancellationToken ct) => Task.CompletedTask;

    public Task SetPasswordHashAsync(UserAccount user, string? passwordHash, CancellationToken ct) { user.PasswordHash = passwordHash; return Task.CompletedTask; }
    public Task<string?> GetPasswordHashAsync(UserAccount user, CancellationToken ct) => Task.FromResult(user.PasswordHash);
    public Task<bool> HasPasswordAsync(UserAccount user, CancellationToken ct) => Task.FromResult(user.PasswordHash is not null);

    public Task SetEmailAsync(UserAccount user, string? email, CancellationToken ct) { user.Email = email ?? ""; return Task.CompletedTask; }
    public Task<string?> GetEmailAsync(UserAccount user, CancellationToken ct) => Task.FromResult<string?>(user.Email);
    public Task<bool> GetEmailConfirmedAsync(UserAccount user, CancellationToken ct) => Task.FromResult(user.EmailConfirmed);
    public Task SetEmailConfirmedAsync(UserAccount user, bool confirmed, CancellationToken ct) { user.EmailConfirmed = confirmed; return Task.CompletedTask; }
    public Task<string?> GetNormalizedEmailAsync(UserAccount user, CancellationToken ct) => Task.FromResult<string?>(user.Email.ToUpperInvariant());

    public Task SetNormalizedEmailAsync(UserAccount user, string? normalizedEmail, CancellationToken ct)
    {
        user.EmailLookup = Lookup(normalizedEmail ?? "");
        return Task.CompletedTask;
    }

    public Task SetSecurityStampAsync(UserAccount user, string stamp, CancellationToken ct) { user.SecurityStamp = stamp; return Task.CompletedTask; }
    public Task<string?> GetSecurityStampAsync(UserAccount user, CancellationToken ct) => Task.FromResult<string?>(user.SecurityStamp);

    public Task<DateTimeOffset?> GetLockoutEndDateAsync(UserAccount user, CancellationToken ct) =>
        Task.FromResult<DateTimeOffset?>(user.LockoutEndUtc is { } end ? new DateTimeOffset(end, TimeSpan.Zero) : null);
    public Task SetLockoutEndDateAsync(UserAccount user, DateTimeOffset? lockoutEnd, CancellationToken ct) { user.LockoutEndUtc = lockoutEnd?.UtcDateTime; return Task.CompletedTask; }
    public Task<int> IncrementAccessFailedCountAsync(UserAccount user, CancellationToken ct) => Task.FromResult(++user.AccessFailedCount);
    public Task ResetAccessFailedCountAsync(UserAccount user, CancellationToken ct) { user.AccessFailedCount = 0; return Task.CompletedTask; }
    public Task<int> GetAccessFailedCountAsync(UserAccount user, CancellationToken ct) => Task.FromResult(user.AccessFailedCount);
    public Task<bool> GetLockoutEnabledAsync(UserAccount user, CancellationToken ct) => Task.FromResult(user.LockoutEnabled);
    public Task SetLockoutEnabledAsync(UserAccount user, bool enabled, CancellationToken ct) { user.LockoutEnabled = enabled; return Task.CompletedTask; }

    public Task SetTwoFactorEnabledAsync(UserAccount user, bool enabled, CancellationToken ct) { user.TwoFactorEnabled = enabled; return Task.CompletedTask; }
    public Task<bool> GetTwoFactorEnabledAsync(UserAccount user, CancellationToken ct) => Task.FromResult(user.TwoFactorEnabled);
    public Task SetAuthenticatorKeyAsync(UserAccount user, string key, CancellationToken ct)
    {
        // Steps used with the old key say nothing about the new one: codes of a fresh key start unused.
        user.AuthenticatorKey = key;
        user.TotpLastStep = null;
        return Task.CompletedTask;
    }

    public Task<string?> GetAuthenticatorKeyAsync(UserAccount user, CancellationToken ct) => Task.FromResult(user.AuthenticatorKey);

    public Task ReplaceCodesAsync(UserAccount user, IEnumerable<string> recoveryCodes, CancellationToken ct)
    {
        user.RecoveryCodes = string.Join(';', recoveryCodes);
        return Task.CompletedTask;
    }

    public async Task<bool> RedeemCodeAsync(UserAccount user, string code, CancellationToken ct)
    {
        var codes = (user.RecoveryCodes ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (!codes.Remove(code))
        {
            return false;
        }

        user.RecoveryCodes = string.Join(';', codes);
        await UpdateAsync(user, ct);
        return true;
    }

    public Task<int> CountCodesAsync(UserAccount user, CancellationToken ct) =>
        Task.FromResult((user.RecoveryCodes ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries).Length);

    public Task AddToRoleAsync(UserAccount user, string roleName, CancellationToken ct)
    {
        var role = BuildingBlocks.Access.Roles.All.Single(r => string.Equals(r, roleName, StringComparison.OrdinalIgnoreCase));
        if (user.Roles.All(r => r.Role != role))
        {
            user.Roles.Add(new UserRole { UserId = user.Id, Role = role });
        }

        return Task.CompletedTask;
    }

    public Task RemoveFromRoleAsync(UserAccount user, string roleName, CancellationToken ct)
    {
        user.Roles.RemoveAll(r => string.Equals(r.Role, roleName, StringComparison.OrdinalIgnoreCase));
        return Task.CompletedTask;
    }

    public Task<IList<string>> GetRolesAsync(UserAccount user, CancellationToken ct) => Task.FromResult<IList<string>>(user.RoleNames.ToList());

    public Task<bool> IsInRoleAsync(UserAccount user, string roleName, CancellationToken ct) =>
        Task.FromResult(user.Roles.Any(r => string.Equals(r.Role, roleName, StringComparison.OrdinalIgnoreCase)));

    public async Task<IList<UserAccount>> GetUsersInRoleAsync(string roleName, CancellationToken ct) =>
        await db.Users.Include(u => u.Roles).Where(u => u.Roles.Any(r => r.Role == roleName)).ToListAsync(ct);
}
