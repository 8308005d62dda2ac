namespace Telemed.Modules.Identity.Accounts;

internal enum AccountStatus { Active, Suspended, Invited }

/// <summary>A person who can sign in. E-mail and name identify a patient, so both are stored encrypted.</summary>
internal sealed class UserAccount
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public string Email { get; set; } = "";
    public string EmailLookup { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string PreferredLanguage { get; set; } = "en";
    public string? PasswordHash { get; set; }
    public string SecurityStamp { get; set; } = Guid.NewGuid().ToString("N");
    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString("N");
    public bool EmailConfirmed { get; set; }
    public bool LockoutEnabled { get; set; } = true;
    public DateTime? LockoutEndUtc { get; set; }
    public int AccessFailedCount { get; set; }
    public bool TwoFactorEnabled { get; set; }
    public string? AuthenticatorKey { get; set; }
    public string? RecoveryCodes { get; set; }
    public AccountStatus Status { get; set; } = AccountStatus.Active;
    public DateTime CreatedAt { get; init; }
    public DateTime? LastSignInAt { get; set; }

    /// <summary>
    /// The last RFC 6238 time step (Unix seconds / 30) whose authenticator code this user signed in with; codes of
    /// this step or earlier are refused (no replay). Null until the first code; cleared when the key is replaced.
    /// </summary>
    public long? TotpLastStep { get; set; }
    public List<UserRole> Roles { get; init; } = [];

    public bool IsStaff => Roles.Any(r => r.Role != BuildingBlocks.Access.Roles.Patient);

    public IReadOnlyList<string> RoleNames => Roles.Select(r => r.Role).Order(StringComparer.Ordinal).ToList();
}

internal sealed class UserRole
{
    public Guid UserId { get; init; }
    public required string Role { get; init; }
}
