using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.IntegrationTests.Scenarios.Recovery;

namespace Telemed.IntegrationTests.Scenarios.Billing;

/// <summary>
/// A late cancellation's fee and an administrator's refund of part of it, as the patient and the administrator read them. The refund
/// replaced the payment's settlement reason, so the patient's panel said "Refunded by the clinic" where it should have said what the
/// money was taken for (the fee); the settlement now stays the charge's, and each refund is listed apart with its own reason.
/// </summary>
public abstract class FeeRefundScenarios(TelemedHost host)
{
    private const string DoctorEmail = "anna.petrova@demo.telemed.dev";

    /// <summary>A paid (authorised) visit of <paramref name="patientEmail"/> with Anna Petrova, cancelled by the patient inside the cutoff: the fee is captured.</summary>
    internal static async Task<(Guid AppointmentId, JsonElement Payment)> LateCancelledAsync(TelemedHost host, string patientEmail, int daysAhead)
    {
        using var doctor = await host.SignedInAsync(DoctorEmail);
        var doctorId = await ConsultationsApi.DoctorIdAsync(doctor);
        using var patient = await host.SignedInAsync(patientEmail);
        (Guid Id, SlotInfo Slot)? booked = null;
        foreach (var slot in await SchedulingApi.SlotsAsync(patient, doctorId, SchedulingApi.Today(host).AddDays(daysAhead), 6))
        {
            var response = await SchedulingApi.BookAsync(patient, doctorId, slot);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                booked = ((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), slot);
                break;
            }
        }

        booked.ShouldNotBeNull("a free slot to book");
        var (appointmentId, booking) = booked.Value;
        await PaymentScenarios.PaymentBecomesAsync(patient, appointmentId, "awaitingPayment");
        var authorised = await PaymentScenarios.PayAsync(patient, appointmentId, "4242 4242 4242 4242");
        authorised.GetProperty("status").GetString().ShouldBe("authorised");
        // What the patient is told a late cancellation costs before cancelling (the clinic's default: 50 % of the quote).
        var quote = authorised.GetProperty("quote").GetProperty("amountMinor").GetInt64();
        var announced = authorised.GetProperty("lateCancellationFee").GetProperty("amountMinor").GetInt64();
        announced.ShouldBe((long)Math.Round(quote * 0.5m, MidpointRounding.AwayFromZero));

        // Two hours before the visit: inside every clinic's cutoff. The host's clock only moves forward (other scenarios share it).
        var twoHoursBefore = booking.Start.AddHours(-2) - host.Clock.GetUtcNow().UtcDateTime;
        if (twoHoursBefore > TimeSpan.Zero)
        {
            host.Clock.Advance(twoHoursBefore);
        }

