using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Telemed.Modules.Identity.Contracts;
using Telemed.Modules.Identity.Infrastructure;
using Telemed.Modules.Identity.Registration;
using Telemed.Modules.Notifications.Contracts;

namespace Telemed.Modules.Identity.Accounts;

internal sealed class IdentityFacade(UserManager<UserAccount> users, IdentityDbContext db, TimeProvider clock, INotificationSender notifications, EmailLinks links)
    : IIdentityModule, IRecipientLanguage
{
    public async Task<Guid?> CreatePatientAccountAsync(NewPatientAccount account, CancellationToken cancellationToken = default)
    {
        var email = account.Email.Trim();
        if (await users.FindByEmailAsync(email) is not null)
        {
            return null;
        }

        var given = account.GivenName.Trim();
        var family = account.FamilyName.Trim();
        var user = new UserAccount
        {
            Email = email,
            DisplayName = $"{given} {family}",
            PreferredLanguage = account.PreferredLanguage,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        user.Roles.Add(new UserRole { UserId = user.Id, Role = BuildingBlocks.Access.Roles.Patient });
        // Saved with the account, as self-registration's is: the profile then follows every account that exists, even when the
        // caller's own write of it fails or the process dies before it (ADR 0015). A failed create clears it with the account.
        db.Publish(new PatientRegistered(user.Id, email, given, family, account.DateOfBirth, account.PreferredLanguage, account.Sex, account.Phone.Trim(),
            account.PatientId, account.RegisteredBy));
        IdentityResult created;
        try
        {
            created = await users.CreateAsync(user);
        }
        catch (DbUpdateException)
        {
            // A simultaneous registration with the same e-mail won the unique index.
            db.ChangeTracker.Clear();
            return null;
        }

        if (!created.Succeeded)
        {
            db.ChangeTracker.Clear();
            return created.Errors.Any(e => e.Code is "DuplicateEmail" or "DuplicateUserName")
                ? null
                : throw new InvalidOperationException($"Could not create a patient account: {string.Join("; ", created.Errors.Select(e => e.Code))}");
        }

        var token = await users.GeneratePasswordResetTokenAsync(user);
        var (subject, body) = AccountEmails.Welcome(user.PreferredLanguage, links.Link("/reset-password", user.Id, token));
        // The account is stored: its welcome link goes out whatever becomes of the caller (a retry would find the account and send none).
        await notifications.SendEmailAsync(email, subject, body, CancellationToken.None);
        return user.Id;
    }

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

    public async Task<Guid?> FindUserIdByEmailAsync(string email, CancellationToken cancellationToken = default) =>
        string.IsNullOrWhiteSpace(email) ? null : (await users.FindByEmailAsync(email.Trim()))?.Id;

    public async Task<string?> GetPreferredLanguageAsync(Guid userId, CancellationToken cancellationToken = default) =>
        await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.PreferredLanguage).SingleOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyDictionary<Guid, string?>> GetPreferredLanguagesAsync(IReadOnlyCollection<Guid> userIds,
        CancellationToken cancellationToken = default)
    {
        if (userIds.Count == 0)
        {
            return new Dictionary<Guid, string?>();
        }

        var ids = userIds.Distinct().ToList();
        return await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.PreferredLanguage })
            .ToDictionaryAsync(u => u.Id, string? (u) => u.PreferredLanguage, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<Guid, AccountCard>> GetAccountCardsAsync(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken = default)
    {
        if (userIds.Count == 0)
        {
            return new Dictionary<Guid, AccountCard>();
        }

        var ids = userIds.Distinct().ToList();
        var accounts = await db.Users.AsNoTracking().Include(u => u.Roles).Where(u => ids.Contains(u.Id)).ToListAsync(cancellationToken);
        return accounts.ToDictionary(u => u.Id, u => new AccountCard(u.Id, u.IsStaff ? u.DisplayName : null, u.RoleNames));
    }

    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<string>>> GetStaffRolesAsync(CancellationToken cancellationToken = default)
    {
        var staffRoles = BuildingBlocks.Access.Roles.Staff.ToList();
        var rows = await db.Set<UserRole>().AsNoTracking().Where(r => staffRoles.Contains(r.Role)).Select(r => r.UserId).Distinct().ToListAsync(cancellationToken);
        var staff = await db.Set<UserRole>().AsNoTracking().Where(r => rows.Contains(r.UserId)).ToListAsync(cancellationToken);
        return staff.GroupBy(r => r.UserId).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(r => r.Role).Order(StringComparer.Ordinal).ToList());
    }
}
