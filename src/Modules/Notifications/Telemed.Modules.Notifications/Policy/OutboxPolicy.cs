namespace Telemed.Modules.Notifications.Policy;

/// <summary>
/// Who may see what the development outbox keeps. Messages carry links that act as credentials (e-mail verification,
/// password reset, invitations, one-tap reminder actions): whoever reads them can act as the recipient. So the outbox
/// is a developer's tool on demo data, and nowhere else a place where staff can read anyone's messages.
/// </summary>
public static class OutboxPolicy
{
    /// <summary>The outbox's admin routes exist only in Development; elsewhere they answer 404.</summary>
    public static bool OutboxCanBeRead(bool isDevelopment) => isDevelopment;

    /// <summary>The outbox may stand in for a real channel in Development, or elsewhere when an operator opted in.</summary>
    public static bool OutboxMayStandInForChannel(bool isDevelopment, bool operatorOptedIn) => isDevelopment || operatorOptedIn;

    /// <summary>The stored copy keeps its links only in Development; elsewhere every link is removed before it is saved.</summary>
    public static bool StoredCopyKeepsLinks(bool isDevelopment) => isDevelopment;

    /// <summary>
    /// The start-up failure for a channel left on the outbox outside Development, naming the settings that fix it.
    /// <paramref name="channelSettings"/> is e.g. <c>Notifications:Email:Provider=Smtp (with Notifications:Email:Host and Notifications:Email:From)</c>.
    /// </summary>
    public static string RefusalFor(string providerSetting, string environmentName, string channelSettings) =>
        $"{providerSetting} is Outbox (the development outbox, the default) in the {environmentName} environment, where it may not be used: " +
        $"messages would never reach patients and their sign-in links would be kept on the server. Set {channelSettings}; " +
        $"or, UNSAFE and for a staging machine only, set {NotificationsOptions.Section}:{nameof(NotificationsOptions.AllowOutboxOutsideDevelopment)}=true " +
        "(messages are then kept unsent with their links removed).";
}
