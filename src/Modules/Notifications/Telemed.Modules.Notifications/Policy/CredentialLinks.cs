using System.Text.RegularExpressions;

namespace Telemed.Modules.Notifications.Policy;

/// <summary>
/// Removes links from a message body before anyone but its recipient could read it. Every link is removed, not only
/// the ones known to carry a token today (verification, reset, invitation, one-tap reminder actions): a link added
/// tomorrow must not become readable because nobody thought to list it.
/// </summary>
public static partial class CredentialLinks
{
    /// <summary>What a removed link is replaced with.</summary>
    public const string Placeholder = "[link removed: only the recipient's copy carries it]";

    /// <summary>
    /// <paramref name="body"/> with every absolute link (any <c>scheme://...</c> up to white space) and every relative
    /// link that carries a query (<c>/reset-password?token=...</c>) or an opaque segment of 20 or more URL-safe
    /// characters (<c>/r/{token}</c>) replaced by <see cref="Placeholder"/>. Null stays null.
    /// </summary>
    public static string? Redact(string? body) => body is null ? null : Relative().Replace(Absolute().Replace(body, Placeholder), Placeholder);

    [GeneratedRegex(@"\b[a-zA-Z][a-zA-Z0-9+.\-]*://\S+", RegexOptions.CultureInvariant)]
    private static partial Regex Absolute();

    [GeneratedRegex(@"(?<![\w/:])/(?:[\w\-./~%]*\?\S+|\S*[A-Za-z0-9_\-]{20,}\S*)", RegexOptions.CultureInvariant)]
    private static partial Regex Relative();
}
