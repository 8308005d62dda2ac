using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.Modules.Billing.Payments.Gateways;
using static Telemed.IntegrationTests.Infrastructure.ConsultationsApi;

namespace Telemed.IntegrationTests.Scenarios.Billing;

/// <summary>
/// A visit (or a fee) held unpaid, paid afterwards through the sandbox. The live walk found a completed visit with no card unpayable once
/// the patient had opened the payment step: the repeated <c>POST /appointments/{id}/payment</c> answered <c>clientSecret: null</c>, so the
/// card could not be confirmed. Every repeat now answers the same open intent, or a fresh one when the gateway can no longer confirm it.
/// </summary>
public abstract class UnpaidPaymentScenarios(TelemedHost host)
{
    private const string DoctorEmail = "anna.petrova@demo.telemed.dev";

    [Fact]
    public async Task Given_a_patient_who_opened_the_payment_step_and_did_not_pay_When_the_visit_is_completed_unpaid_Then_every_repeat_answers_the_same_intent_and_the_card_pays_what_is_due()
    {
        const string email = "alina.sharova@demo.telemed.dev";
        using var patient = await host.SignedInAsync(email);
        var appointmentId = await BillingSteps.BookedVisitAsync(host, patient, daysAhead: 2);
        await PaymentScenarios.PaymentBecomesAsync(patient, appointmentId, "awaitingPayment");
        var opened = await StartAsync(patient, appointmentId);
        var secret = opened.GetProperty("clientSecret").GetString();
        secret.ShouldNotBeNullOrEmpty();

        // The patient leaves without paying; the visit takes place and ends.
        var start = await patient.GetJsonAsync<JsonElement>($"/api/v1/scheduling/appointments/{appointmentId}");
        var visitStart = start.GetProperty("start").GetDateTime().ToUniversalTime();
        host.Clock.Advance(visitStart.AddMinutes(-5) - host.Clock.GetUtcNow().UtcDateTime);
        using var visiting = await host.SignedInAsync(email);
        using var doctor = await host.SignedInAsync(DoctorEmail);
        var admission = await EnterAsync(visiting, appointmentId, Complaint(["head"], 3, "days", [], "Headache"));
        var consultationId = admission.GetProperty("consultation").GetProperty("id").GetGuid();
        await (await doctor.PostAsync($"/api/v1/consultations/{consultationId}/accept")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        host.Clock.Advance(TimeSpan.FromMinutes(9));
        await (await doctor.PostAsync($"/api/v1/consultations/{consultationId}/end")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        using var payer = await host.SignedInAsync(email);
        var unpaid = await PaymentScenarios.PaymentBecomesAsync(payer, appointmentId, "unpaid");
        var due = unpaid.GetProperty("amountDue").GetProperty("amountMinor").GetInt64();
        due.ShouldBeGreaterThan(0);
        unpaid.GetProperty("clientSecret").GetString().ShouldBe(secret, "the payer's view offers the open intent for what is due");

        // Twice, as the payment step does when the page is opened again: the same open intent each time (it answered null).
        var first = await StartAsync(payer, appointmentId);
        var second = await StartAsync(payer, appointmentId);
        foreach (var answer in new[] { first, second })
        {
            answer.GetProperty("status").GetString().ShouldBe("unpaid");
            answer.GetProperty("clientSecret").GetString().ShouldBe(secret);
        }

        var paid = await ConfirmAndSyncAsync(payer, second, "4242 4242 4242 4242");
        paid.GetProperty("status").GetString().ShouldBe("captured");
        paid.GetProperty("captured").GetProperty("amountMinor").GetInt64().ShouldBe(due);
        paid.GetProperty("amountDue").GetProperty("amountMinor").GetInt64().ShouldBe(0);
        paid.GetProperty("settlement").GetString().ShouldBe("visit");
        paid.GetProperty("clientSecret").ValueKind.ShouldBe(JsonValueKind.Null, "nothing is left to pay");
    }

    [Fact]
    public async Task Given_a_late_cancellation_fee_due_When_the_patient_pays_after_a_decline_and_after_the_intent_was_cancelled_at_the_gateway_Then_a_fresh_intent_takes_the_card()
    {
        const string email = "ksenia.orekhova@demo.telemed.dev";
        using var patient = await host.SignedInAsync(email);
        var appointmentId = await BillingSteps.BookedVisitAsync(host, patient, daysAhead: 4);
        var booked = await PaymentScenarios.PaymentBecomesAsync(patient, appointmentId, "awaitingPayment");
        var start = (await patient.GetJsonAsync<JsonElement>($"/api/v1/scheduling/appointments/{appointmentId}")).GetProperty("start").GetDateTime().ToUniversalTime();
        host.Clock.Advance(start.AddHours(-2) - host.Clock.GetUtcNow().UtcDateTime);
        using var payer = await host.SignedInAsync(email);
        await (await payer.PostAsync($"/api/v1/scheduling/appointments/{appointmentId}/cancel", new { reason = "Plans changed" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var unpaid = await PaymentScenarios.PaymentBecomesAsync(payer, appointmentId, "unpaid");
        var fee = unpaid.GetProperty("amountDue").GetProperty("amountMinor").GetInt64();
        fee.ShouldBe(booked.GetProperty("lateCancellationFee").GetProperty("amountMinor").GetInt64());

        // Never opened before: the first answer opens an intent for the fee, the second answers the same one (it answered null).
        var first = await StartAsync(payer, appointmentId);
        var secret = first.GetProperty("clientSecret").GetString();
        secret.ShouldNotBeNullOrEmpty();
        (await StartAsync(payer, appointmentId)).GetProperty("clientSecret").GetString().ShouldBe(secret);

        // A declined card: the fee stays due, the payer is told why, and the same intent takes another card.
        var declined = await ConfirmAndSyncAsync(payer, first, "4000 0000 0000 0002", HttpStatusCode.OK);
        declined.GetProperty("status").GetString().ShouldBe("unpaid");
        declined.GetProperty("declineCode").GetString().ShouldBe("card_declined");
        (await StartAsync(payer, appointmentId)).GetProperty("clientSecret").GetString().ShouldBe(secret);

        // The intent is cancelled at the gateway (an operator in the gateway's dashboard): it can no longer be confirmed, so a fresh one is opened.
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var gateway = scope.ServiceProvider.GetRequiredService<IPaymentGateway>();
            var intentId = secret![..secret.IndexOf("_secret_", StringComparison.Ordinal)];
            (await gateway.CancelAsync(intentId, $"test:cancel:{intentId}", CancellationToken.None)).IsSuccess.ShouldBeTrue();
        }

        var fresh = await StartAsync(payer, appointmentId);
        var freshSecret = fresh.GetProperty("clientSecret").GetString();
        freshSecret.ShouldNotBeNullOrEmpty();
        freshSecret.ShouldNotBe(secret);
        fresh.GetProperty("status").GetString().ShouldBe("unpaid");
        (await StartAsync(payer, appointmentId)).GetProperty("clientSecret").GetString().ShouldBe(freshSecret);

        var paid = await ConfirmAndSyncAsync(payer, fresh, "4242 4242 4242 4242");
        paid.GetProperty("status").GetString().ShouldBe("captured");
        paid.GetProperty("captured").GetProperty("amountMinor").GetInt64().ShouldBe(fee);
        paid.GetProperty("settlement").GetString().ShouldBe("lateCancellationFee");
    }

    private static async Task<JsonElement> StartAsync(ApiClient payer, Guid appointmentId)
    {
        var started = await payer.PostAsync($"/api/v1/appointments/{appointmentId}/payment");
        await started.ShouldHaveStatusAsync(HttpStatusCode.OK);
        return await started.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<JsonElement> ConfirmAndSyncAsync(ApiClient payer, JsonElement payment, string card, HttpStatusCode confirmStatus = HttpStatusCode.OK)
    {
        var confirmed = await payer.PostAsync("/api/v1/billing/sandbox/confirm",
            new { clientSecret = payment.GetProperty("clientSecret").GetString(), cardNumber = card, expiryMonth = 12, expiryYear = DateTime.UtcNow.Year + 2, cvc = "123" });
        await confirmed.ShouldHaveStatusAsync(confirmStatus);
        var synced = await payer.PostAsync($"/api/v1/payments/{payment.GetProperty("id").GetGuid()}/sync");
        await synced.ShouldHaveStatusAsync(HttpStatusCode.OK);
        return await synced.Content.ReadFromJsonAsync<JsonElement>();
    }
}

[Collection("billing-sqlite")]
public sealed class UnpaidPaymentScenariosOnSqlite(BillingSqliteHost host) : UnpaidPaymentScenarios(host);

[Collection("billing-postgres")]
public sealed class UnpaidPaymentScenariosOnPostgres(BillingPostgresHost host) : UnpaidPaymentScenarios(host);
