using Telemed.Modules.Billing.Payments.Gateways;
using Telemed.Modules.Billing.Payments.Webhooks;

namespace Telemed.UnitTests.Billing;

/// <summary>A signed webhook event is held to the lengths its columns keep: over one, it is refused naming the field, never cut.</summary>
public sealed class GatewayEventBoundsTests
{
    private static GatewayIntent Intent(string id = "pi_1", string? decline = "card_declined", string? brand = "visa", string? last4 = "4242") =>
        new(id, GatewayIntentStatus.Authorised, 195_000, "RUB", 0, null, decline, brand, last4);

    /// <summary>Stripe's ids may be up to 255 characters (https://docs.stripe.com/upgrades): one of that length is taken in.</summary>
    [Fact]
    public void An_event_at_its_bounds_with_ids_as_long_as_Stripe_may_make_them_is_taken_in() =>
        GatewayEventBounds.Refusal(new GatewayEvent(new string('e', 255), new string('t', 80), Intent(new string('p', 255), new string('d', 64), new string('b', 24), "4242")))
            .ShouldBeNull();

    [Theory]
    [InlineData("id")]
    [InlineData("type")]
    [InlineData("intent.id")]
    [InlineData("intent.declineCode")]
    [InlineData("intent.cardBrand")]
    [InlineData("intent.cardLast4")]
    public void An_event_with_a_field_one_over_its_bound_is_refused_naming_the_field(string field)
    {
        var e = field switch
        {
            "id" => new GatewayEvent(new string('e', 256), "payment_intent.succeeded", Intent()),
            "type" => new GatewayEvent("evt_1", new string('t', 81), Intent()),
            "intent.id" => new GatewayEvent("evt_1", "payment_intent.succeeded", Intent(id: new string('p', 256))),
            "intent.declineCode" => new GatewayEvent("evt_1", "payment_intent.succeeded", Intent(decline: new string('d', 65))),
            "intent.cardBrand" => new GatewayEvent("evt_1", "payment_intent.succeeded", Intent(brand: new string('b', 25))),
            _ => new GatewayEvent("evt_1", "payment_intent.succeeded", Intent(last4: "42424")),
        };

        var refusal = GatewayEventBounds.Refusal(e)!;

        refusal.Code.ShouldBe("billing.webhook_field_too_long");
        refusal.Message.ShouldContain($"The event's {field} is longer");
    }

    [Fact]
    public void A_gateway_answer_is_held_to_the_same_bounds_and_its_client_secret_too_but_a_webhooks_secret_is_not_kept_so_not_checked()
    {
        // The longest intent id's own secret, as Stripe makes them: "{id}_secret_{24 characters}".
        var longestSecret = new string('p', 255) + "_secret_" + new string('s', 24);
        var secret = new string('s', 321);
        var answered = new GatewayIntent("pi_1", GatewayIntentStatus.RequiresPaymentMethod, 100, "RUB", 0, secret);

        GatewayEventBounds.OverInAnswer(answered).ShouldBe(("intent.clientSecret", 320));
        GatewayEventBounds.OverInAnswer(answered with { ClientSecret = new string('s', 320) }).ShouldBeNull();
        GatewayEventBounds.OverInAnswer(answered with { IntentId = new string('p', 255), ClientSecret = longestSecret }).ShouldBeNull();
        GatewayEventBounds.OverInAnswer(Intent(id: new string('p', 256))).ShouldBe(("intent.id", 255));
        GatewayEventBounds.Refusal(new GatewayEvent("evt_1", "payment_intent.created", answered)).ShouldBeNull();
        GatewayEventBounds.Over(new GatewayRefund(new string('r', 256), "pi_1", 100, "succeeded")).ShouldBe(("refund.id", 255));
        GatewayEventBounds.Over(new GatewayRefund(new string('r', 255), "pi_1", 100, "succeeded")).ShouldBeNull();
        var error = GatewayEventBounds.AnswerTooLong("refund.id", 255);
        (error.Code, error.Kind).ShouldBe(("billing.gateway_answer_too_long", Telemed.BuildingBlocks.Results.ErrorKind.Unavailable));
    }
}
