using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Security;
using Telemed.Modules.Notifications.Contracts;
using Telemed.Modules.Notifications.Delivery;
using Telemed.Modules.Notifications.Unsubscribe;

namespace Telemed.UnitTests.Notifications;

public sealed class UnsubscribeLinksTests
{
    private static readonly Guid Patient = Guid.Parse("5b0c2a8e-93f4-4d71-a6a2-3c1f0e9d7b44");

    [Theory]
    [InlineData(NotificationTopics.Messages)]
    [InlineData(NotificationTopics.Bookings)]
    [InlineData(NotificationTopics.Reminders)]
    public void Given_a_token_for_a_topic_When_read_Then_it_names_the_account_and_the_topic(string topic)
    {
        var links = Links();
        var token = links.Token(Patient, topic).ShouldNotBeNull();
        token.Length.ShouldBe(45);
        token.ShouldMatch("^[A-Za-z0-9_-]+$", "URL-safe, without dots (the web app's routes treat a dot as a file name)");
        links.Read(token).ShouldBe((Patient, topic));
    }

    [Fact]
    public void Given_security_When_a_token_is_asked_for_Then_there_is_none() =>
        Links().Token(Patient, NotificationTopics.Security).ShouldBeNull();

    [Fact]
    public void Given_a_token_When_any_character_is_changed_or_another_key_reads_it_Then_it_is_refused()
    {
        var links = Links();
        var token = links.Token(Patient, NotificationTopics.Bookings)!;
        for (var i = 0; i < token.Length; i++)
        {
            var changed = token[..i] + (token[i] == 'A' ? 'B' : 'A') + token[(i + 1)..];
            links.Read(changed).ShouldBeNull($"character {i} changed");
        }

        links.Read(token + "A").ShouldBeNull();
        links.Read(null).ShouldBeNull();
        Links(blindIndexKey: 7).Read(token).ShouldBeNull("a token made under another key");
    }

    [Fact]
    public async Task Given_an_optional_email_When_routed_Then_it_ends_with_the_line_in_its_language_and_carries_the_one_click_address()
    {
        var channel = new RecordingEmailChannel();
        var links = Links();
        var router = new RoutingNotificationSender(channel, null!, links);

        await router.SendEmailAsync(new EmailMessage("p@example.org", "Напоминание", "Ваш приём завтра.\n")
        {
            Subscription = new EmailSubscription(Patient, NotificationTopics.Reminders, "ru"),
        });
        await router.SendEmailAsync(new EmailMessage("p@example.org", "Reset", "Your link.") { ListUnsubscribe = "https://evil.example/x" });

        var token = links.Token(Patient, NotificationTopics.Reminders);
        var optional = channel.Sent[0];
        optional.Body.ShouldStartWith("Ваш приём завтра.\n\n-- \n");
        optional.Body.ShouldContain("письма с напоминаниями о приёмах");
        optional.Body.ShouldEndWith($"https://portal.clinic.example/unsubscribe/{token}");
        optional.ListUnsubscribe.ShouldBe($"https://portal.clinic.example/api/v1/notifications/unsubscribe/{token}");

        var security = channel.Sent[1];
        security.Body.ShouldBe("Your link.");
        security.ListUnsubscribe.ShouldBeNull("only the notifications module sets the header, and only for an optional e-mail");
    }

    [Theory]
    [InlineData(NotificationTopics.Bookings, null, "booking changes by e-mail are on")]
    [InlineData(NotificationTopics.Messages, "en", "message notices by e-mail are on")]
    [InlineData(NotificationTopics.Bookings, "ru", "письма об изменениях записи")]
    [InlineData(NotificationTopics.Messages, "ru", "письма о новых сообщениях")]
    public void Given_a_topic_and_a_language_When_the_line_is_written_Then_it_names_the_topic_in_that_language(string topic, string? language, string expected) =>
        UnsubscribeFooter.Append("Body", topic, language, "https://x/unsubscribe/t").ShouldContain(expected);

    private static UnsubscribeLinks Links(byte blindIndexKey = 1)
    {
        var encryption = new FieldEncryption();
        encryption.Load([KeyValuePair.Create("k1", SHA256.HashData("k1"u8))], "k1", Enumerable.Repeat(blindIndexKey, 32).ToArray());
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [PublicUrls.Setting] = "https://portal.clinic.example/" }).Build();
        return new UnsubscribeLinks(encryption, new PublicUrls(configuration, new ServiceCollection().BuildServiceProvider()));
    }

    private sealed class RecordingEmailChannel : IEmailChannel
    {
        public List<EmailMessage> Sent { get; } = [];

        public Task SendAsync(EmailMessage email, CancellationToken cancellationToken)
        {
            Sent.Add(email);
            return Task.CompletedTask;
        }
    }
}
