using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Security;
using Telemed.Modules.Notifications.Contracts;

namespace Telemed.Modules.Notifications.Unsubscribe;

/// <summary>
/// The unsubscribe links of optional e-mails: a token of 45 URL-safe characters, the account and topic (23) followed by an
/// HMAC over them under the platform's keyed-hash key (22). Nothing is stored: the token itself says whose e-mails of which
/// topic to stop, and only the server can make one. It does not expire, because a mail client may offer it months later,
/// and all it can do is switch one topic's e-mails off (the person switches them on again in their settings). It names no
/// one readable: the account id is an opaque number, the topic a small index.
/// </summary>
internal sealed class UnsubscribeLinks(FieldEncryption keys, PublicUrls urls)
{
    private const string Purpose = "notifications.unsubscribe";
    private const int PayloadLength = 23;
    private const int SignatureLength = 22;

    /// <summary>The topics an e-mail can be unsubscribed from, by their index in the token. Append only: issued links keep their index.</summary>
    internal static readonly IReadOnlyList<string> Topics = [NotificationTopics.Messages, NotificationTopics.Bookings, NotificationTopics.Reminders];

    /// <summary>The token for <paramref name="userId"/>'s e-mails about <paramref name="topic"/>; null for a topic that cannot be switched off by e-mail.</summary>
    public string? Token(Guid userId, string topic)
    {
        var index = Topics.ToList().IndexOf(topic);
        if (index < 0)
        {
            return null;
        }

        var payload = new byte[17];
        userId.TryWriteBytes(payload);
        payload[16] = (byte)index;
        var text = Base64Url.EncodeToString(payload);
        return text + Sign(text);
    }

    /// <summary>The page a person opens from the e-mail's body (it asks before it unsubscribes: mail scanners open links).</summary>
    public string PageUrl(string token) => urls.To($"/unsubscribe/{token}");

    /// <summary>The address a mail client posts to for one-click unsubscribe (RFC 8058).</summary>
    public string OneClickUrl(string token) => urls.To($"/api/v1/notifications/unsubscribe/{token}");

    /// <summary>Whose e-mails and which topic <paramref name="token"/> names; null when it was not made by this server or was mangled.</summary>
    public (Guid UserId, string Topic)? Read(string? token)
    {
        if (token is not { Length: PayloadLength + SignatureLength })
        {
            return null;
        }

        var payloadText = token[..PayloadLength];
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(payloadText)), Encoding.ASCII.GetBytes(token[PayloadLength..])))
        {
            return null;
        }

        var payload = Base64Url.DecodeFromChars(payloadText);
        return payload[16] < Topics.Count ? (new Guid(payload.AsSpan(0, 16)), Topics[payload[16]]) : null;
    }

    private string Sign(string payload) => Base64Url.EncodeToString(Convert.FromBase64String(keys.BlindIndex(Purpose, payload)).AsSpan(0, 16));
}
