using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios.Billing;

/// <summary>
/// The admin's payment list filtered by status. A status that is none (a typo, a number, a list) was ignored, so the admin got
/// every payment under a filter they believed applied; it is now refused as the claims list refuses it.
/// </summary>
public abstract class PaymentListFilterScenarios(TelemedHost host)
{
    [Fact]
    public async Task Given_a_payment_awaiting_its_card_When_the_admin_filters_by_a_status_that_is_none_Then_it_is_400_and_real_statuses_filter()
    {
        using var patient = await host.SignedInAsync("boris.kovalev@demo.telemed.dev");
        var appointmentId = await BillingSteps.BookedVisitAsync(host, patient, daysAhead: 6);
        var started = await patient.PostAsync($"/api/v1/appointments/{appointmentId}/payment");
        await started.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var paymentId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var admin = await host.SignedInAsync("admin@demo.telemed.dev");

        async Task<bool> ListedAsync(string query)
        {
            var page = await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/payments?{query}");
            return page.GetProperty("items").EnumerateArray().Any(p => p.GetProperty("id").GetGuid() == paymentId);
        }

        (await ListedAsync("status=awaitingPayment")).ShouldBeTrue();
        (await ListedAsync("status=AWAITINGPAYMENT")).ShouldBeTrue("status is case-insensitive");
        (await ListedAsync("status=")).ShouldBeTrue("an empty status is every status");
        (await ListedAsync("status=captured")).ShouldBeFalse("nothing was captured");

        foreach (var bad in new[] { "status=captued", "status=3", "status=captured,awaitingPayment", "status=awaiting_payment" })
        {
            var refused = await admin.Http.GetAsync($"/api/v1/admin/payments?{bad}");
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest, bad);
            refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json", bad);
            (await refused.ProblemCodeAsync()).ShouldBe("billing.invalid_payment_status", bad);
        }
    }
}

[Collection("billing-sqlite")]
public sealed class PaymentListFilterScenariosOnSqlite(BillingSqliteHost host) : PaymentListFilterScenarios(host);

[Collection("billing-postgres")]
public sealed class PaymentListFilterScenariosOnPostgres(BillingPostgresHost host) : PaymentListFilterScenarios(host);
