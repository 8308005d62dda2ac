using Telemed.BuildingBlocks.Events;

namespace Telemed.Modules.Identity.Contracts;

/// <summary>
/// A patient account was created, by the patient (self-registration) or by the front desk (a walk-in); carries what the directory
/// needs for the profile (PHI: the outbox encrypts it). It is written in the account's own transaction, so the profile follows every
/// account that exists, whatever becomes of the request that created it.
/// </summary>
/// <param name="Sex">female, male, other or unknown; a self-registered patient gives none (unknown).</param>
/// <param name="Phone">"" when none was given.</param>
/// <param name="PatientId">
/// The directory id the profile is to have; null lets the directory choose. The front desk chooses it before the account exists, so
/// its answer can name the patient even when the profile is created later, by this event's delivery.
/// </param>
/// <param name="RegisteredBy">The front-desk user who registered the patient (the audit trail's actor of the profile's creation); null for a self-registration.</param>
public sealed record PatientRegistered(Guid UserId, string Email, string GivenName, string FamilyName, DateOnly DateOfBirth, string PreferredLanguage,
    string Sex = "unknown", string Phone = "", Guid? PatientId = null, Guid? RegisteredBy = null) : IntegrationEvent;

/// <summary>An admin created a staff account (by invitation or seeding).</summary>
public sealed record StaffAccountCreated(Guid UserId, string Email, string DisplayName, IReadOnlyList<string> Roles) : IntegrationEvent;

/// <summary>
/// A patient the front desk registers (walk-in or by phone): no password yet; the patient chooses one from
/// an e-mailed link, which also confirms the address. Language: "en" or "ru"; sex: female, male, other or unknown; phone "" when
/// none. The names, date of birth, sex and phone are for the directory's profile, which follows the account through
/// <see cref="PatientRegistered"/>; <paramref name="PatientId"/> is the id that profile is to have, <paramref name="RegisteredBy"/> the
/// front-desk user who registers the patient.
/// </summary>
public sealed record NewPatientAccount(string Email, string GivenName, string FamilyName, DateOnly DateOfBirth, string Sex, string Phone,
    string PreferredLanguage, Guid PatientId, Guid RegisteredBy);

public sealed record NewUser(string Email, string Password, string DisplayName, IReadOnlyList<string> Roles, string? AuthenticatorKey = null, string PreferredLanguage = "en");

/// <summary>
/// Who an account is, as an admin may see it: the display name of a staff account, null for a patient-only account
/// (admins do not see patients' names), and the account's roles (role names of <c>Roles</c>).
/// </summary>
public sealed record AccountCard(Guid UserId, string? DisplayName, IReadOnlyList<string> Roles);

/// <summary>The identity module's facade for other modules and the host's composition (seeding).</summary>
public interface IIdentityModule
{
    /// <summary>Creates an active, e-mail-verified account; returns its id, or the existing id if the e-mail is taken.</summary>
    Task<Guid> EnsureUserAsync(NewUser user, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates a patient account without a password and e-mails the patient a link to choose one (valid as long as a
    /// password-reset link). Returns the new user id, or null when the e-mail address already has an account. The account is
    /// committed with a <see cref="PatientRegistered"/> event, whose delivery creates the patient's profile (id
    /// <see cref="NewPatientAccount.PatientId"/>) if the caller has not created it by then.
    /// </summary>
    Task<Guid?> CreatePatientAccountAsync(NewPatientAccount account, CancellationToken cancellationToken = default);

    Task<string?> GetDisplayNameAsync(Guid userId, CancellationToken cancellationToken = default);

    Task<string?> GetEmailAsync(Guid userId, CancellationToken cancellationToken = default);

    /// <summary>The id of the account with this e-mail address (compared as Identity normalises it); null when there is none.</summary>
    Task<Guid?> FindUserIdByEmailAsync(string email, CancellationToken cancellationToken = default);

    /// <summary>The account's language for everything sent to it (<c>en</c> or <c>ru</c>); null for an unknown user.</summary>
    Task<string?> GetPreferredLanguageAsync(Guid userId, CancellationToken cancellationToken = default);

    /// <summary>The cards of many accounts in one query, keyed by user id; unknown ids are left out.</summary>
    Task<IReadOnlyDictionary<Guid, AccountCard>> GetAccountCardsAsync(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken = default);

    /// <summary>Every staff account (any role but Patient alone) with its roles: a short list, for filtering by role.</summary>
    Task<IReadOnlyDictionary<Guid, IReadOnlyList<string>>> GetStaffRolesAsync(CancellationToken cancellationToken = default);
}

public sealed record DemoAccount(string Role, string Email, string Password, string? AuthenticatorKey);

/// <summary>Demo accounts the sign-in page shows in Development only; registered by the host's demo seeder.</summary>
public sealed class DemoAccounts
{
    public List<DemoAccount> Accounts { get; } = [];
}

/// <summary>
/// A patient chose another language ("en" or "ru") in their profile (published by Directory, which owns the profile; defined here
/// because dependencies point from Directory to Identity). Identity follows it, so every e-mail to the patient is in that one language.
/// </summary>
public sealed record PatientLanguageChanged(Guid UserId, string PreferredLanguage) : IntegrationEvent;

/// <summary>
/// Closing a patient's account when their erasure request is carried out (Privacy module, docs/privacy.md): every session ends, the
/// password and authenticator are removed, the e-mail address and name are replaced by placeholders, and the account can never sign in
/// again. Idempotent: closing a closed (or unknown) account does nothing.
/// </summary>
public interface IAccountClosure
{
    /// <summary>Closes the account <paramref name="userId"/>; staff accounts are refused with <see cref="InvalidOperationException"/> (erasure is for patients).</summary>
    Task CloseForErasureAsync(Guid userId, CancellationToken cancellationToken = default);
}
