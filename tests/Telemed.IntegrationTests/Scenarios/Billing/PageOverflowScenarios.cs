using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.IntegrationTests.Scenarios.Records;

namespace Telemed.IntegrationTests.Scenarios.Billing;

/// <summary>
/// The last page an <c>int</c> can name. Lists that computed <c>(page - 1) × size</c> themselves wrapped it to a negative skip, which
/// LINQ and EF read as "skip nothing": page 2,147,483,647 answered page 1's rows under the last page's number, so a client walking
/// the pages never saw an end. Pages are now numbered up to 21,474,836 (the paging rule, docs/api-v1.md): the last of them is answered
/// empty, as any page past the end, and a larger number is 400 naming <c>page</c>.
/// </summary>
public abstract class PageOverflowScenarios(TelemedHost host)
{
    private const string LastPage = "21474836";

    private static async Task<JsonElement> PageAsync(ApiClient client, string url)
    {
        var response = await client.Http.GetAsync(url);
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Given_lists_with_rows_When_the_last_page_is_asked_for_Then_it_is_empty_page_1_still_has_the_rows_and_the_largest_int_is_refused()
    {
        // A booking and a started payment (a notification, a payment row for the admin) and an uploaded document (a timeline entry).
        using var patient = await host.SignedInAsync("yulia.mikhailova@demo.telemed.dev");
        var appointmentId = await BillingSteps.BookedVisitAsync(host, patient, daysAhead: 5);
        await (await patient.PostAsync($"/api/v1/appointments/{appointmentId}/payment")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await RecordsApi.UploadedAsync(patient, Encoding.ASCII.GetBytes("%PDF-1.4\n% page overflow\n"));
        await SchedulingApi.WaitForAsync(async () => (await PageAsync(patient, "/api/v1/me/notifications")).GetProperty("total").GetInt32() > 0 ? "ok" : null,
            TimeSpan.FromSeconds(30), "the booking's notification");
        using var admin = await host.SignedInAsync("admin@demo.telemed.dev");

        foreach (var (client, list) in new[]
                 {
                     (patient, "/api/v1/me/notifications?pageSize=100&page="), (patient, "/api/v1/me/record/timeline?pageSize=100&page="),
                     (admin, "/api/v1/admin/payments?page="), (admin, "/api/v1/admin/claims?page="),
                 })
        {
            var first = await PageAsync(client, list + "1");
            var last = await PageAsync(client, list + LastPage);
            last.GetProperty("items").GetArrayLength().ShouldBe(0, list);
            last.GetProperty("page").GetInt32().ShouldBe(Telemed.BuildingBlocks.Http.PageRequest.MaxPage, list);
            last.GetProperty("total").GetInt32().ShouldBe(first.GetProperty("total").GetInt32(), list);
            var beyond = await client.Http.GetAsync(list + "2147483647");
            await beyond.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
            (await beyond.ProblemCodeAsync()).ShouldBe("validation.failed", list);
        }

        (await PageAsync(patient, "/api/v1/me/notifications?page=1")).GetProperty("items").GetArrayLength().ShouldBeGreaterThan(0);
        (await PageAsync(patient, "/api/v1/me/record/timeline?page=1")).GetProperty("items").GetArrayLength().ShouldBeGreaterThan(0);
        (await PageAsync(admin, "/api/v1/admin/payments?page=1")).GetProperty("items").GetArrayLength().ShouldBeGreaterThan(0);
    }
}

[Collection("billing-sqlite")]
public sealed class PageOverflowScenariosOnSqlite(BillingSqliteHost host) : PageOverflowScenarios(host);

[Collection("billing-postgres")]
public sealed class PageOverflowScenariosOnPostgres(BillingPostgresHost host) : PageOverflowScenarios(host);
