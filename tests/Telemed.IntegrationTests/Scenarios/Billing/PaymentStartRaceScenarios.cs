using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios.Billing;

/// <summary>
/// "Pay" pressed several times at once. Each request asks the sandbox gateway for an intent under the same idempotency key; the
/// requests that lost the race to store the key answered 503 <c>billing.gateway_unavailable</c> ("the payment provider is not
/// answering") although the provider had answered. Now every one of them gets the same payment and intent.
/// </summary>
public abstract class PaymentStartRaceScenarios(TelemedHost host)
{
    [Fact]
    public async Task Given_a_booked_visit_When_the_patient_starts_its_payment_six_times_at_once_Then_each_answer_is_the_same_payment_and_intent()
    {
        using var patient = await host.SignedInAsync("viktor.zaitsev@demo.telemed.dev");
        var appointmentId = await BillingSteps.BookedVisitAsync(host, patient, daysAhead: 7);
        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => patient.PostAsync($"/api/v1/appointments/{appointmentId}/payment")));

        var payments = new List<(Guid Id, string Secret)>();
        foreach (var answer in answers)
        {
            answer.StatusCode.ShouldBe(HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
            var payment = await answer.Content.ReadFromJsonAsync<JsonElement>();
            payments.Add((payment.GetProperty("id").GetGuid(), payment.GetProperty("clientSecret").GetString()!));
        }

        payments.Select(p => p.Id).Distinct().Count().ShouldBe(1);
        payments.Select(p => p.Secret).Distinct().Count().ShouldBe(1);
        var stored = await patient.GetJsonAsync<JsonElement>($"/api/v1/appointments/{appointmentId}/payment");
        stored.GetProperty("id").GetGuid().ShouldBe(payments[0].Id);

        // The races lost here (the same payment, the same idempotency key) are expected and answered: no error in the operators' log.
        host.Logs.Where(l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("DbCommand", StringComparison.Ordinal)).ShouldBeEmpty();
    }
}

[Collection("billing-sqlite")]
public sealed class PaymentStartRaceScenariosOnSqlite(BillingSqliteHost host) : PaymentStartRaceScenarios(host);

[Collection("billing-postgres")]
public sealed class PaymentStartRaceScenariosOnPostgres(BillingPostgresHost host) : PaymentStartRaceScenarios(host);
