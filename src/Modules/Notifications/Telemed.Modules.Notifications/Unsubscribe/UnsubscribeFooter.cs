using Telemed.Modules.Notifications.Contracts;

namespace Telemed.Modules.Notifications.Unsubscribe;

/// <summary>
/// The line an optional e-mail ends with: why the person gets it and the link that stops it, in their language (<c>ru</c>, else
/// English). Security messages have none: they cannot be switched off.
/// </summary>
internal static class UnsubscribeFooter
{
    /// <summary><paramref name="body"/> followed by a separator and the unsubscribe line for <paramref name="topic"/> with <paramref name="pageUrl"/>.</summary>
    public static string Append(string body, string topic, string? language, string pageUrl) =>
        body.TrimEnd() + "\n\n-- \n" + (language == "ru"
            ? $"Вы получаете это письмо, потому что в настройках уведомлений включены письма {TopicRu(topic)}. Отказаться от них:\n{pageUrl}"
            : $"You get this e-mail because {TopicEn(topic)} by e-mail are on in your notification settings. To stop them:\n{pageUrl}");

    /// <summary>The topic as the English sentence names it.</summary>
    public static string TopicEn(string topic) => topic switch
    {
        NotificationTopics.Bookings => "booking changes",
        NotificationTopics.Reminders => "visit reminders",
        _ => "message notices",
    };

    /// <summary>The topic as the Russian sentence names it (after «письма»).</summary>
    public static string TopicRu(string topic) => topic switch
    {
        NotificationTopics.Bookings => "об изменениях записи",
        NotificationTopics.Reminders => "с напоминаниями о приёмах",
        _ => "о новых сообщениях",
    };
}
