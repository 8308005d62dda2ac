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

    /// <summary>
    /// Several accounts' preferred languages in one read, keyed by user id; an unknown user is absent. For a batch of events,
    /// where one read per recipient cost more of the host's CPU than the rest of their notification (docs/benchmarks.md).
    /// </summary>
    Task<IReadOnlyDictionary<Guid, string?>> GetPreferredLanguagesAsync(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken = default);
}
