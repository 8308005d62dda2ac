using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Results;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.Modules.Billing.Payments.Gateways;
using Telemed.Modules.Billing.Payments.Gateways.Stripe;

namespace Telemed.IntegrationTests.Scenarios.Billing;

/// <summary>
/// The Stripe adapter (Stripe.net 53.1.0) against <see cref="StripeLikeServer"/>, a local server answering as Stripe's API
/// reference documents, idempotency store included. No database is involved, so these run once rather than per provider.
/// Each scenario gets a fresh server.
/// </summary>
public sealed class StripeGatewayScenarios : IAsyncLifetime
{
    private readonly StripeLikeServer _stripe = new();
    private readonly ConcurrentQueue<string> _logs = new();
    private readonly List<IDisposable> _owned = [];

    public Task InitializeAsync() => _stripe.InitializeAsync();

    public async Task DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        await _stripe.DisposeAsync();
    }

    [Fact]
    public async Task Given_a_new_payment_When_the_intent_is_created_Then_it_asks_for_manual_capture_of_cards_in_lower_case_currency_with_our_payment_id_and_key()
    {
        var gateway = Gateway();
        var paymentId = Guid.NewGuid();

        var created = await gateway.CreateIntentAsync(new CreateIntentRequest(paymentId, 195_000, "RUB", "Telemed consultation"), $"payment:{paymentId}:create", default);

        created.IsSuccess.ShouldBeTrue(created.Error?.Code);
        created.Value.Status.ShouldBe(GatewayIntentStatus.RequiresPaymentMethod);
        created.Value.AmountMinor.ShouldBe(195_000);
        created.Value.Currency.ShouldBe("RUB");
        created.Value.AmountCapturedMinor.ShouldBe(0);
        created.Value.ClientSecret.ShouldNotBeNull().ShouldStartWith(created.Value.IntentId + "_secret_");
        gateway.PublishableKey.ShouldBe(_stripe.PublishableKey);

        var request = _stripe.Requests.ShouldHaveSingleItem();
        request.Method.ShouldBe("POST");
        request.Path.ShouldBe("/v1/payment_intents");
        request.IdempotencyKey.ShouldBe($"payment:{paymentId}:create");
        request.Authorization.ShouldBe("Bearer " + _stripe.SecretKey);
        request.StripeVersion.ShouldNotBeNullOrEmpty();
        request.Fields["capture_method"].ShouldBe("manual");
        request.Fields["amount"].ShouldBe("195000");
        request.Fields["currency"].ShouldBe("rub");
        request.Fields["allowed_payment_method_types[0]"].ShouldBe("card");
        request.Fields["metadata[telemed_payment_id]"].ShouldBe(paymentId.ToString("D"));
        request.Fields["description"].ShouldBe("Telemed consultation");
    }

    [Fact]
    public async Task Given_an_intent_When_the_patient_confirms_a_test_card_in_the_browser_Then_it_reads_Authorised_with_only_brand_and_last4_of_the_card()
    {
        var gateway = Gateway();
        var intent = await CreateAsync(gateway, 100_00);

        (await _stripe.ConfirmAsCustomerAsync(intent.IntentId, intent.ClientSecret!)).ShouldBe(200);
        var read = await gateway.GetIntentAsync(intent.IntentId, default);

        read.Value.Status.ShouldBe(GatewayIntentStatus.Authorised);
        read.Value.CardBrand.ShouldBe("visa");
        read.Value.CardLast4.ShouldBe("4242");
        read.Value.DeclineCode.ShouldBeNull();
        read.Value.AmountCapturedMinor.ShouldBe(0);
        // A GET moves nothing: no idempotency key, and the charge is expanded to learn the card's brand.
        var get = _stripe.Requests.Last();
        get.Method.ShouldBe("GET");
        get.IdempotencyKey.ShouldBeNull();
        get.Fields["expand[0]"].ShouldBe("latest_charge");
    }

    [Fact]
    public async Task Given_an_intent_When_the_card_is_declined_for_insufficient_funds_Then_it_still_needs_a_payment_method_and_says_why_without_the_card_in_the_logs()
    {
        var gateway = Gateway();
        var intent = await CreateAsync(gateway, 100_00);

        (await _stripe.ConfirmAsCustomerAsync(intent.IntentId, intent.ClientSecret!, "pm_card_chargeDeclinedInsufficientFunds")).ShouldBe(402);
        var read = await gateway.GetIntentAsync(intent.IntentId, default);

        read.Value.Status.ShouldBe(GatewayIntentStatus.RequiresPaymentMethod);
        read.Value.DeclineCode.ShouldBe("insufficient_funds");
        var capture = await gateway.CaptureAsync(intent.IntentId, 100_00, "capture-declined", default);
        capture.Error.ShouldNotBeNull().Code.ShouldBe("billing.gateway_refused");
        _logs.ShouldNotBeEmpty();
        _logs.ShouldAllBe(line => !line.Contains("9995") && !line.Contains("declined", StringComparison.OrdinalIgnoreCase) && !line.Contains(intent.ClientSecret!));
    }

    [Fact]
    public async Task Given_an_intent_When_the_card_asks_for_3D_Secure_Then_it_reads_RequiresAction()
    {
        var gateway = Gateway();
        var intent = await CreateAsync(gateway, 100_00);

        (await _stripe.ConfirmAsCustomerAsync(intent.IntentId, intent.ClientSecret!, "pm_card_authenticationRequired")).ShouldBe(200);

        (await gateway.GetIntentAsync(intent.IntentId, default)).Value.Status.ShouldBe(GatewayIntentStatus.RequiresAction);
    }

    [Fact]
    public async Task Given_a_slow_Stripe_When_our_caller_gives_up_Then_the_cancellation_propagates_instead_of_reading_as_an_outage()
    {
        var gateway = Gateway(timeoutSeconds: 10);
        var intent = await AuthorisedAsync(gateway, 100_00);
        _stripe.DelayNext(1, TimeSpan.FromSeconds(3));
        using var giveUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Should.ThrowAsync<OperationCanceledException>(() => gateway.CaptureAsync(intent.IntentId, 100_00, "capture-abandoned", giveUp.Token));
    }

    [Fact]
    public async Task Given_an_authorisation_When_less_than_authorised_is_captured_Then_it_is_Captured_with_that_amount_received_and_the_rest_released()
    {
        var gateway = Gateway();
        var intent = await AuthorisedAsync(gateway, 150_00);

        var captured = await gateway.CaptureAsync(intent.IntentId, 120_00, $"payment:{intent.IntentId}:capture", default);

        captured.IsSuccess.ShouldBeTrue(captured.Error?.Code);
        captured.Value.Status.ShouldBe(GatewayIntentStatus.Captured);
        captured.Value.AmountMinor.ShouldBe(150_00);
        captured.Value.AmountCapturedMinor.ShouldBe(120_00);
        captured.Value.CardLast4.ShouldBe("4242");
        _stripe.ChargeOf(intent.IntentId).ShouldBe((120_00L, 30_00L));
        _stripe.Requests.Last().Fields["amount_to_capture"].ShouldBe("12000");
    }

    [Fact]
    public async Task Given_a_captured_payment_When_part_is_refunded_Then_a_refund_of_that_part_is_reported_and_more_than_the_rest_is_refused()
    {
        var gateway = Gateway();
        var intent = await AuthorisedAsync(gateway, 150_00);
        (await gateway.CaptureAsync(intent.IntentId, 120_00, "capture-1", default)).IsSuccess.ShouldBeTrue();

        var refund = await gateway.RefundAsync(intent.IntentId, 20_00, "refund-1", default);
        var tooMuch = await gateway.RefundAsync(intent.IntentId, 100_01, "refund-2", default);

        refund.IsSuccess.ShouldBeTrue(refund.Error?.Code);
        refund.Value.RefundId.ShouldStartWith("re_");
        refund.Value.IntentId.ShouldBe(intent.IntentId);
        refund.Value.AmountMinor.ShouldBe(20_00);
        refund.Value.Status.ShouldBe("succeeded");
        tooMuch.Error.ShouldNotBeNull().Code.ShouldBe("billing.gateway_refused");
        tooMuch.Error.Message.ShouldContain("amount_too_large");
        tooMuch.Error.Kind.ShouldBe(ErrorKind.Conflict);
        _stripe.RefundsOf(intent.IntentId).Select(r => r.Amount).ShouldBe([20_00L]);
        var refundRequest = _stripe.Requests.Single(r => r.IdempotencyKey == "refund-1");
        refundRequest.Path.ShouldBe("/v1/refunds");
        refundRequest.Fields["payment_intent"].ShouldBe(intent.IntentId);
        refundRequest.Fields["amount"].ShouldBe("2000");
    }

    [Fact]
    public async Task Given_an_authorisation_When_it_is_cancelled_Then_it_reads_Cancelled_and_a_later_capture_is_refused_with_Stripes_code()
    {
        var gateway = Gateway();
        var intent = await AuthorisedAsync(gateway, 80_00);

        var cancelled = await gateway.CancelAsync(intent.IntentId, $"payment:{intent.IntentId}:cancel", default);
        var capture = await gateway.CaptureAsync(intent.IntentId, 80_00, $"payment:{intent.IntentId}:capture", default);

        cancelled.Value.Status.ShouldBe(GatewayIntentStatus.Cancelled);
        cancelled.Value.AmountCapturedMinor.ShouldBe(0);
        capture.Error.ShouldNotBeNull().Code.ShouldBe("billing.gateway_refused");
        capture.Error.Message.ShouldContain("payment_intent_unexpected_state");
        capture.Error.Kind.ShouldBe(ErrorKind.Conflict);
        _stripe.Requests.Last().ResponseStatus.ShouldBe(400);
    }

    /// <summary>
    /// Stripe's answers are held to the columns the payment keeps them in (GatewayEventBounds): an intent id over 255 characters
    /// was a 500 on PostgreSQL and stored whole on SQLite. It is a 503 billing.gateway_answer_too_long naming the field; one at
    /// the bound is taken in. The log names the field, never the value.
    /// </summary>
    [Fact]
    public async Task Given_Stripe_answers_an_intent_id_over_its_bound_When_an_intent_is_created_Then_it_is_refused_naming_the_field_and_one_at_the_bound_is_taken()
    {
        var gateway = Gateway();
        _stripe.IdLength("pi", 256);

        var tooLong = await gateway.CreateIntentAsync(new CreateIntentRequest(Guid.NewGuid(), 100_00, "EUR", "Telemed consultation"), "create-long", default);
        _stripe.IdLength("pi", 255);
        var atBound = await gateway.CreateIntentAsync(new CreateIntentRequest(Guid.NewGuid(), 100_00, "EUR", "Telemed consultation"), "create-bound", default);

        tooLong.Error.ShouldNotBeNull().Code.ShouldBe("billing.gateway_answer_too_long");
        tooLong.Error.Kind.ShouldBe(ErrorKind.Unavailable);
        tooLong.Error.Message.ShouldContain("intent.id longer than the 255 characters");
        atBound.IsSuccess.ShouldBeTrue(atBound.Error?.Code);
        atBound.Value.IntentId.Length.ShouldBe(255);
        _logs.ShouldContain(line => line.Contains("create_intent") && line.Contains("intent.id"));
        _logs.ShouldAllBe(line => !System.Text.RegularExpressions.Regex.IsMatch(line, "pi_[A-Za-z0-9]{253}"));
    }

    [Fact]
    public async Task Given_a_captured_payment_When_Stripe_answers_its_refund_with_an_id_over_its_bound_Then_the_refund_is_a_503_naming_refund_id_and_nothing_of_it_is_answered()
    {
        var gateway = Gateway();
        var intent = await AuthorisedAsync(gateway, 150_00);
        (await gateway.CaptureAsync(intent.IntentId, 150_00, "capture-1", default)).IsSuccess.ShouldBeTrue();
        _stripe.IdLength("re", 256);

        var refund = await gateway.RefundAsync(intent.IntentId, 20_00, "refund-long", default);

        refund.Error.ShouldNotBeNull().Code.ShouldBe("billing.gateway_answer_too_long");
        refund.Error.Message.ShouldContain("refund.id longer than the 255 characters");
        var made = _stripe.RefundsOf(intent.IntentId).ShouldHaveSingleItem();
        _logs.ShouldContain(line => line.Contains("refund") && line.Contains("reconcile"));
        _logs.ShouldAllBe(line => !line.Contains(made.Id));
    }

    [Fact]
    public async Task Given_Stripe_answers_500_When_an_intent_is_created_Then_the_gateway_is_unavailable_and_nothing_was_created()
    {
        var gateway = Gateway(maxNetworkRetries: 0);
        _stripe.FailNext(1, 500);

        var created = await gateway.CreateIntentAsync(new CreateIntentRequest(Guid.NewGuid(), 100_00, "EUR", "Telemed consultation"), "create-500", default);

        created.Error.ShouldBe(GatewayErrors.Unavailable);
        created.Error!.Kind.ShouldBe(ErrorKind.Unavailable);
        _stripe.Events.ShouldBeEmpty();
    }

    [Fact]
    public async Task Given_Stripe_answers_500_once_When_Stripe_net_retries_by_itself_Then_the_retry_carries_our_key_and_one_intent_exists()
    {
        var gateway = Gateway(maxNetworkRetries: 1);
        _stripe.FailNext(1, 503);

        var created = await gateway.CreateIntentAsync(new CreateIntentRequest(Guid.NewGuid(), 100_00, "EUR", "Telemed consultation"), "create-retried", default);

        created.IsSuccess.ShouldBeTrue(created.Error?.Code);
        _stripe.Requests.Select(r => (r.IdempotencyKey, r.ResponseStatus)).ShouldBe([("create-retried", 503), ("create-retried", 200)]);
        _stripe.Events.Count(e => e.Type == "payment_intent.created").ShouldBe(1);
    }

    [Fact]
    public async Task Given_a_capture_whose_answer_came_too_late_When_the_caller_retries_with_the_same_key_Then_Stripe_replays_the_first_answer_and_money_moves_once()
    {
        var gateway = Gateway(timeoutSeconds: 1, maxNetworkRetries: 0);
        var intent = await AuthorisedAsync(gateway, 90_00);
        _stripe.DelayNext(1, TimeSpan.FromSeconds(2.5));

        var first = await gateway.CaptureAsync(intent.IntentId, 90_00, "capture-slow", default);
        var retry = await gateway.CaptureAsync(intent.IntentId, 90_00, "capture-slow", default);

        first.Error.ShouldBe(GatewayErrors.Unavailable);
        retry.IsSuccess.ShouldBeTrue(retry.Error?.Code);
        retry.Value.Status.ShouldBe(GatewayIntentStatus.Captured);
        retry.Value.AmountCapturedMinor.ShouldBe(90_00);
        var captures = _stripe.Requests.Where(r => r.Path.EndsWith("/capture", StringComparison.Ordinal)).ToList();
        captures.Select(r => (r.IdempotencyKey, r.Replayed)).ShouldBe([("capture-slow", false), ("capture-slow", true)]);
        _stripe.Events.Count(e => e.Type == "payment_intent.succeeded" && e.IntentId == intent.IntentId).ShouldBe(1);
        _stripe.ChargeOf(intent.IntentId).ShouldBe((90_00L, 0L));
    }

    [Fact]
    public async Task Given_a_refund_key_already_used_When_it_is_sent_again_Then_the_same_refund_is_answered_and_other_parameters_are_refused()
    {
        var gateway = Gateway();
        var intent = await AuthorisedAsync(gateway, 90_00);
        (await gateway.CaptureAsync(intent.IntentId, 90_00, "capture", default)).IsSuccess.ShouldBeTrue();

        var first = await gateway.RefundAsync(intent.IntentId, 10_00, "refund-once", default);
        var again = await gateway.RefundAsync(intent.IntentId, 10_00, "refund-once", default);
        var otherAmount = await gateway.RefundAsync(intent.IntentId, 20_00, "refund-once", default);

        again.Value.ShouldBe(first.Value);
        otherAmount.Error.ShouldNotBeNull().Code.ShouldBe("billing.gateway_refused");
        otherAmount.Error.Message.ShouldContain("idempotency_error");
        _stripe.RefundsOf(intent.IntentId).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Given_a_whole_payment_When_it_is_created_authorised_read_captured_and_refunded_Then_every_call_of_ours_carried_the_secret_key_and_every_POST_our_idempotency_key()
    {
        var gateway = Gateway();
        var paymentId = Guid.NewGuid();
        var keys = new[] { $"payment:{paymentId}:create", $"payment:{paymentId}:capture", $"payment:{paymentId}:refund:1", $"payment:{paymentId}:refund:2" };

        var intent = (await gateway.CreateIntentAsync(new CreateIntentRequest(paymentId, 60_00, "USD", "Telemed consultation"), keys[0], default)).Value;
        await _stripe.ConfirmAsCustomerAsync(intent.IntentId, intent.ClientSecret!);
        (await gateway.GetIntentAsync(intent.IntentId, default)).Value.Status.ShouldBe(GatewayIntentStatus.Authorised);
        (await gateway.CaptureAsync(intent.IntentId, 60_00, keys[1], default)).Value.Status.ShouldBe(GatewayIntentStatus.Captured);
        (await gateway.RefundAsync(intent.IntentId, 10_00, keys[2], default)).IsSuccess.ShouldBeTrue();
        (await gateway.RefundAsync(intent.IntentId, 50_00, keys[3], default)).IsSuccess.ShouldBeTrue();

        var ours = _stripe.Requests.Where(r => r.Authorization != "Bearer " + _stripe.PublishableKey).ToList();
        ours.Count.ShouldBe(5);
        ours.ShouldAllBe(r => r.Authorization == "Bearer " + _stripe.SecretKey);
        ours.Where(r => r.Method == "POST").Select(r => r.IdempotencyKey).ShouldBe(keys);
        // The browser's confirmation is Stripe.js's call, made with the publishable key; it is not ours to key.
        _stripe.Requests.Single(r => r.Authorization == "Bearer " + _stripe.PublishableKey).Path.ShouldEndWith("/confirm");
    }

    [Fact]
    public async Task Given_a_wrong_secret_key_When_anything_is_called_Then_the_gateway_is_unavailable_and_an_error_names_the_setting_not_the_key()
    {
        var gateway = Gateway(secretKey: "sk_test_revoked0000000000000000");

        var created = await gateway.CreateIntentAsync(new CreateIntentRequest(Guid.NewGuid(), 100_00, "EUR", "Telemed consultation"), "create-401", default);

        created.Error.ShouldBe(GatewayErrors.Unavailable);
        _stripe.Requests.ShouldHaveSingleItem().ResponseStatus.ShouldBe(401);
        _logs.ShouldContain(line => line.Contains("Billing:Stripe:SecretKey"));
        _logs.ShouldAllBe(line => !line.Contains("revoked"));
    }

    [Fact]
    public async Task Given_an_unreachable_Stripe_When_an_intent_is_read_Then_the_gateway_is_unavailable()
    {
        var gateway = Gateway(apiBase: "http://127.0.0.1:1", maxNetworkRetries: 0);

        var read = await gateway.GetIntentAsync("pi_unknown", default);

        read.Error.ShouldBe(GatewayErrors.Unavailable);
    }

    [Fact]
    public async Task Given_a_signed_delivery_from_Stripe_When_it_is_read_Then_the_event_carries_the_authorised_intent()
    {
        var gateway = Gateway();
        var intent = await AuthorisedAsync(gateway, 70_00);
        var delivery = _stripe.LatestEvent("payment_intent.amount_capturable_updated", intent.IntentId);

        var read = Webhooks().Read(delivery.Payload, _stripe.SignatureHeader(delivery.Payload));

        read.IsSuccess.ShouldBeTrue(read.Error?.Code);
        read.Value.EventId.ShouldBe(delivery.Id);
        read.Value.Type.ShouldBe("payment_intent.amount_capturable_updated");
        var carried = read.Value.Intent.ShouldNotBeNull();
        carried.IntentId.ShouldBe(intent.IntentId);
        carried.Status.ShouldBe(GatewayIntentStatus.Authorised);
        carried.AmountMinor.ShouldBe(70_00);
        carried.Currency.ShouldBe("EUR");
        // Stripe may deliver an event twice; it reads the same both times, so the payment core can apply it once by its id.
        var again = Webhooks().Read(delivery.Payload, _stripe.SignatureHeader(delivery.Payload));
        again.Value.EventId.ShouldBe(read.Value.EventId);
        again.Value.Intent.ShouldBe(carried);
    }

    [Fact]
    public async Task Given_a_webhook_endpoint_When_the_server_delivers_over_HTTP_Then_the_signed_delivery_verifies_there_and_the_forged_ones_do_not()
    {
        var gateway = Gateway();
        var intent = await AuthorisedAsync(gateway, 70_00);
        (await gateway.CaptureAsync(intent.IntentId, 70_00, "capture", default)).IsSuccess.ShouldBeTrue();
        var webhooks = Webhooks();
        var received = new ConcurrentQueue<GatewayEvent>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        await using var endpoint = builder.Build();
        endpoint.MapPost("/webhooks/stripe", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var read = webhooks.Read(await reader.ReadToEndAsync(), request.Headers["Stripe-Signature"].FirstOrDefault());
            if (!read.IsSuccess)
            {
                return Results.BadRequest(read.Error!.Code);
            }

            received.Enqueue(read.Value);
            return Results.Ok();
        });
        await endpoint.StartAsync();
        var url = new Uri(endpoint.Urls.First() + "/webhooks/stripe");
        var succeeded = _stripe.LatestEvent("payment_intent.succeeded", intent.IntentId);

        using var valid = await _stripe.DeliverAsync(url, succeeded);
        using var wrong = await _stripe.DeliverAsync(url, succeeded, WebhookSigning.WrongSecret);
        using var stale = await _stripe.DeliverAsync(url, succeeded, WebhookSigning.Stale);
        using var missing = await _stripe.DeliverAsync(url, succeeded, WebhookSigning.Missing);

        valid.StatusCode.ShouldBe(HttpStatusCode.OK);
        foreach (var refused in new[] { wrong, stale, missing })
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await refused.Content.ReadAsStringAsync()).ShouldContain("billing.webhook_signature_invalid");
        }

        var only = received.ShouldHaveSingleItem();
        only.EventId.ShouldBe(succeeded.Id);
        only.Intent.ShouldNotBeNull().Status.ShouldBe(GatewayIntentStatus.Captured);
        only.Intent.AmountCapturedMinor.ShouldBe(70_00);
        await endpoint.StopAsync();
    }

    [Fact]
    public async Task Given_a_refund_When_charge_refunded_is_delivered_Then_the_event_names_the_intent_the_charge_belongs_to()
    {
        var gateway = Gateway();
        var intent = await AuthorisedAsync(gateway, 70_00);
        await gateway.CaptureAsync(intent.IntentId, 70_00, "capture", default);
        await gateway.RefundAsync(intent.IntentId, 70_00, "refund", default);
        var delivery = _stripe.LatestEvent("charge.refunded", intent.IntentId);

        var read = Webhooks().Read(delivery.Payload, _stripe.SignatureHeader(delivery.Payload));

        read.Value.Type.ShouldBe("charge.refunded");
        read.Value.Intent.ShouldNotBeNull().IntentId.ShouldBe(intent.IntentId);
        read.Value.Intent.Status.ShouldBe(GatewayIntentStatus.Captured);
    }

    [Fact]
    public async Task Given_a_delivery_When_its_signature_is_wrong_missing_stale_or_the_payload_was_altered_Then_it_is_refused()
    {
        var gateway = Gateway();
        var intent = await AuthorisedAsync(gateway, 70_00);
        var payload = _stripe.LatestEvent("payment_intent.amount_capturable_updated", intent.IntentId).Payload;
        var webhooks = Webhooks();

        webhooks.Read(payload, _stripe.SignatureHeader(payload, secret: "whsec_someone_else")).Error.ShouldBe(GatewayErrors.InvalidSignature);
        webhooks.Read(payload, null).Error.ShouldBe(GatewayErrors.InvalidSignature);
        webhooks.Read(payload, "").Error.ShouldBe(GatewayErrors.InvalidSignature);
        webhooks.Read(payload, "t=1,v1=nonsense").Error.ShouldBe(GatewayErrors.InvalidSignature);
        webhooks.Read("not an event", _stripe.SignatureHeader("not an event")).Error.ShouldBe(GatewayErrors.InvalidSignature);
        webhooks.Read(payload, _stripe.SignatureHeader(payload, DateTimeOffset.UtcNow.AddSeconds(-301))).Error.ShouldBe(GatewayErrors.InvalidSignature);
        var altered = payload.Replace("\"amount\":7000", "\"amount\":1", StringComparison.Ordinal);
        altered.ShouldNotBe(payload);
        webhooks.Read(altered, _stripe.SignatureHeader(payload)).Error.ShouldBe(GatewayErrors.InvalidSignature);
        // Within the tolerance it still verifies: the refusal above is the age, not the clock's rounding.
        webhooks.Read(payload, _stripe.SignatureHeader(payload, DateTimeOffset.UtcNow.AddSeconds(-290))).IsSuccess.ShouldBeTrue();
        GatewayErrors.InvalidSignature.Kind.ShouldBe(ErrorKind.Validation);
        webhooks.Gateway.ShouldBe("stripe");
    }

    [Theory]
    [InlineData("requires_payment_method", GatewayIntentStatus.RequiresPaymentMethod)]
    [InlineData("requires_confirmation", GatewayIntentStatus.RequiresPaymentMethod)]
    [InlineData("requires_action", GatewayIntentStatus.RequiresAction)]
    [InlineData("processing", GatewayIntentStatus.Processing)]
    [InlineData("requires_capture", GatewayIntentStatus.Authorised)]
    [InlineData("succeeded", GatewayIntentStatus.Captured)]
    [InlineData("canceled", GatewayIntentStatus.Cancelled)]
    [InlineData("a_status_stripe_adds_later", GatewayIntentStatus.Processing)]
    public void Given_a_Stripe_intent_status_Then_it_reads_as_the_ports_status(string stripeStatus, GatewayIntentStatus expected) =>
        StripeIntentStatuses.ToGateway(stripeStatus).ShouldBe(expected);

    [Theory]
    [InlineData(0, "Transient")]
    [InlineData(409, "Transient")]
    [InlineData(429, "Transient")]
    [InlineData(500, "Transient")]
    [InlineData(503, "Transient")]
    [InlineData(401, "OurConfiguration")]
    [InlineData(403, "OurConfiguration")]
    [InlineData(400, "Refused")]
    [InlineData(402, "Refused")]
    [InlineData(404, "Refused")]
    public void Given_a_Stripe_HTTP_status_Then_it_is_classified(int status, string expected) =>
        StripeFailures.Classify(status).ToString().ShouldBe(expected);

    [Fact]
    public void Given_the_stripe_gateway_is_chosen_without_keys_When_its_options_are_read_Then_start_fails_naming_the_missing_settings()
    {
        using var provider = Registered(new Dictionary<string, string?> { ["Billing:Stripe:PublishableKey"] = "pk_test_x" });

        var failure = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<StripeOptions>>().Value);

        failure.Message.ShouldContain("Billing:Stripe:SecretKey is required");
        failure.Message.ShouldContain("Billing:Stripe:WebhookSecret is required");
    }

    [Fact]
    public void Given_the_stripe_gateway_is_configured_When_services_are_resolved_Then_the_port_and_webhooks_are_Stripes()
    {
        using var provider = Registered(new Dictionary<string, string?>
        {
            ["Billing:Stripe:SecretKey"] = _stripe.SecretKey,
            ["Billing:Stripe:PublishableKey"] = _stripe.PublishableKey,
            ["Billing:Stripe:WebhookSecret"] = _stripe.WebhookSecret,
            ["Billing:Stripe:ApiBase"] = _stripe.BaseUrl,
        });

        var gateway = provider.GetRequiredService<IPaymentGateway>();

        gateway.Name.ShouldBe("stripe");
        gateway.PublishableKey.ShouldBe(_stripe.PublishableKey);
        provider.GetRequiredService<IGatewayWebhooks>().Gateway.ShouldBe("stripe");
        provider.GetRequiredService<IOptions<StripeOptions>>().Value.TimeoutSeconds.ShouldBe(20);
    }

    private static ServiceProvider Registered(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        StripeGatewayRegistration.Add(services, configuration);
        return services.BuildServiceProvider();
    }

    private StripeGateway Gateway(int timeoutSeconds = 5, int maxNetworkRetries = 0, string? secretKey = null, string? apiBase = null)
    {
        var gateway = new StripeGateway(Options.Create(new StripeOptions
        {
            SecretKey = secretKey ?? _stripe.SecretKey,
            PublishableKey = _stripe.PublishableKey,
            WebhookSecret = _stripe.WebhookSecret,
            ApiBase = apiBase ?? _stripe.BaseUrl,
            TimeoutSeconds = timeoutSeconds,
            MaxNetworkRetries = maxNetworkRetries,
        }), Logger<StripeGateway>());
        _owned.Add(gateway);
        return gateway;
    }

    private StripeWebhooks Webhooks() =>
        new(Options.Create(new StripeOptions { SecretKey = _stripe.SecretKey, WebhookSecret = _stripe.WebhookSecret }), Logger<StripeWebhooks>());

    private ILogger<T> Logger<T>()
    {
        var factory = LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(new CapturingLoggerProvider(_logs)));
        _owned.Add(factory);
        return factory.CreateLogger<T>();
    }

    private async Task<GatewayIntent> CreateAsync(StripeGateway gateway, long amountMinor)
    {
        var paymentId = Guid.NewGuid();
        var created = await gateway.CreateIntentAsync(new CreateIntentRequest(paymentId, amountMinor, "EUR", "Telemed consultation"), $"payment:{paymentId}:create", default);
        created.IsSuccess.ShouldBeTrue(created.Error?.Code);
        return created.Value;
    }

    private async Task<GatewayIntent> AuthorisedAsync(StripeGateway gateway, long amountMinor)
    {
        var intent = await CreateAsync(gateway, amountMinor);
        (await _stripe.ConfirmAsCustomerAsync(intent.IntentId, intent.ClientSecret!)).ShouldBe(200);
        return intent;
    }
}

