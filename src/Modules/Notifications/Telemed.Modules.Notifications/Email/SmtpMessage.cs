using MimeKit;
using Telemed.Modules.Notifications.Contracts;

namespace Telemed.Modules.Notifications.Email;

/// <summary>
/// Builds the MIME message: UTF-8 text in base64 (no raw 8-bit text on the wire), attachments as base64 parts, and for an optional
/// e-mail the one-click unsubscribe headers.
/// </summary>
internal static class SmtpMessage
{
    /// <param name="messageId">Without angle brackets, e.g. <c>0f3a...@clinic.example</c>.</param>
    public static MimeMessage Compose(MailboxAddress from, MailboxAddress to, EmailMessage email, string messageId)
    {
        var text = new TextPart("plain") { ContentTransferEncoding = ContentEncoding.Base64 };
        text.SetText("utf-8", email.Body);
        MimeEntity body = text;
        if (email.Attachments is { Count: > 0 } attachments)
        {
            var mixed = new Multipart("mixed") { text };
            foreach (var attachment in attachments)
            {
                mixed.Add(new MimePart(ContentType.Parse(attachment.ContentType))
                {
                    Content = new MimeContent(new MemoryStream(attachment.Content, writable: false)),
                    ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
                    ContentTransferEncoding = ContentEncoding.Base64,
                    FileName = attachment.FileName,
                });
            }

            body = mixed;
        }

        var message = new MimeMessage { Subject = email.Subject, MessageId = messageId, Body = body };
        message.From.Add(from);
        message.To.Add(to);
        if (email.ListUnsubscribe is { } unsubscribe)
        {
            // RFC 2369 and RFC 8058: mail clients offer "Unsubscribe" and post List-Unsubscribe=One-Click to the address.
            message.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        return message;
    }
}
