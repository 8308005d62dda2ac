namespace Telemed.Modules.Notifications.Contracts;

/// <summary>
/// The language an account wants everything sent to it in (<c>en</c> or <c>ru</c>). Implemented by Identity, which owns
/// accounts; defined here so that Notifications asks without depending on Identity (dependencies point from Identity to
/// Notifications).
/// </summary>
public interface IRecipientLanguage
{
    /// <summary>The account's preferred language; null for an unknown user.</summary>
    Task<string?> GetPreferredLanguageAsync(Guid userId, CancellationToken cancellationToken = default);
}
