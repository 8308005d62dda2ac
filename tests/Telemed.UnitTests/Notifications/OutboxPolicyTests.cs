using MailKit.Security;
using Telemed.Modules.Notifications.Email;
using Telemed.Modules.Notifications.Policy;

namespace Telemed.UnitTests.Notifications;

public sealed class OutboxPolicyTests
{
    [Fact]
    public void The_outbox_can_be_read_only_in_Development()
    {
        OutboxPolicy.OutboxCanBeRead(isDevelopment: true).ShouldBeTrue();
        OutboxPolicy.OutboxCanBeRead(isDevelopment: false).ShouldBeFalse();
    }

    [Theory]
    [InlineData(true, false, true)]
    [InlineData(false, false, false)]
    [InlineData(false, true, true)]
    public void The_outbox_stands_in_for_a_channel_in_Development_or_when_an_operator_opted_in(bool isDevelopment, bool optedIn, bool allowed) =>
        OutboxPolicy.OutboxMayStandInForChannel(isDevelopment, optedIn).ShouldBe(allowed);

    [Fact]
    public void The_stored_copy_keeps_its_links_only_in_Development()
    {
        OutboxPolicy.StoredCopyKeepsLinks(isDevelopment: true).ShouldBeTrue();
        OutboxPolicy.StoredCopyKeepsLinks(isDevelopment: false).ShouldBeFalse();
    }

    [Fact]
    public void The_refusal_names_the_provider_setting_the_fix_and_the_unsafe_opt_in()
    {
        var message = OutboxPolicy.RefusalFor("Notifications:Email:Provider", "Production", "Notifications:Email:Provider=Smtp");
        message.ShouldContain("Notifications:Email:Provider is Outbox");
        message.ShouldContain("Production");
        message.ShouldContain("Set Notifications:Email:Provider=Smtp");
        message.ShouldContain("UNSAFE");
        message.ShouldContain("Notifications:AllowOutboxOutsideDevelopment=true");
    }

    [Theory]
    [InlineData(false, 25, SecureSocketOptions.None)]
    [InlineData(false, 465, SecureSocketOptions.None)]
    [InlineData(true, 587, SecureSocketOptions.StartTls)]
    [InlineData(true, 25, SecureSocketOptions.StartTls)]
    [InlineData(true, 465, SecureSocketOptions.SslOnConnect)]
    public void EnableSsl_means_TLS_required_implicit_on_465_and_STARTTLS_elsewhere(bool enableSsl, int port, SecureSocketOptions expected) =>
        SmtpEmailChannel.Security(new EmailOptions { EnableSsl = enableSsl, Port = port }).ShouldBe(expected);

    [Theory]
    [InlineData(421, true)]
    [InlineData(450, true)]
    [InlineData(452, true)]
    [InlineData(550, false)]
    [InlineData(554, false)]
    public void SMTP_4xx_replies_are_transient_and_5xx_permanent(int code, bool transient) =>
        SmtpEmailChannel.IsTransient(code).ShouldBe(transient);
}
