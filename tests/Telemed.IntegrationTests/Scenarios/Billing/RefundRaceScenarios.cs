using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Results;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.Modules.Billing.Infrastructure;
using Telemed.Modules.Billing.Payments;
using Telemed.Modules.Billing.Payments.Gateways;
using Telemed.Modules.Billing.Payments.Gateways.Sandbox;
using Telemed.Modules.Billing.Payments.Settlement;
using static Telemed.IntegrationTests.Infrastructure.ConsultationsApi;

namespace Telemed.IntegrationTests.Scenarios.Billing;

/// <summary>
/// An administrator's refund whose payment row changes between the gateway's refund and the save (ADR 0015): the money went back,
/// so the ledger records it, once, against the payment as it is now. The change is made where it happens in production, between the
/// two steps, by a gateway that changes the payment row through another connection (another refund recorded meanwhile, or the same
/// request arriving again) before or after it refunds at the sandbox.
/// </summary>
public abstract class RefundRaceScenarios(RefundRaceHost host)
{
    private const string DoctorEmail = "anna.petrova@demo.telemed.dev";

    private sealed record Captured(Guid PaymentId, string IntentId, long CapturedMinor, Guid AppointmentId);

    /// <summary>A booked visit of <paramref name="patientEmail"/>, paid with a test card and captured as if the visit had taken place.</summary>
    private async Task<Captured> CapturedPaymentAsync(string patientEmail, int daysAhead)
    {
        using var doctor = await host.SignedInAsync(DoctorEmail);
        var doctorId = await DoctorIdAsync(doctor);
        using var patient = await host.SignedInAsync(patientEmail);
        Guid? appointmentId = null;
        foreach (var slot in await SchedulingApi.SlotsAsync(patient, doctorId, SchedulingApi.Today(host).AddDays(daysAhead), 6))
        {
            var booked = await SchedulingApi.BookAsync(patient, doctorId, slot);
            if (booked.StatusCode == HttpStatusCode.Created)
            {
                appointmentId = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
                break;
            }
        }

        appointmentId.ShouldNotBeNull("a free slot to book");
        await PaymentScenarios.PaymentBecomesAsync(patient, appointmentId.Value, "awaitingPayment");
        (await PaymentScenarios.PayAsync(patient, appointmentId.Value, "4242 4242 4242 4242")).GetProperty("status").GetString().ShouldBe("authorised");
        using (var scope = host.Services.CreateScope())
        {
            var now = DateTime.UtcNow;
            await scope.ServiceProvider.GetRequiredService<PaymentSettlement>().VisitCompletedAsync(appointmentId.Value, now.AddMinutes(-20), now, default);
        }

        var payment = await PaymentScenarios.PaymentBecomesAsync(patient, appointmentId.Value, "captured");
        var stored = await StoredAsync(payment.GetProperty("id").GetGuid());
        return new Captured(stored.Id, stored.IntentId!, stored.CapturedMinor, appointmentId.Value);
    }

    /// <summary>The payment and its movements as stored now, read through a connection of its own.</summary>
    private async Task<Payment> StoredAsync(Guid paymentId)
    {
        using var scope = host.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<BillingDbContext>().Payments.AsNoTracking().Include(p => p.Movements).SingleAsync(p => p.Id == paymentId);
    }

