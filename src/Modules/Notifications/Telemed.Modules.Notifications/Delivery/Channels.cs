using Telemed.Modules.Notifications.Contracts;

namespace Telemed.Modules.Notifications.Delivery;

/// <summary>One way of delivering e-mail (development outbox or SMTP).</summary>
internal interface IEmailChannel
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}

/// <summary>One way of delivering SMS (development outbox or Twilio).</summary>
internal interface ISmsChannel
{
    Task SendAsync(string to, string body, CancellationToken cancellationToken);
}
