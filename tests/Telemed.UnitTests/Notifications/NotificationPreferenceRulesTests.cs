using Telemed.Modules.Consultations.Chat.SendMessage;
using Telemed.Modules.Notifications.Contracts;
using Telemed.Modules.Notifications.Inbox;
using Telemed.Modules.Notifications.Preferences;

namespace Telemed.UnitTests.Notifications;

public sealed class NotificationPreferenceRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(NotificationTopics.Messages, NotificationChannel.InApp)]
    [InlineData(NotificationTopics.Bookings, NotificationChannel.Email)]
    [InlineData(NotificationTopics.Bookings, NotificationChannel.Sms)]
    [InlineData(NotificationTopics.Reminders, NotificationChannel.Email)]
    public void What_a_person_never_chose_is_on(string topic, NotificationChannel channel) =>
        PreferenceMatrix.Allows(topic, channel, chosen: null).ShouldBeTrue();

    [Fact]
    public void A_topic_switched_off_on_a_channel_is_not_sent_there() =>
        PreferenceMatrix.Allows(NotificationTopics.Bookings, NotificationChannel.Email, chosen: false).ShouldBeFalse();

    [Fact]
    public void Security_messages_always_go_even_if_a_stored_choice_says_off()
    {
        PreferenceMatrix.CannotBeSwitchedOff(NotificationTopics.Security).ShouldBeTrue();
        PreferenceMatrix.Allows(NotificationTopics.Security, NotificationChannel.Email, chosen: false).ShouldBeTrue();
        PreferenceMatrix.MaySwitch(NotificationTopics.Security, NotificationChannel.Email, enabled: false).ShouldBeFalse();
        PreferenceMatrix.MaySwitch(NotificationTopics.Security, NotificationChannel.Email, enabled: true).ShouldBeTrue();
    }

    [Theory]
    [InlineData(NotificationTopics.Reminders, NotificationChannel.InApp)]   // reminders never go to the centre
    [InlineData(NotificationTopics.Messages, NotificationChannel.Sms)]      // nothing sends messages by SMS
    [InlineData("gossip", NotificationChannel.Email)]
    public void Only_what_some_sender_sends_can_be_switched(string topic, NotificationChannel channel) =>
        PreferenceMatrix.MaySwitch(topic, channel, enabled: false).ShouldBeFalse();

    [Fact]
    public void Every_notification_kind_belongs_to_a_topic_the_centre_can_switch_or_a_later_one() =>
        NotificationKinds.All.Select(NotificationKinds.TopicOf).ShouldAllBe(t =>
            t == NotificationTopics.Messages || t == NotificationTopics.Bookings || t == NotificationTopics.Results || t == NotificationTopics.Prescriptions);

    [Theory]
    [InlineData("in_app", NotificationChannel.InApp)]
    [InlineData("email", NotificationChannel.Email)]
    [InlineData("sms", NotificationChannel.Sms)]
    public void A_channel_keeps_its_wire_name(string name, NotificationChannel channel)
    {
        PreferenceMatrix.ChannelNamed(name).ShouldBe(channel);
        PreferenceMatrix.NameOf(channel).ShouldBe(name);
    }

    [Fact]
    public void A_changed_choice_keeps_its_time_until_it_really_changes()
    {
        var choice = NotificationPreference.Choose(Guid.NewGuid(), NotificationTopics.Bookings, NotificationChannel.Email, enabled: false, Now);
        choice.Change(false, Now.AddMinutes(1)).ShouldBeFalse();
        choice.UpdatedAt.ShouldBe(Now);
        choice.Change(true, Now.AddMinutes(2)).ShouldBeTrue();
        choice.Enabled.ShouldBeTrue();
        choice.UpdatedAt.ShouldBe(Now.AddMinutes(2));
    }

    [Fact]
    public void The_waitlist_offer_title_is_in_the_recipients_language()
    {
        var start = new DateTime(2026, 12, 3, 14, 30, 0);
        NotificationTitles.WaitlistOffer("ru", "Анна Петрова", start).ShouldBe("Для вас придержано время у врача Анна Петрова: 3 дек., 14:30");
        NotificationTitles.WaitlistOffer("en", "Anna Petrova", start).ShouldBe("A time with Anna Petrova is held for you: 3 Dec, 14:30");
    }

    [Fact]
    public void The_new_message_email_is_in_the_recipients_language_and_carries_only_the_link()
    {
        var (ruSubject, ruBody) = NewMessageEmail.For("ru", "https://x/patient/messages/1");
        ruSubject.ShouldBe("Новое сообщение в Telemed");
        ruBody.ShouldContain("https://x/patient/messages/1");
        NewMessageEmail.For("en", "https://x").Subject.ShouldBe("You have a new message in Telemed");
        NewMessageEmail.For(null, "https://x").Subject.ShouldBe("You have a new message in Telemed");
    }
}
