using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;
using static Telemed.IntegrationTests.Infrastructure.ConsultationsApi;

namespace Telemed.IntegrationTests.Scenarios.Billing;

/// <summary>
/// An insurance claim after the claimed payment is refunded. The live walk found a claim drafted for 25,000, 21,100 refunded, and the
/// claim submitted, accepted and paid for the full 25,000: nothing reacted to the refund. A draft now claims what the payment nets, a
/// fully refunded draft is removed, and a claim already submitted keeps what the insurer was sent and says in its note what to correct.
/// </summary>
public abstract class ClaimRefundScenarios(TelemedHost host)
{
    private const string DoctorEmail = "anna.petrova@demo.telemed.dev";

    /// <summary>A visit of <paramref name="email"/> (who has an insurer on record) paid by card and completed: its captured payment's id and amount.</summary>
    private async Task<(Guid PaymentId, long Captured)> PaidVisitAsync(string email, int daysAhead)
    {
        using var patient = await host.SignedInAsync(email);
        var appointmentId = await BillingSteps.BookedVisitAsync(host, patient, daysAhead);
        await PaymentScenarios.PaymentBecomesAsync(patient, appointmentId, "awaitingPayment");
        (await PaymentScenarios.PayAsync(patient, appointmentId, "4242 4242 4242 4242")).GetProperty("status").GetString().ShouldBe("authorised");
        var start = (await patient.GetJsonAsync<JsonElement>($"/api/v1/scheduling/appointments/{appointmentId}")).GetProperty("start").GetDateTime().ToUniversalTime();
        host.Clock.Advance(start.AddMinutes(-5) - host.Clock.GetUtcNow().UtcDateTime);
        using var visiting = await host.SignedInAsync(email);
        using var doctor = await host.SignedInAsync(DoctorEmail);
        var admission = await EnterAsync(visiting, appointmentId, Complaint(["head"], 3, "days", [], "Headache"));
        var consultationId = admission.GetProperty("consultation").GetProperty("id").GetGuid();
        await (await doctor.PostAsync($"/api/v1/consultations/{consultationId}/accept")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        host.Clock.Advance(TimeSpan.FromMinutes(9));
        await (await doctor.PostAsync($"/api/v1/consultations/{consultationId}/end")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        using var payer = await host.SignedInAsync(email);
        var captured = await PaymentScenarios.PaymentBecomesAsync(payer, appointmentId, "captured");
        return (captured.GetProperty("id").GetGuid(), captured.GetProperty("captured").GetProperty("amountMinor").GetInt64());
    }

    private static async Task<JsonElement?> ClaimAsync(ApiClient admin, Guid paymentId)
    {
        var page = await admin.GetJsonAsync<JsonElement>("/api/v1/admin/claims");
        return page.GetProperty("items").EnumerateArray().Where(c => c.GetProperty("paymentId").GetGuid() == paymentId).Select(c => (JsonElement?)c).SingleOrDefault();
    }

    private static async Task<JsonElement?> ClaimBecomesAsync(ApiClient admin, Guid paymentId, Func<JsonElement?, bool> done, string what)
    {
        JsonElement? last = null;
        for (var attempt = 0; attempt < 200; attempt++)
        {
            last = await ClaimAsync(admin, paymentId);
            if (done(last))
            {
                return last;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"The claim did not become {what} in 20 s (last: {last?.ToString() ?? "none"}).");
    }

    private static async Task RefundAsync(ApiClient admin, Guid paymentId, long amountMinor) =>
        await (await admin.PostAsync($"/api/v1/admin/payments/{paymentId}/refund", new { amountMinor, reason = "Goodwill" })).ShouldHaveStatusAsync(HttpStatusCode.OK);

    [Fact]
    public async Task Given_a_claimed_visit_When_it_is_refunded_before_and_after_the_claim_is_submitted_Then_the_draft_claims_the_net_and_the_submitted_claim_is_flagged()
    {
        var (paymentId, captured) = await PaidVisitAsync("grigory.tarasov@demo.telemed.dev", daysAhead: 3);
        captured.ShouldBeGreaterThan(300);
        using var admin = host.CreateApiClient();
        await admin.SignInAsAdminAsync();
        var draft = await ClaimBecomesAsync(admin, paymentId, c => c is not null, "drafted");
        draft!.Value.GetProperty("amountMinor").GetInt64().ShouldBe(captured);

        // Refunded while a draft: the draft claims what the payment nets (it kept the full amount).
        await RefundAsync(admin, paymentId, 200);
        var corrected = await ClaimBecomesAsync(admin, paymentId, c => c?.GetProperty("amountMinor").GetInt64() == captured - 200, "corrected");
        corrected!.Value.GetProperty("status").GetString().ShouldBe("draft");

        // Refunded once submitted: the amount the insurer was sent stays, and the note tells the billing office what to correct.
        var claimId = corrected.Value.GetProperty("id").GetGuid();
        await (await admin.PostAsync($"/api/v1/admin/claims/{claimId}/status", new { status = "submitted", note = "Sent 1 Dec" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await RefundAsync(admin, paymentId, 100);
        var flagged = await ClaimBecomesAsync(admin, paymentId, c => c?.GetProperty("note").GetString()?.StartsWith("Refunded after submission", StringComparison.Ordinal) == true,
            "flagged");
        flagged!.Value.GetProperty("status").GetString().ShouldBe("submitted");
        flagged.Value.GetProperty("amountMinor").GetInt64().ShouldBe(captured - 200);
        var note = flagged.Value.GetProperty("note").GetString()!;
        note.ShouldContain($"nets {captured - 300}");
        note.ShouldContain("Sent 1 Dec");
    }

    [Fact]
    public async Task Given_a_draft_claim_When_the_whole_payment_is_refunded_Then_nothing_is_left_to_claim_and_the_draft_is_gone()
    {
        var (paymentId, captured) = await PaidVisitAsync("emily.watson@demo.telemed.dev", daysAhead: 5);
        using var admin = host.CreateApiClient();
        await admin.SignInAsAdminAsync();
        await ClaimBecomesAsync(admin, paymentId, c => c is not null, "drafted");
        await RefundAsync(admin, paymentId, captured);
        await ClaimBecomesAsync(admin, paymentId, c => c is null, "removed");
    }
}

[Collection("billing-sqlite")]
public sealed class ClaimRefundScenariosOnSqlite(BillingSqliteHost host) : ClaimRefundScenarios(host);

[Collection("billing-postgres")]
public sealed class ClaimRefundScenariosOnPostgres(BillingPostgresHost host) : ClaimRefundScenarios(host);
