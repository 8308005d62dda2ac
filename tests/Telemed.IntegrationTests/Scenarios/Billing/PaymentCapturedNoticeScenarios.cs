using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.Modules.Billing.Contracts;
using Telemed.Modules.Billing.Payments.Settlement;

namespace Telemed.IntegrationTests.Scenarios.Billing;

/// <summary>
/// The patient is told when money is taken from their card (<c>payment_captured</c>, docs/api-notifications.md), as they are told of a
/// refund: once per capture, with the amount in the currency's own decimals and what it was for; a redelivered settlement sends none.
/// </summary>
public abstract class PaymentCapturedNoticeScenarios(TelemedHost host)
{
    /// <summary>The titles of the caller's <c>payment_captured</c> notices that link to <paramref name="appointmentId"/>.</summary>
    private static async Task<List<string>> CaptureNoticesAsync(ApiClient patient, Guid appointmentId)
    {
        var page = await patient.GetJsonAsync<JsonElement>("/api/v1/me/notifications?pageSize=100");
        return [.. page.GetProperty("items").EnumerateArray()
            .Where(n => n.GetProperty("kind").GetString() == "payment_captured"
                && n.GetProperty("link").GetString() == $"/patient/appointments/{appointmentId}")
            .Select(n => n.GetProperty("title").GetString()!)];
    }

    /// <summary>Waits (up to 10 s) for at least one notice, then a little longer so a second one would have arrived too.</summary>
    private static async Task<List<string>> SettledNoticesAsync(ApiClient patient, Guid appointmentId)
    {
        for (var attempt = 0; attempt < 100 && (await CaptureNoticesAsync(patient, appointmentId)).Count == 0; attempt++)
        {
            await Task.Delay(100);
        }

        await Task.Delay(1_000);
        return await CaptureNoticesAsync(patient, appointmentId);
    }

    /// <summary>The amount as a notice writes it, in either language (the patient's profile language chooses).</summary>
    private static string[] Written(long amountMinor, string currency) =>
        [CurrencyUnits.Format(amountMinor, currency, CultureInfo.GetCultureInfo("en-GB")), CurrencyUnits.Format(amountMinor, currency, CultureInfo.GetCultureInfo("ru-RU"))];

    [Fact]
    public async Task Given_a_late_cancellation_fee_and_a_visit_When_money_is_captured_Then_the_patient_is_told_once_each_with_the_amount_and_what_for()
    {
        const string email = "sophie.turner@demo.telemed.dev";
        var (feeAppointment, fee) = await FeeRefundScenarios.LateCancelledAsync(host, email, daysAhead: 5);
        var feeMinor = fee.GetProperty("captured").GetProperty("amountMinor").GetInt64();
        var currency = fee.GetProperty("captured").GetProperty("currency").GetString()!;

        using var patient = await host.SignedInAsync(email);
        // The cancellation delivered again (an outbox retry) and a completion arriving late: the payment is captured already, so no
        // money moves and no second notice is sent.
        using (var scope = host.Services.CreateScope())
        {
            var settlement = scope.ServiceProvider.GetRequiredService<PaymentSettlement>();
            await settlement.AppointmentCancelledAsync(feeAppointment, byPatient: true, late: true, default);
            await settlement.VisitCompletedAsync(feeAppointment, DateTime.UtcNow.AddMinutes(-20), DateTime.UtcNow, default);
        }

        var feeNotices = await SettledNoticesAsync(patient, feeAppointment);
        feeNotices.Count.ShouldBe(1, "one notice per capture");
        feeNotices[0].ShouldSatisfyAllConditions(
            t => Written(feeMinor, currency).ShouldContain(w => t.Contains(w, StringComparison.Ordinal), $"the fee's amount in {t}"),
            t => t.ShouldMatch("late cancellation fee|штраф за позднюю отмену"));

        // A visit that took place: its final amount, "for your visit".
        var visit = await BillingSteps.BookedVisitAsync(host, patient, daysAhead: 8);
        await PaymentScenarios.PaymentBecomesAsync(patient, visit, "awaitingPayment");
        (await PaymentScenarios.PayAsync(patient, visit, "4242 4242 4242 4242")).GetProperty("status").GetString().ShouldBe("authorised");
        using (var scope = host.Services.CreateScope())
        {
            var now = DateTime.UtcNow;
            var settlement = scope.ServiceProvider.GetRequiredService<PaymentSettlement>();
            await settlement.VisitCompletedAsync(visit, now.AddMinutes(-20), now, default);
            await settlement.VisitCompletedAsync(visit, now.AddMinutes(-20), now, default);
        }

        var captured = await PaymentScenarios.PaymentBecomesAsync(patient, visit, "captured");
        var visitMinor = captured.GetProperty("captured").GetProperty("amountMinor").GetInt64();
        var visitNotices = await SettledNoticesAsync(patient, visit);
        visitNotices.Count.ShouldBe(1, "the completion delivered twice captured once and told once");
        visitNotices[0].ShouldSatisfyAllConditions(
            t => Written(visitMinor, currency).ShouldContain(w => t.Contains(w, StringComparison.Ordinal), $"the visit's amount in {t}"),
            t => t.ShouldMatch("for your visit|за визит"));
        (await CaptureNoticesAsync(patient, feeAppointment)).Count.ShouldBe(1);

        // A notice is not a claim on the money: a refund afterwards sends its own refund notice, not another capture notice.
        using var admin = await host.SignedInAsync("admin@demo.telemed.dev");
        await (await admin.PostAsync($"/api/v1/admin/payments/{captured.GetProperty("id").GetGuid()}/refund", new { amountMinor = 100, reason = "Goodwill" }))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);
        await Task.Delay(1_000);
        (await CaptureNoticesAsync(patient, visit)).Count.ShouldBe(1);
    }
}

[Collection("billing-sqlite")]
public sealed class PaymentCapturedNoticeScenariosOnSqlite(BillingSqliteHost host) : PaymentCapturedNoticeScenarios(host);

[Collection("billing-postgres")]
public sealed class PaymentCapturedNoticeScenariosOnPostgres(BillingPostgresHost host) : PaymentCapturedNoticeScenarios(host);
