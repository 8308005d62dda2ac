using Telemed.Modules.Billing.Contracts;
using Telemed.Modules.Billing.Payments;
using Telemed.Modules.Billing.Payments.Gateways;
using Telemed.Modules.Billing.Payments.Settlement;

namespace Telemed.UnitTests.Billing;

/// <summary>The payment aggregate guards its transitions (issue 14, item 2). Amounts in minor units.</summary>
public sealed class PaymentTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc);

    private static Payment Quoted(long quote = 195_000) =>
        Payment.ForAppointment(new PaymentAppointment(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "video", Now.AddDays(1)),
            new PaymentQuote(quote, "RUB", 30, 300_000, 1.3m, 5, 0, 50), Now);

    private static GatewayIntent Intent(GatewayIntentStatus status, long amount = 195_000, long captured = 0, string? decline = null) =>
        new("pi_1", status, amount, "RUB", captured, "pi_1_secret", decline, "visa", "4242");

    private static Payment Authorised()
    {
        var payment = Quoted();
        payment.AttachIntent("sandbox", Intent(GatewayIntentStatus.RequiresPaymentMethod), Now).IsSuccess.ShouldBeTrue();
        payment.Apply(Intent(GatewayIntentStatus.Authorised), Now);
        return payment;
    }

    [Theory]
    [InlineData(SettlementReasons.NoShowFee, 97_500L, 97_500L)]
    [InlineData(SettlementReasons.LateCancellationFee, 97_500L, 10_000L)]
    [InlineData(SettlementReasons.Visit, 130_000L, 130_000L)]
    public void A_receipt_after_an_admins_refund_still_says_what_the_money_was_taken_for(string chargedFor, long capturedMinor, long refundedMinor)
    {
        var payment = Authorised();
        payment.Capture(capturedMinor, chargedFor, null, Now).IsSuccess.ShouldBeTrue();
        payment.Refund(refundedMinor, SettlementReasons.RefundedByAdmin, "re_1", Now.AddHours(1)).IsSuccess.ShouldBeTrue();

        // It said "The consultation (partly refunded)" for a fee, and for a refund in full.
        Telemed.Modules.Billing.Receipts.DownloadReceipt.ChargedFor(payment).ShouldBe(chargedFor);
        Telemed.Modules.Billing.Receipts.DownloadReceipt.RefundReasons(payment).ShouldBe([SettlementReasons.RefundedByAdmin]);
    }

    [Theory]
    [InlineData(SettlementReasons.LateCancellationFee, SettlementReasons.RefundedByAdmin)]
    [InlineData(SettlementReasons.NoShowFee, SettlementReasons.RefundedByAdmin)]
    [InlineData(SettlementReasons.Visit, SettlementReasons.DoctorAbsent)]
    public void A_refund_keeps_what_the_money_was_taken_for_and_is_listed_apart_with_its_own_reason(string chargedFor, string refundReason)
    {
        // A refund replaced the settlement reason: the patient's panel said "Refunded by the clinic" instead of naming the fee.
        var payment = Authorised();
        payment.Capture(97_500, chargedFor, null, Now).IsSuccess.ShouldBeTrue();
        payment.Refund(10_000, refundReason, "re_1", Now.AddHours(1)).IsSuccess.ShouldBeTrue();
        payment.Refund(87_500, SettlementReasons.RefundedByAdmin, "re_2", Now.AddHours(2)).IsSuccess.ShouldBeTrue();

        payment.Status.ShouldBe(PaymentStatus.Refunded);
        payment.SettlementReason.ShouldBe(chargedFor);
        var view = PaymentView.Of(payment, PaymentVisibility.Payer, null);
        view.Settlement.ShouldBe(chargedFor);
        view.Refunds.Select(r => (r.Amount.AmountMinor, r.Reason)).ShouldBe([(10_000L, refundReason), (87_500L, SettlementReasons.RefundedByAdmin)]);
        view.Refunds.ShouldAllBe(r => r.Amount.Currency == "RUB");
    }

    [Theory]
    [InlineData(48_750L, "RUB", "en-GB", "487.50 RUB")]
    [InlineData(48_750L, "RUB", "ru-RU", "487,50 RUB")]
    [InlineData(5_000L, "JPY", "en-GB", "5,000 JPY")]
    [InlineData(1_234L, "KWD", "en-GB", "1.234 KWD")]
    public void A_receipts_amounts_have_as_many_decimals_as_their_currency(long minor, string currency, string culture, string expected)
    {
        // A yen receipt printed 5,000 yen as "50.00 JPY": every amount on it (paid, refunded, net) was a hundredth of the money.
        Telemed.Modules.Billing.Receipts.ReceiptPdf.Amount(minor, currency, System.Globalization.CultureInfo.GetCultureInfo(culture))
            .Replace('\u00a0', ' ').Replace('\u202f', ' ').ShouldBe(expected);
    }

    [Fact]
    public void A_receipt_after_the_clinics_automatic_refund_says_what_was_charged_and_why_it_was_refunded()
    {
        var payment = Authorised();
        payment.Capture(130_000, SettlementReasons.Visit, 20, Now).IsSuccess.ShouldBeTrue();
        payment.Refund(130_000, SettlementReasons.DoctorAbsent, "re_1", Now.AddHours(1)).IsSuccess.ShouldBeTrue();
        Telemed.Modules.Billing.Receipts.DownloadReceipt.ChargedFor(payment).ShouldBe(SettlementReasons.Visit);
        Telemed.Modules.Billing.Receipts.DownloadReceipt.RefundReasons(payment).ShouldBe([SettlementReasons.DoctorAbsent]);
        Telemed.Modules.Billing.Receipts.ReceiptLabels.For("ru").RefundReasonName(SettlementReasons.DoctorAbsent).ShouldBe("Врач не смог провести приём");
    }

    [Theory]
    [InlineData(195_000L, 50, 97_500L)]
    [InlineData(154_001L, 50, 77_001L)]   // 77,000.5 kopecks: half away from zero
    [InlineData(195_000L, 0, 0L)]
    public void The_fee_a_patient_is_told_of_is_the_fee_the_settlement_charges(long quote, int percent, long fee)
    {
        var payment = Payment.ForAppointment(new PaymentAppointment(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "video", Now.AddDays(1)),
            new PaymentQuote(quote, "RUB", 30, 300_000, 1.3m, 5, 0, percent), Now);
        payment.FeeMinor.ShouldBe(fee);
        PaymentView.Of(payment, PaymentVisibility.Payer, null).LateCancellationFee.ShouldBe(new MoneyView(fee, "RUB"));
    }

    [Fact]
    public void A_new_payment_awaits_a_card_under_one_idempotency_key_per_appointment()
    {
        var payment = Quoted();
        payment.Status.ShouldBe(PaymentStatus.AwaitingPayment);
        payment.IdempotencyKey.ShouldBe($"appointment:{payment.AppointmentId:N}");
        payment.AcceptsCard.ShouldBeTrue();
    }

    [Fact]
    public void An_authorised_intent_holds_the_quote_and_records_a_movement_and_an_event()
    {
        var payment = Authorised();
        payment.Status.ShouldBe(PaymentStatus.Authorised);
        payment.AuthorisedMinor.ShouldBe(195_000);
        payment.CardLast4.ShouldBe("4242");
        payment.Movements.Single().Type.ShouldBe("authorised");
        payment.DomainEvents.OfType<PaymentAuthorised>().Single().AmountMinor.ShouldBe(195_000);
    }

    [Fact]
    public void A_declined_card_leaves_the_payment_awaiting_another_card_with_the_reason()
    {
        var payment = Quoted();
        payment.AttachIntent("sandbox", Intent(GatewayIntentStatus.RequiresPaymentMethod), Now);
        payment.Apply(Intent(GatewayIntentStatus.RequiresPaymentMethod, decline: "card_declined"), Now);
        payment.Status.ShouldBe(PaymentStatus.AwaitingPayment);
        payment.DeclineCode.ShouldBe("card_declined");
    }

    [Fact]
    public void Reports_arriving_late_or_twice_never_move_a_payment_backwards()
    {
        var payment = Authorised();
        payment.Capture(120_000, SettlementReasons.Visit, 20, Now).IsSuccess.ShouldBeTrue();
        payment.Apply(Intent(GatewayIntentStatus.Authorised), Now);
        payment.Apply(Intent(GatewayIntentStatus.RequiresPaymentMethod), Now);
        payment.Apply(Intent(GatewayIntentStatus.Cancelled), Now);
        payment.Status.ShouldBe(PaymentStatus.Captured);
        payment.CapturedMinor.ShouldBe(120_000);
        payment.Movements.Count(m => m.Type == "authorised").ShouldBe(1);
    }

    [Fact]
    public void A_report_about_another_intent_changes_nothing()
    {
        var payment = Quoted();
        payment.AttachIntent("sandbox", Intent(GatewayIntentStatus.RequiresPaymentMethod), Now);
        payment.Apply(Intent(GatewayIntentStatus.Authorised) with { IntentId = "pi_other" }, Now);
        payment.Status.ShouldBe(PaymentStatus.AwaitingPayment);
    }

    [Fact]
    public void Only_an_authorised_payment_can_be_captured()
    {
        Quoted().Capture(1, SettlementReasons.Visit, 5, Now).Error!.Code.ShouldBe("billing.payment_invalid_state");
        var payment = Authorised();
        payment.Capture(1, SettlementReasons.Visit, 5, Now).IsSuccess.ShouldBeTrue();
        payment.Capture(1, SettlementReasons.Visit, 5, Now).Error!.Code.ShouldBe("billing.payment_invalid_state");
    }

    [Fact]
    public void A_release_gives_back_what_was_held_and_is_refused_once_money_moved()
    {
        var payment = Authorised();
        payment.Release(SettlementReasons.DoctorAbsent, Now).IsSuccess.ShouldBeTrue();
        payment.Status.ShouldBe(PaymentStatus.Released);
        payment.SettlementReason.ShouldBe("doctorAbsent");
        payment.Movements.Last().ShouldSatisfyAllConditions(m => m.Type.ShouldBe("released"), m => m.AmountMinor.ShouldBe(195_000));

        var captured = Authorised();
        captured.Capture(100, SettlementReasons.Visit, 5, Now);
        captured.Release(SettlementReasons.DoctorAbsent, Now).Error!.Code.ShouldBe("billing.payment_invalid_state");
    }

    [Fact]
    public void Refunds_never_exceed_what_was_captured_and_a_full_refund_is_refunded()
    {
        var payment = Authorised();
        payment.Capture(10_000, SettlementReasons.Visit, 5, Now);
        payment.Refund(10_001, SettlementReasons.RefundedByAdmin, "re_1", Now).Error!.Code.ShouldBe("billing.refund_too_large");
        payment.Refund(4_000, SettlementReasons.RefundedByAdmin, "re_1", Now).IsSuccess.ShouldBeTrue();
        payment.Status.ShouldBe(PaymentStatus.PartiallyRefunded);
        payment.Refund(6_000, SettlementReasons.RefundedByAdmin, "re_2", Now).IsSuccess.ShouldBeTrue();
        payment.Status.ShouldBe(PaymentStatus.Refunded);
        payment.Refund(1, SettlementReasons.RefundedByAdmin, "re_3", Now).Error!.Code.ShouldBe("billing.payment_invalid_state");
    }

    [Fact]
    public void A_gateway_refund_is_recorded_once_by_its_refund_id_for_the_gateways_amount_and_not_beyond_what_is_left()
    {
        var payment = Authorised();
        payment.Capture(10_000, SettlementReasons.Visit, 5, Now);
        RefundRecording.Record(payment, new GatewayRefund("re_1", "pi_1", 3_000, "succeeded"), SettlementReasons.RefundedByAdmin, Now)
            .ShouldBe(RefundRecording.Outcome.Recorded);
        RefundRecording.Record(payment, new GatewayRefund("re_1", "pi_1", 3_000, "succeeded"), SettlementReasons.RefundedByAdmin, Now)
            .ShouldBe(RefundRecording.Outcome.AlreadyRecorded);
        payment.RefundedMinor.ShouldBe(3_000);
        RefundRecording.Record(payment, new GatewayRefund("re_2", "pi_1", 7_001, "succeeded"), SettlementReasons.RefundedByAdmin, Now)
            .ShouldBe(RefundRecording.Outcome.NotRecordable);
        payment.RefundedMinor.ShouldBe(3_000);
        payment.Movements.Count(m => m.Type == "refunded").ShouldBe(1);
    }

    [Fact]
    public void A_visit_held_without_a_card_is_owed_and_paying_later_keeps_the_amount_due_for_capture()
    {
        var payment = Quoted();
        payment.AttachIntent("sandbox", Intent(GatewayIntentStatus.RequiresPaymentMethod), Now);
        payment.MarkDue(120_000, SettlementReasons.Visit, 20, Now).IsSuccess.ShouldBeTrue();
        payment.Status.ShouldBe(PaymentStatus.Unpaid);
        payment.AmountToAuthoriseMinor.ShouldBe(120_000);
        payment.Apply(Intent(GatewayIntentStatus.Authorised, amount: 120_000), Now);
        payment.Status.ShouldBe(PaymentStatus.Unpaid);
        payment.AuthorisedMinor.ShouldBe(120_000);
        payment.Capture(120_000, SettlementReasons.Visit, 20, Now).IsSuccess.ShouldBeTrue();
        payment.Status.ShouldBe(PaymentStatus.Captured);
        payment.AmountDueMinor.ShouldBe(0);
    }

    [Fact]
    public void A_zero_fee_owed_without_a_card_releases_the_payment()
    {
        var payment = Quoted();
        payment.MarkDue(0, SettlementReasons.LateCancellationFee, null, Now).IsSuccess.ShouldBeTrue();
        payment.Status.ShouldBe(PaymentStatus.Released);
    }
}