/// <summary>
/// The whole host with <c>Billing:Gateway=stripe</c> pointed at a <see cref="StripeLikeServer"/>: a patient starts paying, the
/// browser's confirmation is played by the server, and Stripe's signed webhook reaches <c>POST /api/v1/billing/webhooks/stripe</c>.
/// Each scenario starts its own server and host (the host's settings need the server's address), on SQLite and PostgreSQL.
/// </summary>
public abstract class StripeHostScenarios(DatabaseProvider provider) : IAsyncLifetime
{
    private const string DoctorEmail = "anna.petrova@demo.telemed.dev";
    private const string PatientEmail = "ivan.kuznetsov@demo.telemed.dev";
    private readonly StripeLikeServer _stripe = new();
    private TelemedHost _host = null!;

    public async Task InitializeAsync()
    {
        await _stripe.InitializeAsync();
        _host = new TelemedHost(provider, _stripe.HostSettings());
        await _host.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _stripe.DisposeAsync();
    }

    [Fact]
    public async Task Given_the_Stripe_gateway_Then_the_portal_policy_lets_Stripe_js_in_and_the_api_docs_policy_does_not()
    {
        using var client = _host.CreateApiClient();
        var page = await client.GetAsync("/patient/appointments");
        await page.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        csp.ShouldContain("script-src 'self' https://js.stripe.com;");
        csp.ShouldContain("frame-src 'self' https://js.stripe.com https://hooks.stripe.com;");
        csp.ShouldContain("connect-src 'self' https://api.stripe.com;");
        csp.ShouldContain("frame-ancestors 'none'");

        var docs = await client.GetAsync("/api/docs/index.html");
        docs.Headers.GetValues("Content-Security-Policy").Single().ShouldNotContain("stripe");
    }

