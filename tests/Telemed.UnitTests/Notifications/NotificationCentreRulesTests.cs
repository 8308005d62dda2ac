using Telemed.Modules.Notifications.Inbox;

namespace Telemed.UnitTests.Notifications;

public sealed class NotificationCentreRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_notification_is_read_once_and_keeps_its_first_read_time()
    {
        var notification = InboxNotification.For(Guid.NewGuid(), NotificationKinds.BookingCancelled, "t", "/patient/appointments/x", Guid.NewGuid(), Now);
        notification.IsRead.ShouldBeFalse();
        notification.MarkRead(Now.AddMinutes(5)).ShouldBeTrue();
        notification.MarkRead(Now.AddMinutes(9)).ShouldBeFalse();
        notification.ReadAt.ShouldBe(Now.AddMinutes(5));
    }

    [Theory]
    [InlineData(89, false)]
    [InlineData(90, true)]
    [InlineData(120, true)]
    public void A_notification_is_kept_for_ninety_days(int daysOld, bool gone) =>
        InboxNotification.HasOutlivedRetention(Now.AddDays(-daysOld), Now).ShouldBe(gone);

    [Theory]
    [InlineData(NotificationKinds.BookingRescheduled, "bookings")]
    [InlineData(NotificationKinds.WaitlistOffer, "bookings")]
    [InlineData(NotificationKinds.ClinicMessage, "messages")]
    [InlineData(NotificationKinds.Result, "results")]
    [InlineData(NotificationKinds.Prescription, "prescriptions")]
    [InlineData(NotificationKinds.PaymentCaptured, "bookings")]
    [InlineData(NotificationKinds.PaymentRefunded, "bookings")]
    public void Each_kind_belongs_to_a_preference_topic(string kind, string topic) => NotificationKinds.TopicOf(kind).ShouldBe(topic);

    [Fact]
    public void Titles_are_in_the_recipients_language_and_say_when_not_why()
    {
        var from = new DateTime(2026, 12, 3, 9, 0, 0);
        var to = new DateTime(2026, 12, 5, 14, 30, 0);
        NotificationTitles.Rescheduled("en", from, to).ShouldBe("Your visit on 3 Dec was moved to 5 Dec, 14:30");
        NotificationTitles.Rescheduled("ru", from, to).ShouldStartWith("Ваш визит 3 дек");
        NotificationTitles.Rescheduled("ru", from, to).ShouldContain("перенесён на 5 дек");
        NotificationTitles.Cancelled("de", from).ShouldBe("Your visit on 3 Dec was cancelled");   // unknown languages get English
        NotificationTitles.NewMessage("en", "Dr Volkova").ShouldBe("New message from Dr Volkova");
    }

    [Fact]
    public void Given_a_visit_of_a_guardians_child_When_its_booking_titles_are_worded_Then_they_name_the_child_and_the_guardians_own_say_your()
    {
        var from = new DateTime(2026, 12, 3, 9, 0, 0);
        var to = new DateTime(2026, 12, 5, 14, 30, 0);
        NotificationTitles.Booked("en", "Dr Volkova", from, "Sofia Kuznetsova").ShouldBe("Sofia Kuznetsova's visit with Dr Volkova on 3 Dec is booked");
        NotificationTitles.Booked("en", "Dr Volkova", from).ShouldBe("Your visit with Dr Volkova on 3 Dec is booked");
        NotificationTitles.Rescheduled("en", from, to, "Sofia Kuznetsova").ShouldBe("Sofia Kuznetsova's visit on 3 Dec was moved to 5 Dec, 14:30");
        NotificationTitles.Cancelled("en", from, "Sofia Kuznetsova").ShouldBe("Sofia Kuznetsova's visit on 3 Dec was cancelled");
        NotificationTitles.Booked("ru", "Dr Volkova", from, "Sofia Kuznetsova").ShouldStartWith("Визит пациента Sofia Kuznetsova к врачу Dr Volkova 3 дек");
        NotificationTitles.Booked("ru", "Dr Volkova", from).ShouldStartWith("Визит к врачу Dr Volkova 3 дек");
        NotificationTitles.Rescheduled("ru", from, to, "Sofia Kuznetsova").ShouldStartWith("Визит пациента Sofia Kuznetsova 3 дек");
        NotificationTitles.Cancelled("ru", from, "Sofia Kuznetsova").ShouldStartWith("Визит пациента Sofia Kuznetsova 3 дек");
        NotificationTitles.Cancelled("ru", from, "Sofia Kuznetsova").ShouldEndWith("отменён");
    }

    [Theory]
    [InlineData("en", "visit", "1,950.00 RUB was charged to your card for Sofia Kuznetsova's visit", "1,950.00 RUB was refunded to your card for Sofia Kuznetsova's visit")]
    [InlineData("en", "lateCancellationFee", "1,950.00 RUB was charged to your card: the late cancellation fee for Sofia Kuznetsova's visit",
        "1,950.00 RUB of the late cancellation fee for Sofia Kuznetsova's visit was refunded to your card")]
    [InlineData("en", "noShowFee", "1,950.00 RUB was charged to your card: Sofia Kuznetsova's missed visit fee",
        "1,950.00 RUB of Sofia Kuznetsova's missed visit fee was refunded to your card")]
    public void Given_a_payment_for_a_guardians_childs_visit_When_its_titles_are_worded_Then_the_visit_is_named_as_the_childs(string language, string reason,
        string captured, string refunded)
    {
        NotificationTitles.Captured(language, 195_000L, "RUB", reason, "Sofia Kuznetsova").ShouldBe(captured);
        NotificationTitles.Refunded(language, 195_000L, "RUB", reason, "Sofia Kuznetsova").ShouldBe(refunded);
        NotificationTitles.Captured("ru", 195_000L, "RUB", reason, "Sofia Kuznetsova").ShouldEndWith(" пациента Sofia Kuznetsova");
        NotificationTitles.Refunded("ru", 195_000L, "RUB", reason, "Sofia Kuznetsova").ShouldEndWith(" пациента Sofia Kuznetsova");
        NotificationTitles.Captured(language, 195_000L, "RUB", reason).ShouldNotContain("Sofia");
    }

    [Theory]
    [InlineData("en", 195_000L, "RUB", "visit", "1,950.00 RUB was charged to your card for your visit")]
    [InlineData("en", 97_500L, "RUB", "lateCancellationFee", "975.00 RUB was charged to your card: the late cancellation fee")]
    [InlineData("en", 5_000L, "JPY", "noShowFee", "5,000 JPY was charged to your card: the missed visit fee")]
    [InlineData("ru", 97_500L, "RUB", "lateCancellationFee", "С вашей карты списано 975,00 RUB: штраф за позднюю отмену визита")]
    [InlineData("ru", 195_000L, "RUB", "visit", "С вашей карты списано 1 950,00 RUB за визит")]
    public void A_capture_notice_says_how_much_in_the_currencys_decimals_and_what_for(string language, long minor, string currency, string reason, string expected) =>
        NotificationTitles.Captured(language, minor, currency, reason).Replace('\u00a0', ' ').Replace('\u202f', ' ').ShouldBe(expected);

    [Fact]
    public void A_right_to_left_name_in_a_title_is_isolated_and_a_left_to_right_one_is_left_alone()
    {
        var at = new DateTime(2026, 12, 3, 10, 30, 0);
        NotificationTitles.NewMessage("en", "דוד כהן").ShouldBe("New message from \u2068דוד כהן\u2069");
        NotificationTitles.WaitlistOffer("ru", "د. سارة", at).ShouldStartWith("Для вас придержано время у врача \u2068د. سارة\u2069: ");
        NotificationTitles.Booked("en", "Dr Petrov", at).ShouldBe("Your visit with Dr Petrov on 3 Dec is booked");
    }

    [Theory]
    [InlineData("en", null, "100.00 RUB was refunded to your card for your visit")]
    [InlineData("en", "visit", "100.00 RUB was refunded to your card for your visit")]
    [InlineData("en", "lateCancellationFee", "100.00 RUB of the late cancellation fee was refunded to your card")]
    [InlineData("en", "noShowFee", "100.00 RUB of the missed visit fee was refunded to your card")]
    [InlineData("ru", "lateCancellationFee", "Вам возвращено 100,00 RUB из штрафа за позднюю отмену визита")]
    [InlineData("ru", null, "Вам возвращено 100,00 RUB за визит")]
    public void A_refund_notice_names_what_the_money_had_been_taken_for(string language, string? chargedFor, string expected) =>
        NotificationTitles.Refunded(language, 10_000, "RUB", chargedFor).Replace('\u00a0', ' ').Replace('\u202f', ' ').ShouldBe(expected);
}