    /// <summary>Records a refund on the stored payment through a connection of its own, as another request would.</summary>
    private async Task RecordMeanwhileAsync(Guid paymentId, long amountMinor, string refundId)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BillingDbContext>();
        var payment = await db.Payments.Include(p => p.Movements).SingleAsync(p => p.Id == paymentId);
        payment.Refund(amountMinor, SettlementReasons.RefundedByAdmin, refundId, DateTime.UtcNow).IsSuccess.ShouldBeTrue();
        await db.SaveChangesAsync();
    }

    private static IEnumerable<PaymentMovement> Refunds(Payment payment) => payment.Movements.Where(m => m.Type == "refunded");

    [Fact]
    public async Task Given_a_captured_payment_When_another_refund_is_recorded_between_the_gateways_refund_and_the_save_Then_both_are_in_the_ledger_once_and_the_admin_gets_200()
    {
        var payment = await CapturedPaymentAsync("ivan.kuznetsov@demo.telemed.dev", daysAhead: 1);
        using var admin = host.CreateApiClient();
        await admin.SignInAsAdminAsync();

        // Another administrator's refund of 30, made at the gateway under its own key and recorded, lands while ours is at the gateway.
        string? otherRefundId = null;
        host.Gateway.BeforeNextRefund = async intentId =>
        {
            var other = await host.Sandbox.RefundAsync(intentId, 30, $"test:{payment.PaymentId:N}:meanwhile", default);
            otherRefundId = other.Value.RefundId;
            await RecordMeanwhileAsync(payment.PaymentId, 30, otherRefundId);
        };
        var response = await admin.PostAsync($"/api/v1/admin/payments/{payment.PaymentId}/refund", new { amountMinor = 100, reason = "Goodwill" });

        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        host.Gateway.BeforeNextRefund.ShouldBeNull("the payment changed between the gateway's refund and the save");
        var view = await response.Content.ReadFromJsonAsync<JsonElement>();
        view.GetProperty("status").GetString().ShouldBe("partiallyRefunded");
        view.GetProperty("refunded").GetProperty("amountMinor").GetInt64().ShouldBe(130);
        var stored = await StoredAsync(payment.PaymentId);
        stored.RefundedMinor.ShouldBe(130);
        var refunds = Refunds(stored).ToList();
        refunds.Count.ShouldBe(2);
        refunds.ShouldContain(m => m.GatewayReference == otherRefundId && m.AmountMinor == 30);
        var ours = refunds.Single(m => m.GatewayReference != otherRefundId);
        ours.AmountMinor.ShouldBe(100);
        ours.GatewayReference!.ShouldStartWith("re_sbx_");
    }

    [Fact]
    public async Task Given_a_captured_payment_When_the_same_refund_request_arrives_again_while_the_first_is_at_the_gateway_Then_both_get_200_and_the_ledger_has_it_once()
    {
        var payment = await CapturedPaymentAsync("mikhail.vasiliev@demo.telemed.dev", daysAhead: 2);
        using var admin = host.CreateApiClient();
        await admin.SignInAsAdminAsync();
        var request = new { amountMinor = 100, reason = "Goodwill" };

        // A double click: the second request reaches the gateway with the same key (the same refund, replayed) and is saved first.
        HttpResponseMessage? second = null;
        host.Gateway.AfterNextRefund = async () => second = await admin.PostAsync($"/api/v1/admin/payments/{payment.PaymentId}/refund", request);
        var first = await admin.PostAsync($"/api/v1/admin/payments/{payment.PaymentId}/refund", request);

        second.ShouldNotBeNull();
        await second.ShouldHaveStatusAsync(HttpStatusCode.OK);
        await first.ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("refunded").GetProperty("amountMinor").GetInt64().ShouldBe(100);
        var stored = await StoredAsync(payment.PaymentId);
        stored.RefundedMinor.ShouldBe(100);
        stored.Status.ShouldBe(PaymentStatus.PartiallyRefunded);
        Refunds(stored).Select(m => m.AmountMinor).ShouldBe([100L]);
    }

    [Fact]
    public async Task Given_two_administrators_refunding_the_same_amount_at_once_with_keys_of_their_own_When_each_sends_again_after_losing_the_answer_Then_the_money_goes_back_once()
    {
        var payment = await CapturedPaymentAsync("oliver.grant@demo.telemed.dev", daysAhead: 7);
        using var first = host.CreateApiClient();
        await first.SignInAsAdminAsync();
        using var second = host.CreateApiClient();
        await second.SignInAsAdminAsync();
        var (firstKey, secondKey) = (Guid.NewGuid().ToString(), Guid.NewGuid().ToString());

        // The second administrator's request reaches the gateway from the same state while the first one's refund is made but not yet
        // saved: the gateway answers both with one refund, and the second is saved first, so the first finds it in the ledger.
        HttpResponseMessage? secondAnswer = null;
        host.Gateway.AfterNextRefund = async () => secondAnswer = await RefundWithKeyAsync(second, payment.PaymentId, 100, secondKey);
        var firstAnswer = await RefundWithKeyAsync(first, payment.PaymentId, 100, firstKey);

        secondAnswer.ShouldNotBeNull();
        await secondAnswer.ShouldHaveStatusAsync(HttpStatusCode.OK);
        await firstAnswer.ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await GatewayRefundedAsync(payment.IntentId)).ShouldBe(100);

        // Both answers were lost: each administrator's browser sends its request again, twice.
        for (var retry = 0; retry < 2; retry++)
        {
            foreach (var (admin, key) in new[] { (first, firstKey), (second, secondKey) })
            {
                var again = await RefundWithKeyAsync(admin, payment.PaymentId, 100, key);
                await again.ShouldHaveStatusAsync(HttpStatusCode.OK);
                (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("refunded").GetProperty("amountMinor").GetInt64().ShouldBe(100);
            }
        }

        (await GatewayRefundedAsync(payment.IntentId)).ShouldBe(100);
        var stored = await StoredAsync(payment.PaymentId);
        stored.RefundedMinor.ShouldBe(100);
        Refunds(stored).Select(m => m.AmountMinor).ShouldBe([100L]);

        // A new key is a new request: the next refund is made.
        await (await RefundWithKeyAsync(first, payment.PaymentId, 100, Guid.NewGuid().ToString())).ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await GatewayRefundedAsync(payment.IntentId)).ShouldBe(200);
    }

    [Fact]
    public async Task Given_a_captured_payment_When_the_ledger_has_less_left_than_the_gateway_refunded_Then_the_admin_gets_409_refund_not_recorded_and_an_operator_a_log_line()
    {
        var payment = await CapturedPaymentAsync("tatiana.golubeva@demo.telemed.dev", daysAhead: 3);
        using var admin = host.CreateApiClient();
        await admin.SignInAsAdminAsync();

        // A refund recorded meanwhile that leaves 50 in the ledger (one the gateway never saw): ours of 100 cannot fit any more.
        host.Gateway.BeforeNextRefund = _ => RecordMeanwhileAsync(payment.PaymentId, payment.CapturedMinor - 50, "re_booked_by_hand");
        var response = await admin.PostAsync($"/api/v1/admin/payments/{payment.PaymentId}/refund", new { amountMinor = 100, reason = "Goodwill" });

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.ProblemCodeAsync()).ShouldBe("billing.refund_not_recorded");
        var stored = await StoredAsync(payment.PaymentId);
        stored.RefundedMinor.ShouldBe(payment.CapturedMinor - 50);
        Refunds(stored).Select(m => m.GatewayReference).ShouldBe(["re_booked_by_hand"]);
        host.Logs.ShouldContain(l => l.StartsWith("Error ", StringComparison.Ordinal) && l.Contains(payment.PaymentId.ToString(), StringComparison.Ordinal)
            && l.Contains("could not be recorded", StringComparison.Ordinal));

        // The trail says the refund was not recorded, and nothing else: the first attempt's success went with its failed save.
        var outcomes = new List<string>();
        for (var attempt = 0; attempt < 20 && outcomes.Count == 0; attempt++)
        {
            var page = await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/audit?action=payment.refunded&recordId={payment.PaymentId}&pageSize=50");
            outcomes = [.. page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("outcome").GetString()!.ToLowerInvariant())];
            if (outcomes.Count == 0)
            {
                await Task.Delay(250);
            }
        }

        outcomes.ShouldBe(["failure"]);
    }

    /// <summary>What the gateway refunded on the intent, read from the sandbox's own books.</summary>
    private async Task<long> GatewayRefundedAsync(string intentId)
    {
        using var scope = host.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<BillingDbContext>().SandboxIntents.AsNoTracking().SingleAsync(i => i.Id == intentId)).AmountRefundedMinor;
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

    [Fact]
    public async Task Given_a_refund_with_an_Idempotency_Key_When_it_is_sent_again_after_its_answer_was_lost_or_after_a_crash_before_the_save_Then_the_money_goes_back_once()
    {
        var payment = await CapturedPaymentAsync("andrei.semenov@demo.telemed.dev", daysAhead: 4);
        using var admin = host.CreateApiClient();
        await admin.SignInAsAdminAsync();

        // The first answer is lost (the admin's network), the browser sends the same request again: one refund, both answers 200.
        var key = Guid.NewGuid().ToString();
        await (await RefundWithKeyAsync(admin, payment.PaymentId, 100, key)).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var again = await RefundWithKeyAsync(admin, payment.PaymentId, 100, key);
        await again.ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("refunded").GetProperty("amountMinor").GetInt64().ShouldBe(100);
        (await StoredAsync(payment.PaymentId)).RefundedMinor.ShouldBe(100);
        (await GatewayRefundedAsync(payment.IntentId)).ShouldBe(100);

        // The same key for another amount is not a retry of that refund.
        var reused = await RefundWithKeyAsync(admin, payment.PaymentId, 200, key);
        reused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await reused.ProblemCodeAsync()).ShouldBe("idempotency.key_reused");
        var tooLong = await RefundWithKeyAsync(admin, payment.PaymentId, 100, new string('k', 101));
        tooLong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await tooLong.ProblemCodeAsync()).ShouldBe("idempotency.key_invalid");

        // The rest, whose request dies after the gateway refunded and before the save (a crash, a lost connection): the retry with its
        // key gets the gateway's refund replayed and records it; it is not made a second time, and the retry of a full refund is no 409.
        var rest = payment.CapturedMinor - 100;
        var restKey = Guid.NewGuid().ToString();
        host.Gateway.AfterNextRefund = () => throw new OperationCanceledException("the request died after the gateway's refund");
        try
        {
            await RefundWithKeyAsync(admin, payment.PaymentId, rest, restKey);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            // The test server may pass the request's death on to the client.
        }

        (await GatewayRefundedAsync(payment.IntentId)).ShouldBe(payment.CapturedMinor);
        (await StoredAsync(payment.PaymentId)).RefundedMinor.ShouldBe(100);
        for (var retry = 0; retry < 2; retry++)
        {
            var retried = await RefundWithKeyAsync(admin, payment.PaymentId, rest, restKey);
            await retried.ShouldHaveStatusAsync(HttpStatusCode.OK);
            (await retried.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().ShouldBe("refunded");
        }

        var stored = await StoredAsync(payment.PaymentId);
        stored.RefundedMinor.ShouldBe(payment.CapturedMinor);
        Refunds(stored).Select(m => m.AmountMinor).ShouldBe([100L, rest], ignoreOrder: true);
        (await GatewayRefundedAsync(payment.IntentId)).ShouldBe(payment.CapturedMinor);

        // The patient is told of each refund once, with its amount; the retries sent no notice of their own.
        using (var patient = await host.SignedInAsync("andrei.semenov@demo.telemed.dev"))
        {
            List<string> notices = [];
            for (var attempt = 0; attempt < 100 && notices.Count < 2; attempt++)
            {
                var page = await patient.GetJsonAsync<JsonElement>("/api/v1/me/notifications?pageSize=100");
                notices = [.. page.GetProperty("items").EnumerateArray().Where(n => n.GetProperty("kind").GetString() == "payment_refunded"
                    && n.GetProperty("link").GetString()!.EndsWith(payment.AppointmentId.ToString(), StringComparison.Ordinal)).Select(n => n.GetProperty("title").GetString()!)];
                await Task.Delay(notices.Count < 2 ? 100 : 0);
            }

            await Task.Delay(500);
            var final = (await patient.GetJsonAsync<JsonElement>("/api/v1/me/notifications?pageSize=100")).GetProperty("items").EnumerateArray()
                .Count(n => n.GetProperty("kind").GetString() == "payment_refunded" && n.GetProperty("link").GetString()!.EndsWith(payment.AppointmentId.ToString(), StringComparison.Ordinal));
            final.ShouldBe(2);
            notices.ShouldContain(t => t.Contains("1.00 RUB", StringComparison.Ordinal) || t.Contains("1,00 RUB", StringComparison.Ordinal));
        }

        // Without a key a refund is still made (the API's callers that send none).
        var other = await CapturedPaymentAsync("andrei.semenov@demo.telemed.dev", daysAhead: 5);
        await (await admin.PostAsync($"/api/v1/admin/payments/{other.PaymentId}/refund", new { amountMinor = 100, reason = "Goodwill" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await StoredAsync(other.PaymentId)).RefundedMinor.ShouldBe(100);
    }

    [Fact]
    public async Task Given_a_captured_payment_When_a_doctor_the_front_desk_a_patient_or_an_anonymous_caller_asks_for_its_refund_Then_each_is_refused_with_a_problem_and_the_refusal_is_audited()
    {
        var payment = await CapturedPaymentAsync("oliver.grant@demo.telemed.dev", daysAhead: 6);
        var since = DateTime.UtcNow.AddSeconds(-1);
        var path = $"/api/v1/admin/payments/{payment.PaymentId}/refund";
        var refusals = new List<(string Who, Guid? ActorId)>();
        foreach (var email in new[] { DoctorEmail, SchedulingApi.FrontDesk, "oliver.grant@demo.telemed.dev" })
        {
            using var caller = await host.SignedInAsync(email);
            var me = (await caller.GetJsonAsync<JsonElement>("/api/v1/auth/session")).GetProperty("user").GetProperty("id").GetGuid();
            var refused = await caller.PostAsync(path, new { amountMinor = 100, reason = "Goodwill" });
            refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden, email);
            refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            (await refused.ProblemCodeAsync()).ShouldBe("forbidden", email);
            refusals.Add((email, me));
        }

        using (var anonymous = host.CreateApiClient())
        {
            await anonymous.Http.GetAsync("/api/v1/auth/session");
            var refused = await anonymous.PostAsync(path, new { amountMinor = 100, reason = "Goodwill" });
            refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            (await refused.ProblemCodeAsync()).ShouldBe("auth.required");
            refusals.Add(("anonymous", null));
        }

        (await StoredAsync(payment.PaymentId)).RefundedMinor.ShouldBe(0);
        using var admin = host.CreateApiClient();
        await admin.SignInAsAdminAsync();
        // The payment is the record each refusal names (an opaque id), the endpoint and the role it needed are the reason.
        var trail = await admin.GetJsonAsync<JsonElement>(
            $"/api/v1/admin/audit?action=access.denied&recordType=RequestedRecord&recordId={payment.PaymentId}&from={since:yyyy-MM-ddTHH:mm:ssZ}&pageSize=100");
        var denied = trail.GetProperty("items").EnumerateArray()
            .Where(e => e.GetProperty("reason").GetString()!.Contains("POST /api/v1/admin/payments/{id:guid}/refund", StringComparison.Ordinal)).ToList();
        denied.ShouldAllBe(e => e.GetProperty("outcome").GetString()!.Equals("denied", StringComparison.OrdinalIgnoreCase));
        foreach (var (who, actorId) in refusals)
        {
            denied.ShouldContain(e => (actorId == null ? e.GetProperty("actorId").ValueKind == JsonValueKind.Null : e.GetProperty("actorId").GetString() == actorId.ToString())
                && e.GetProperty("reason").GetString()!.Contains("Admin", StringComparison.Ordinal), who);
        }
    }
}