    /// <summary>
    /// A signed event whose id is longer than the processed-events key keeps (255 characters, Stripe's longest) was a 500 on PostgreSQL (the gateway
    /// retried it for days) and stored whole on SQLite. It is refused with 400 billing.webhook_field_too_long and nothing of it is
    /// stored; the real event is applied afterwards.
    /// </summary>
    [Fact]
    public async Task Given_a_signed_webhook_whose_event_id_is_over_its_bound_When_it_arrives_Then_it_is_refused_with_400_and_nothing_is_applied()
    {
        using var doctor = await _host.SignedInAsync(DoctorEmail);
        var doctorId = await ConsultationsApi.DoctorIdAsync(doctor);
        using var patient = await _host.SignedInAsync(PatientEmail);
        var appointmentId = await BookAsync(patient, doctorId);
        var started = await patient.PostAsync($"/api/v1/appointments/{appointmentId}/payment");
        await started.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var clientSecret = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("clientSecret").GetString()!;
        var intentId = clientSecret[..clientSecret.IndexOf("_secret_", StringComparison.Ordinal)];
        (await _stripe.ConfirmAsCustomerAsync(intentId, clientSecret)).ShouldBe(200);
        var authorised = _stripe.LatestEvent("payment_intent.amount_capturable_updated", intentId);
        var webhook = new Uri(_host.BaseAddress, "/api/v1/billing/webhooks/stripe");
        var longId = "evt_" + new string('x', 252);
        var overLong = authorised with { Id = longId, Payload = authorised.Payload.Replace($"\"{authorised.Id}\"", $"\"{longId}\"", StringComparison.Ordinal) };

        using var refused = await _stripe.DeliverAsync(webhook, overLong);

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.ProblemCodeAsync()).ShouldBe("billing.webhook_field_too_long");
        (await patient.GetJsonAsync<JsonElement>($"/api/v1/appointments/{appointmentId}/payment")).GetProperty("status").GetString().ShouldBe("awaitingPayment");
        using var applied = await _stripe.DeliverAsync(webhook, authorised);
        await applied.ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await applied.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString().ShouldBe("applied");
    }

    /// <summary>
    /// Stripe answering the new intent with an id longer than the payment's column (255 characters) was a 500 on PostgreSQL and
    /// stored whole on SQLite. The patient gets 503 billing.gateway_answer_too_long, the payment keeps no intent and still takes a
    /// card, and trying again (Stripe replays its answer for our key) is the same clear refusal, never a 500.
    /// </summary>
    [Fact]
    public async Task Given_Stripe_answers_an_intent_id_over_its_bound_When_the_patient_starts_paying_Then_it_is_a_503_with_a_stable_code_and_the_payment_still_takes_a_card()
    {
        using var doctor = await _host.SignedInAsync(DoctorEmail);
        var doctorId = await ConsultationsApi.DoctorIdAsync(doctor);
        using var patient = await _host.SignedInAsync(PatientEmail);
        var appointmentId = await BookAsync(patient, doctorId);
        _stripe.IdLength("pi", 256);

        using var refused = await patient.PostAsync($"/api/v1/appointments/{appointmentId}/payment");
        using var again = await patient.PostAsync($"/api/v1/appointments/{appointmentId}/payment");

        refused.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await refused.ProblemCodeAsync()).ShouldBe("billing.gateway_answer_too_long");
        again.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await again.ProblemCodeAsync()).ShouldBe("billing.gateway_answer_too_long");
        var payment = await patient.GetJsonAsync<JsonElement>($"/api/v1/appointments/{appointmentId}/payment");
        payment.GetProperty("status").GetString().ShouldBe("awaitingPayment");
        (payment.TryGetProperty("clientSecret", out var secret) ? secret.GetString() : null).ShouldBeNull();
    }

    [Fact]
    public async Task Given_a_patient_paying_with_Stripe_When_the_authorised_webhook_arrives_twice_Then_it_is_applied_once_and_a_forged_one_is_refused()
    {
        using var doctor = await _host.SignedInAsync(DoctorEmail);
        var doctorId = await ConsultationsApi.DoctorIdAsync(doctor);
        using var patient = await _host.SignedInAsync(PatientEmail);
        var appointmentId = await BookAsync(patient, doctorId);

        var started = await patient.PostAsync($"/api/v1/appointments/{appointmentId}/payment");
        await started.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var payment = await started.Content.ReadFromJsonAsync<JsonElement>();
        payment.GetProperty("gateway").GetString().ShouldBe("stripe");
        payment.GetProperty("publishableKey").GetString().ShouldBe(_stripe.PublishableKey);
        var paymentId = payment.GetProperty("id").GetGuid();
        var clientSecret = payment.GetProperty("clientSecret").GetString()!;
        var intentId = clientSecret[..clientSecret.IndexOf("_secret_", StringComparison.Ordinal)];
        (await _stripe.ConfirmAsCustomerAsync(intentId, clientSecret)).ShouldBe(200);
        var authorised = _stripe.LatestEvent("payment_intent.amount_capturable_updated", intentId);
        var webhook = new Uri(_host.BaseAddress, "/api/v1/billing/webhooks/stripe");

        using var forged = await _stripe.DeliverAsync(webhook, authorised, WebhookSigning.WrongSecret);
        using var stale = await _stripe.DeliverAsync(webhook, authorised, WebhookSigning.Stale);
        using var unsigned = await _stripe.DeliverAsync(webhook, authorised, WebhookSigning.Missing);
        var afterForgeries = await patient.GetJsonAsync<JsonElement>($"/api/v1/appointments/{appointmentId}/payment");
        using var first = await _stripe.DeliverAsync(webhook, authorised);
        using var second = await _stripe.DeliverAsync(webhook, authorised);

        foreach (var refused in new[] { forged, stale, unsigned })
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await refused.ProblemCodeAsync()).ShouldBe("billing.webhook_signature_invalid");
        }

        afterForgeries.GetProperty("status").GetString().ShouldBe("awaitingPayment");
        await first.ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString().ShouldBe("applied");
        await second.ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString().ShouldBe("duplicate");
        var paid = await patient.GetJsonAsync<JsonElement>($"/api/v1/appointments/{appointmentId}/payment");
        paid.GetProperty("status").GetString().ShouldBe("authorised");
        paid.GetProperty("authorised").GetProperty("amountMinor").GetInt64().ShouldBe(paid.GetProperty("quote").GetProperty("amountMinor").GetInt64());

        using var admin = _host.CreateApiClient();
        await admin.SignInAsAdminAsync();
        var trail = await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/audit?recordType=Payment&recordId={paymentId}&pageSize=50");
        trail.GetProperty("items").EnumerateArray().Count(e => e.GetProperty("action").GetString() == "payment.webhook").ShouldBe(1);

        // What the host sent Stripe: the secret key on every call, and the payment core's own key on every POST.
        var calls = _stripe.Requests.Where(r => r.Authorization != "Bearer " + _stripe.PublishableKey).ToList();
        calls.ShouldNotBeEmpty();
        calls.ShouldAllBe(r => r.Authorization == "Bearer " + _stripe.SecretKey);
        calls.Where(r => r.Method == "POST").ShouldAllBe(r => r.IdempotencyKey != null && r.IdempotencyKey.StartsWith("payment:", StringComparison.Ordinal));
        calls.First().Fields["metadata[telemed_payment_id]"].ShouldBe(paymentId.ToString("D"));
    }

    /// <summary>
    /// Stripe may lengthen its ids without notice, up to 255 characters. Ids of that length (the intent's, the webhook event's,
    /// the charge's and the refund's) were refused while the columns kept 120, and a capture or refund answered with one had moved
    /// money we could not record. Now a whole payment with them is taken in and recorded: authorised by the webhook, the
    /// late-cancellation fee captured, part of it refunded by the administrator, a retry of that refund answered from the record,
    /// and the ledger keeps the refund's whole id.
    /// </summary>
    [Fact]
    public async Task Given_Stripe_ids_of_255_characters_When_a_patient_pays_is_charged_a_late_fee_and_refunded_Then_every_id_is_kept_whole()
    {
        foreach (var prefix in new[] { "pi", "evt", "ch", "re" })
        {
            _stripe.IdLength(prefix, 255);
        }

        using var doctor = await _host.SignedInAsync(DoctorEmail);
        var doctorId = await ConsultationsApi.DoctorIdAsync(doctor);
        using var patient = await _host.SignedInAsync(PatientEmail);
        var (appointmentId, slot) = await BookSlotAsync(patient, doctorId, daysAhead: 2);
        var started = await patient.PostAsync($"/api/v1/appointments/{appointmentId}/payment");
        await started.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var payment = await started.Content.ReadFromJsonAsync<JsonElement>();
        var paymentId = payment.GetProperty("id").GetGuid();
        var clientSecret = payment.GetProperty("clientSecret").GetString()!;
        var intentId = clientSecret[..clientSecret.IndexOf("_secret_", StringComparison.Ordinal)];
        (await _stripe.ConfirmAsCustomerAsync(intentId, clientSecret)).ShouldBe(200);
        var authorised = _stripe.LatestEvent("payment_intent.amount_capturable_updated", intentId);
        using var applied = await _stripe.DeliverAsync(new Uri(_host.BaseAddress, "/api/v1/billing/webhooks/stripe"), authorised);
        var afterWebhook = await patient.GetJsonAsync<JsonElement>($"/api/v1/appointments/{appointmentId}/payment");

        // Cancelled two hours before the visit, inside the clinic's cutoff (signed in again: the move ended the session): the fee is
        // captured through Stripe.
        _host.Clock.Advance(slot.Start.AddHours(-2) - _host.Clock.GetUtcNow().UtcDateTime);
        using var again = await _host.SignedInAsync(PatientEmail);
        await (await again.PostAsync($"/api/v1/scheduling/appointments/{appointmentId}/cancel", new { reason = "Plans changed" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var fee = await PaymentScenarios.PaymentBecomesAsync(again, appointmentId, "captured");
        using var admin = await _host.SignedInAsync("admin@demo.telemed.dev");
        var key = Guid.NewGuid().ToString();
        using var refunded = await RefundWithKeyAsync(admin, paymentId, 100, key);
        using var retried = await RefundWithKeyAsync(admin, paymentId, 100, key);

        intentId.Length.ShouldBe(255);
        authorised.Id.Length.ShouldBe(255);
        await applied.ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await applied.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString().ShouldBe("applied");
        afterWebhook.GetProperty("status").GetString().ShouldBe("authorised");
        fee.GetProperty("captured").GetProperty("amountMinor").GetInt64().ShouldBeGreaterThan(0);
        await refunded.ShouldHaveStatusAsync(HttpStatusCode.OK);
        await retried.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var made = _stripe.RefundsOf(intentId).ShouldHaveSingleItem();
        made.Id.Length.ShouldBe(255);
        var seen = await again.GetJsonAsync<JsonElement>($"/api/v1/appointments/{appointmentId}/payment");
        seen.GetProperty("status").GetString().ShouldBe("partiallyRefunded");
        seen.GetProperty("refunds").GetArrayLength().ShouldBe(1);
        var raw = new RawDatabase(_host);
        await using var connection = await raw.OpenAsync();
        var paymentText = raw.IsPostgres ? paymentId.ToString() : paymentId.ToString().ToUpperInvariant();
        (await RawDatabase.RowsAsync(connection, $"SELECT \"IntentId\" FROM {raw.Table("billing", "payments")} WHERE \"Id\" = '{paymentText}'"))
            .ShouldBe([intentId]);
        (await RawDatabase.RowsAsync(connection, $"SELECT \"GatewayReference\" FROM {raw.Table("billing", "payment_movements")} WHERE \"PaymentId\" = '{paymentText}' AND \"Type\" = 'refunded'"))
            .ShouldBe([made.Id]);
        (await RawDatabase.RowsAsync(connection, $"SELECT \"EventId\" FROM {raw.Table("billing", "processed_gateway_events")} WHERE \"EventId\" = '{authorised.Id}'"))
            .ShouldHaveSingleItem();
    }

    private static async Task<HttpResponseMessage> RefundWithKeyAsync(ApiClient admin, Guid paymentId, long amountMinor, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/admin/payments/{paymentId}/refund")
        {
            Content = JsonContent.Create(new { amountMinor, reason = "Goodwill" }, options: ApiClient.Json),
        };
        request.Headers.Add("Idempotency-Key", key);
        return await admin.Http.SendAsync(request);
    }

    private async Task<Guid> BookAsync(ApiClient patient, Guid doctorId) => (await BookSlotAsync(patient, doctorId, daysAhead: 1)).AppointmentId;

    private async Task<(Guid AppointmentId, SlotInfo Slot)> BookSlotAsync(ApiClient patient, Guid doctorId, int daysAhead)
    {
        foreach (var slot in await SchedulingApi.SlotsAsync(patient, doctorId, SchedulingApi.Today(_host).AddDays(daysAhead), 6))
        {
            var booked = await SchedulingApi.BookAsync(patient, doctorId, slot);
            if (booked.StatusCode == HttpStatusCode.Created)
            {
                return ((await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), slot);
            }
        }

        throw new InvalidOperationException("No free slot to book.");
    }
}

public sealed class StripeHostScenariosOnSqlite() : StripeHostScenarios(DatabaseProvider.Sqlite);

public sealed class StripeHostScenariosOnPostgres() : StripeHostScenarios(DatabaseProvider.Postgres);
