using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios.Billing;

/// <summary>
/// The front desk's day showed each row's payment status with one <c>GET /appointments/{id}/payment</c> per row, and every visit without
/// a payment answered 404 (a clinic day of 24 visits: 24 requests, a console full of red). <c>GET /payments/statuses</c> answers a page's
/// statuses in one call, to the staff the single endpoint shows statuses to (front desk, admin), audited the same way.
/// </summary>
public abstract class PaymentStatusesScenarios(TelemedHost host)
{
    private const string Statuses = "/api/v1/payments/statuses";

    private static string Query(IEnumerable<Guid> ids) => $"{Statuses}?{string.Join('&', ids.Select(id => $"appointmentId={id}"))}";

    /// <summary>Books <paramref name="count"/> visits with Anna Petrova on distinct days well ahead (other billing scenarios use days 1–6).</summary>
    private static async Task<List<Guid>> BookAsync(TelemedHost host, ApiClient patient, int count)
    {
        using var doctor = await host.SignedInAsync("anna.petrova@demo.telemed.dev");
        var doctorId = await ConsultationsApi.DoctorIdAsync(doctor);
        var booked = new List<Guid>();
        for (var day = 8; booked.Count < count && day < 20; day++)
        {
            foreach (var slot in await SchedulingApi.SlotsAsync(patient, doctorId, SchedulingApi.Today(host).AddDays(day), 6))
            {
                var response = await SchedulingApi.BookAsync(patient, doctorId, slot);
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    booked.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
                    break;
                }
            }
        }

        booked.Count.ShouldBe(count, "free slots to book");
        return booked;
    }

    [Fact]
    public async Task Given_a_day_of_visits_When_the_front_desk_asks_their_payment_statuses_Then_one_call_answers_those_with_a_payment_and_nobody_else_may_ask()
    {
        using var patient = await host.SignedInAsync("daria.komarova@demo.telemed.dev");
        var visits = await BookAsync(host, patient, 2);
        var payments = new Dictionary<Guid, Guid>();
        foreach (var visit in visits)
        {
            // The booking's event creates the payment just after; the patient's own read waits for it.
            payments[visit] = (await PaymentScenarios.PaymentBecomesAsync(patient, visit, "awaitingPayment")).GetProperty("id").GetGuid();
        }

        var unknown = new[] { Guid.NewGuid(), Guid.NewGuid() };
        using var frontDesk = await host.SignedInAsync(SchedulingApi.FrontDesk);
        var answer = await frontDesk.Http.GetAsync(Query([.. visits, .. unknown, visits[0]]));
        await answer.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var statuses = (await answer.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()
            .Select(s => (Appointment: s.GetProperty("appointmentId").GetGuid(), Status: s.GetProperty("status").GetString())).ToList();
        statuses.OrderBy(s => s.Appointment).ShouldBe(visits.Select(v => (v, (string?)"awaitingPayment")).OrderBy(s => s.Item1),
            "each visit with a payment once; the unknown appointments are simply absent, not 404");
        (await (await frontDesk.Http.GetAsync(Query(unknown))).Content.ReadFromJsonAsync<JsonElement>()).GetArrayLength().ShouldBe(0);
        (await (await frontDesk.Http.GetAsync(Statuses)).Content.ReadFromJsonAsync<JsonElement>()).GetArrayLength().ShouldBe(0);

        using var admin = await host.SignedInAsync("admin@demo.telemed.dev");
        (await admin.GetJsonAsync<JsonElement>(Query(visits))).GetArrayLength().ShouldBe(2, "admins see statuses too, as on the single payment");

        // Whoever the single endpoint shows no other people's payments to may not ask here at all: the payer has their own payment page.
        using var doctor = await host.SignedInAsync("anna.petrova@demo.telemed.dev");
        using var stranger = await host.SignedInAsync("oliver.grant@demo.telemed.dev");
        using var pharmacist = await host.SignedInAsync("pharmacist@demo.telemed.dev");
        foreach (var (who, client) in new[] { ("the patient", patient), ("the doctor", doctor), ("another patient", stranger), ("a pharmacist", pharmacist) })
        {
            var refused = await client.Http.GetAsync(Query(visits));
            refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden, who);
            (await refused.ProblemCodeAsync()).ShouldBe("forbidden", who);
        }

        using var anonymous = host.CreateApiClient();
        (await anonymous.Http.GetAsync(Query(visits))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        // Each payment the front desk read is a phi.read by the front desk, as the single payment's read is.
        var frontDeskId = (await frontDesk.GetJsonAsync<JsonElement>("/api/v1/auth/session")).GetProperty("user").GetProperty("id").GetGuid();
        foreach (var paymentId in payments.Values)
        {
            var reads = await ReadsAsync(admin, paymentId, frontDeskId);
            reads.ShouldBeTrue($"a phi.read of payment {paymentId} by the front desk");
        }
    }

    [Fact]
    public async Task Given_too_many_or_malformed_ids_When_the_front_desk_asks_Then_it_is_400_ProblemDetails_with_a_stable_code()
    {
        using var frontDesk = await host.SignedInAsync(SchedulingApi.FrontDesk);
        var atLimit = await frontDesk.Http.GetAsync(Query(Enumerable.Range(0, 100).Select(_ => Guid.NewGuid())));
        await atLimit.ShouldHaveStatusAsync(HttpStatusCode.OK);

        var tooMany = await frontDesk.Http.GetAsync(Query(Enumerable.Range(0, 101).Select(_ => Guid.NewGuid())));
        tooMany.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        tooMany.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await tooMany.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("code").GetString().ShouldBe("validation.failed");
        problem.GetProperty("errors").TryGetProperty("appointmentId", out _).ShouldBeTrue();

        foreach (var bad in new[] { "appointmentId=not-a-guid", $"appointmentId={Guid.NewGuid()}&appointmentId=42" })
        {
            var refused = await frontDesk.Http.GetAsync($"{Statuses}?{bad}");
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest, bad);
            refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json", bad);
            (await refused.ProblemCodeAsync()).ShouldBe("request.invalid", bad);
        }
    }

    /// <summary>Audit entries are written as each request ends, so look a few times.</summary>
    private static async Task<bool> ReadsAsync(ApiClient admin, Guid paymentId, Guid actorId)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var page = await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/audit?action=phi.read&recordId={paymentId}&pageSize=100");
            if (page.GetProperty("items").EnumerateArray().Any(e => e.GetProperty("actorId").ValueKind == JsonValueKind.String && e.GetProperty("actorId").GetGuid() == actorId))
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }
}

[Collection("billing-sqlite")]
public sealed class PaymentStatusesScenariosOnSqlite(BillingSqliteHost host) : PaymentStatusesScenarios(host);

[Collection("billing-postgres")]
public sealed class PaymentStatusesScenariosOnPostgres(BillingPostgresHost host) : PaymentStatusesScenarios(host);