/// <summary>
/// The sandbox gateway with a hook on the next refund: <see cref="BeforeNextRefund"/> runs before the sandbox refunds (given the intent
/// id), <see cref="AfterNextRefund"/> after it answered and before the caller records it. Each runs once, then clears itself.
/// </summary>
public sealed class InterleavingGateway(IServiceProvider services) : IPaymentGateway
{
    private SandboxGateway Inner => services.GetRequiredService<SandboxGateway>();

    private Func<string, Task>? _before;
    private Func<Task>? _after;

    public Func<string, Task>? BeforeNextRefund { get => _before; set => _before = value; }

    public Func<Task>? AfterNextRefund { get => _after; set => _after = value; }

    public string Name => Inner.Name;

    public string? PublishableKey => Inner.PublishableKey;

    public Task<Result<GatewayIntent>> CreateIntentAsync(CreateIntentRequest request, string idempotencyKey, CancellationToken cancellationToken) =>
        Inner.CreateIntentAsync(request, idempotencyKey, cancellationToken);

    public Task<Result<GatewayIntent>> GetIntentAsync(string intentId, CancellationToken cancellationToken) => Inner.GetIntentAsync(intentId, cancellationToken);

    public Task<Result<GatewayIntent>> CaptureAsync(string intentId, long amountMinor, string idempotencyKey, CancellationToken cancellationToken) =>
        Inner.CaptureAsync(intentId, amountMinor, idempotencyKey, cancellationToken);

