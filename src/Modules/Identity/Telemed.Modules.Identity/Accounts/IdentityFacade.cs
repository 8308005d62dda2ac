using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Telemed.Modules.Identity.Contracts;
using Telemed.Modules.Identity.Infrastructure;

namespace Telemed.Modules.Identity.Accounts;

internal sealed class IdentityFacade(UserManager<UserAccount> users, IdentityDbContext db, TimeProvider clock) : IIdentityModule
{
    public async Task<Guid> EnsureUserAsync(NewUser newUser, CancellationToken cancellationToken = default)
    {
        if (await users.FindByEmailAsync(newUser.Email) is { } existing)
        {
            return existing.Id;
        }

        var user = new UserAccount
        {
            Email = newUser.Email,
            DisplayName = newUser.DisplayName,
            PreferredLanguage = newUser.PreferredLanguage,
            EmailConfirmed = true,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            AuthenticatorKey = newUser.AuthenticatorKey,
            TwoFactorEnabled = newUser.AuthenticatorKey is not null,
        };
        foreach (var role in newUser.Roles.Distinct())
        {
            user.Roles.Add(new UserRole { UserId = user.Id, Role = role });
        }

        var result = await users.CreateAsync(user, newUser.Password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not create a user: {string.Join("; ", result.Errors.Select(e => e.Code))}");
        }

        return user.Id;
    }

    public async Task<string?> GetDisplayNameAsync(Guid userId, CancellationToken cancellationToken = default) =>
        (await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken))?.DisplayName;

    public async Task<string?> GetEmailAsync(Guid userId, CancellationToken cancellationToken = default) =>
        (await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken))?.Email;
}
