using Telemed.Modules.Notifications.Contracts;
using Telemed.Modules.Notifications.Unsubscribe;

namespace Telemed.Modules.Notifications.Delivery;

/// <summary>
/// The notifications port: e-mail goes to the configured e-mail channel, SMS to the configured SMS channel. An optional e-mail
/// (one with a <see cref="EmailMessage.Subscription"/>) leaves with its unsubscribe line and one-click address.
/// </summary>
internal sealed class RoutingNotificationSender(IEmailChannel email, ISmsChannel sms, UnsubscribeLinks unsubscribe) : INotificationSender
{
    public Task SendEmailAsync(string to, string subject, string body, CancellationToken cancellationToken = default) =>
        email.SendAsync(new EmailMessage(to, subject, body), cancellationToken);

    public Task SendEmailAsync(EmailMessage message, CancellationToken cancellationToken = default) =>
        email.SendAsync(WithUnsubscribe(message), cancellationToken);

    public Task SendSmsAsync(string to, string body, CancellationToken cancellationToken = default) =>
        sms.SendAsync(to, body, cancellationToken);

    private EmailMessage WithUnsubscribe(EmailMessage message)
    {
        if (message.Subscription is not { } subscription || unsubscribe.Token(subscription.UserId, subscription.Topic) is not { } token)
        {
            return message with { ListUnsubscribe = null };
        }

        return message with
        {
            Body = UnsubscribeFooter.Append(message.Body, subscription.Topic, subscription.Language, unsubscribe.PageUrl(token)),
            ListUnsubscribe = unsubscribe.OneClickUrl(token),
        };
    }
}