    public Task<Result<GatewayIntent>> CancelAsync(string intentId, string idempotencyKey, CancellationToken cancellationToken) =>
        Inner.CancelAsync(intentId, idempotencyKey, cancellationToken);

    public async Task<Result<GatewayRefund>> RefundAsync(string intentId, long amountMinor, string idempotencyKey, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _before, null) is { } before)
        {
            await before(intentId);
        }

        var refund = await Inner.RefundAsync(intentId, amountMinor, idempotencyKey, cancellationToken);
        if (Interlocked.Exchange(ref _after, null) is { } after)
        {
            await after();
        }

        return refund;
    }
}

/// <summary>A billing host whose payment gateway is the sandbox behind <see cref="InterleavingGateway"/>.</summary>
public abstract class RefundRaceHost(DatabaseProvider provider)
    : TelemedHost(provider, new Dictionary<string, string?> { ["Consultations:WorkerIntervalMilliseconds"] = "100" })
{
    public InterleavingGateway Gateway => Services.GetRequiredService<InterleavingGateway>();

    internal SandboxGateway Sandbox => Services.GetRequiredService<SandboxGateway>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<InterleavingGateway>();
            services.AddSingleton<IPaymentGateway>(sp => sp.GetRequiredService<InterleavingGateway>());
        });
    }
}

public sealed class RefundRaceSqliteHost() : RefundRaceHost(DatabaseProvider.Sqlite);

public sealed class RefundRacePostgresHost() : RefundRaceHost(DatabaseProvider.Postgres);

[Collection("billing-refund-race-sqlite")]
public sealed class RefundRaceScenariosOnSqlite(RefundRaceSqliteHost host) : RefundRaceScenarios(host);

[Collection("billing-refund-race-postgres")]
public sealed class RefundRaceScenariosOnPostgres(RefundRacePostgresHost host) : RefundRaceScenarios(host);

[CollectionDefinition("billing-refund-race-sqlite")]
public sealed class RefundRaceSqliteCollection : ICollectionFixture<RefundRaceSqliteHost>;

[CollectionDefinition("billing-refund-race-postgres")]
public sealed class RefundRacePostgresCollection : ICollectionFixture<RefundRacePostgresHost>;