        using var again = await host.SignedInAsync(patientEmail);
        await (await again.PostAsync($"/api/v1/scheduling/appointments/{appointmentId}/cancel", new { reason = "Plans changed" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var fee = await PaymentScenarios.PaymentBecomesAsync(again, appointmentId, "captured");
        fee.GetProperty("captured").GetProperty("amountMinor").GetInt64().ShouldBe(announced, "the fee taken is the one the patient was told of");
        return (appointmentId, fee);
    }

    [Fact]
    public async Task Given_a_late_cancellation_fee_When_the_admin_refunds_part_of_it_Then_the_patient_and_the_admin_read_the_fee_and_the_refund_apart()
    {
        const string email = "nikolai.vinogradov@demo.telemed.dev";
        var (appointmentId, fee) = await LateCancelledAsync(host, email, daysAhead: 4);
        fee.GetProperty("settlement").GetString().ShouldBe("lateCancellationFee");
        fee.GetProperty("refunds").GetArrayLength().ShouldBe(0);
        var paymentId = fee.GetProperty("id").GetGuid();
        var feeMinor = fee.GetProperty("captured").GetProperty("amountMinor").GetInt64();

        using var admin = await host.SignedInAsync("admin@demo.telemed.dev");
        var refund = await admin.PostAsync($"/api/v1/admin/payments/{paymentId}/refund", new { amountMinor = 100, reason = "Goodwill" });
        await refund.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var answered = await refund.Content.ReadFromJsonAsync<JsonElement>();
        answered.GetProperty("settlement").GetString().ShouldBe("lateCancellationFee");

        using var patient = await host.SignedInAsync(email);
        var seen = await patient.GetJsonAsync<JsonElement>($"/api/v1/appointments/{appointmentId}/payment");
        seen.GetProperty("status").GetString().ShouldBe("partiallyRefunded");
        // It read "refundedByAdmin": the patient's panel said "Refunded by the clinic" and no longer what the money was taken for.
        seen.GetProperty("settlement").GetString().ShouldBe("lateCancellationFee");
        seen.GetProperty("captured").GetProperty("amountMinor").GetInt64().ShouldBe(feeMinor);
        seen.GetProperty("refunded").GetProperty("amountMinor").GetInt64().ShouldBe(100);
        var refunds = seen.GetProperty("refunds").EnumerateArray().ToList();
        refunds.Count.ShouldBe(1);
        refunds[0].GetProperty("amount").GetProperty("amountMinor").GetInt64().ShouldBe(100);
        refunds[0].GetProperty("reason").GetString().ShouldBe("refundedByAdmin");
        // The administrator's words stay in the audit trail; the patient reads the ledger's reason only.
        seen.ToString().ShouldNotContain("Goodwill");

        // The rest of it, refunded too: still the fee, now two refunds.
        var rest = feeMinor - 100;
        await (await admin.PostAsync($"/api/v1/admin/payments/{paymentId}/refund", new { amountMinor = rest, reason = "Waived" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var refunded = await patient.GetJsonAsync<JsonElement>($"/api/v1/appointments/{appointmentId}/payment");
        refunded.GetProperty("status").GetString().ShouldBe("refunded");
        refunded.GetProperty("settlement").GetString().ShouldBe("lateCancellationFee");
        refunded.GetProperty("refunds").EnumerateArray().Select(r => r.GetProperty("amount").GetProperty("amountMinor").GetInt64()).ShouldBe([100L, rest]);

        var listed = (await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/payments?status=refunded")).GetProperty("items").EnumerateArray()
            .Single(p => p.GetProperty("id").GetGuid() == paymentId);
        listed.GetProperty("settlement").GetString().ShouldBe("lateCancellationFee");
        listed.GetProperty("refunds").GetArrayLength().ShouldBe(2);
        var receipt = await patient.Http.GetAsync($"/api/v1/payments/{paymentId}/receipt");
        await receipt.ShouldHaveStatusAsync(HttpStatusCode.OK);

        // The refund notices name the fee, not a visit that never took place.
        List<string> notices = [];
        for (var attempt = 0; attempt < 100 && notices.Count < 2; attempt++)
        {
            notices = [.. (await patient.GetJsonAsync<JsonElement>("/api/v1/me/notifications?pageSize=100")).GetProperty("items").EnumerateArray()
                .Where(n => n.GetProperty("kind").GetString() == "payment_refunded" && n.GetProperty("link").GetString() == $"/patient/appointments/{appointmentId}")
                .Select(n => n.GetProperty("title").GetString()!)];
            await Task.Delay(notices.Count < 2 ? 100 : 0);
        }

        notices.Count.ShouldBe(2);
        notices.ShouldAllBe(t => t.Contains("late cancellation fee") || t.Contains("штрафа за позднюю отмену"));

        // A payment an earlier version refunded reads "refundedByAdmin" in the row: migration 0009 gives it its charge's reason back.
        var db = new RawDatabase(host);
        var payments = db.Table("billing", "payments");
        await using (var connection = await db.OpenAsync())
        {
            await RawDatabase.ExecuteAsync(connection, $"UPDATE {payments} SET \"SettlementReason\" = 'refundedByAdmin' WHERE \"Id\" = '{Id(db, paymentId)}'");
            (await patient.GetJsonAsync<JsonElement>($"/api/v1/appointments/{appointmentId}/payment")).GetProperty("settlement").GetString().ShouldBe("refundedByAdmin");
            var migration = Path.Combine(RecoveryScripts.RepositoryRoot(), "src", "Modules", "Billing", "Telemed.Modules.Billing", "Migrations",
                db.IsPostgres ? "Postgres" : "Sqlite", "0009_settlement_keeps_charge.sql");
            await RawDatabase.ExecuteAsync(connection, await File.ReadAllTextAsync(migration));
        }

        (await patient.GetJsonAsync<JsonElement>($"/api/v1/appointments/{appointmentId}/payment")).GetProperty("settlement").GetString().ShouldBe("lateCancellationFee");
    }

    /// <summary>A GUID as the database stores it (SQLite: upper-case text, as EF Core writes it; PostgreSQL: uuid).</summary>
    private static string Id(RawDatabase db, Guid id) => db.IsPostgres ? id.ToString() : id.ToString().ToUpperInvariant();
}

[Collection("billing-sqlite")]
public sealed class FeeRefundScenariosOnSqlite(BillingSqliteHost host) : FeeRefundScenarios(host);

[Collection("billing-postgres")]
public sealed class FeeRefundScenariosOnPostgres(BillingPostgresHost host) : FeeRefundScenarios(host);
