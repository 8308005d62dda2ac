using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios.Billing;

/// <summary>
/// The admin's payment list is newest first by when each payment was made; its first column showed when it last changed
/// (<c>updatedAt</c>), so a payment refunded today sat among last week's under a later date than the rows above it. Each item now
/// carries <c>createdAt</c>, the order it is listed in, with the id breaking ties (a page boundary never splits payments made in the
/// same instant differently from one request to the next), and indexes serve that order for all clinics and for one (migration 0010).
/// </summary>
public abstract class PaymentListOrderScenarios(TelemedHost host)
{
    [Fact]
    public async Task Given_payments_made_in_the_same_instant_When_the_admin_lists_them_Then_each_shows_when_it_was_made_newest_first_ties_by_id_from_an_index()
    {
        using var patient = await host.SignedInAsync("roman.fedorov@demo.telemed.dev");
        var ours = new List<Guid>();
        for (var day = 9; day <= 12; day++)
        {
            var appointmentId = await BillingSteps.BookedVisitAsync(host, patient, daysAhead: day);
            var started = await patient.PostAsync($"/api/v1/appointments/{appointmentId}/payment");
            await started.ShouldHaveStatusAsync(HttpStatusCode.OK);
            ours.Add((await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        }

        // The four made in one instant, as a batch of bookings makes them: only the id can order them.
        var db = new RawDatabase(host);
        var payments = db.Table("billing", "payments");
        string Id(Guid id) => db.IsPostgres ? id.ToString() : id.ToString().ToUpperInvariant();
        await using (var connection = await db.OpenAsync())
        {
            var others = string.Join(", ", ours.Skip(1).Select(id => $"'{Id(id)}'"));
            (await RawDatabase.ExecuteAsync(connection,
                $"UPDATE {payments} SET \"CreatedAt\" = (SELECT p.\"CreatedAt\" FROM {payments} p WHERE p.\"Id\" = '{Id(ours[0])}') WHERE \"Id\" IN ({others})")).ShouldBe(3);
        }

        using var admin = await host.SignedInAsync("admin@demo.telemed.dev");
        var clinic = await ClinicOfAsync(admin, ours[0]);
        foreach (var query in new[] { "", $"?clinicId={clinic}" })
        {
            var items = (await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/payments{query}")).GetProperty("items").EnumerateArray()
                .Select(p => (Id: p.GetProperty("id").GetGuid(), Created: p.GetProperty("createdAt").GetDateTime().ToUniversalTime())).ToList();
            items.Count.ShouldBeGreaterThanOrEqualTo(4, query);
            for (var i = 1; i < items.Count; i++)
            {
                var (before, after) = (items[i - 1], items[i]);
                (before.Created > after.Created || (before.Created == after.Created && string.CompareOrdinal(before.Id.ToString(), after.Id.ToString()) > 0))
                    .ShouldBeTrue($"{query}: row {i - 1} ({before.Created:O}, {before.Id}) is listed before row {i} ({after.Created:O}, {after.Id})");
            }

            items.Where(p => ours.Contains(p.Id)).Select(p => p.Id).ShouldBe(ours.OrderByDescending(id => id.ToString(), StringComparer.Ordinal), query);
        }

        // The order comes from an index, unfiltered and per clinic, not from sorting every payment for each page.
        await using (var connection = await db.OpenAsync())
        {
            foreach (var where in new[] { "", $"WHERE \"ClinicId\" = '{Id(clinic)}' " })
            {
                var select = $"SELECT * FROM {payments} {where}ORDER BY \"CreatedAt\" DESC, \"Id\" DESC LIMIT 50 OFFSET 50";
                List<string> plan;
                if (db.IsPostgres)
                {
                    // With sorting and whole-table scans priced out, a plan still sorts only when no index has the order.
                    await RawDatabase.ExecuteAsync(connection, "SET enable_sort = off; SET enable_seqscan = off");
                    plan = await RawDatabase.RowsAsync(connection, $"EXPLAIN {select}");
                    string.Join("\n", plan).ShouldNotContain("Sort", customMessage: $"{select}:\n{string.Join("\n", plan)}");
                }
                else
                {
                    plan = await RawDatabase.RowsAsync(connection, $"EXPLAIN QUERY PLAN {select}");
                    string.Join("\n", plan).ShouldNotContain("TEMP B-TREE", customMessage: $"{select}:\n{string.Join("\n", plan)}");
                }

                string.Join("\n", plan).ShouldContain("CreatedAt_Id", customMessage: $"{select}:\n{string.Join("\n", plan)}");
            }
        }
    }

    /// <summary>The clinic of a payment, from the payment list (an admin sees every clinic's).</summary>
    private static async Task<Guid> ClinicOfAsync(ApiClient admin, Guid paymentId)
    {
        var clinics = await admin.GetJsonAsync<JsonElement>("/api/v1/clinics");
        foreach (var clinic in clinics.EnumerateArray())
        {
            var id = clinic.GetProperty("id").GetGuid();
            var page = await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/payments?clinicId={id}");
            if (page.GetProperty("items").EnumerateArray().Any(p => p.GetProperty("id").GetGuid() == paymentId))
            {
                return id;
            }
        }

        throw new InvalidOperationException("The payment is listed under no clinic.");
    }
}

[Collection("billing-sqlite")]
public sealed class PaymentListOrderScenariosOnSqlite(BillingSqliteHost host) : PaymentListOrderScenarios(host);

[Collection("billing-postgres")]
public sealed class PaymentListOrderScenariosOnPostgres(BillingPostgresHost host) : PaymentListOrderScenarios(host);
