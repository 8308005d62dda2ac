using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.Modules.Billing.Payments.Settlement;
using Telemed.Modules.Scheduling.Contracts;
using static Telemed.IntegrationTests.Infrastructure.ConsultationsApi;

namespace Telemed.IntegrationTests.Scenarios.Billing;

/// <summary>
/// A visit's fate that reaches billing before the visit's payment exists. The outbox keeps an appointment's events in order within a
/// batch, but a handler that failed is retried later, after events that followed it (and another host, or another module's outbox,
/// may deliver a later event first): the settlement then found no payment and did nothing, and the payment created afterwards waited
/// for a card for a visit that had been cancelled or had failed. Now the settlement is parked and applied when the payment is
/// created, with the outcome it would have had in order. Billing's payment writes are made to fail by a trigger on its table (in
/// this class's own database) until the settlement has arrived; then the booking's retry is let through.
/// </summary>
public abstract class PaymentDeliveryOrderScenarios(TelemedHost host)
{
    private const string DoctorEmail = "anna.petrova@demo.telemed.dev";
    private const string PatientEmail = "svetlana.pavlova@demo.telemed.dev";

    private static readonly string BookedType = typeof(AppointmentBooked).FullName!;
    private static readonly string CancelledType = typeof(AppointmentCancelled).FullName!;

    [Fact]
    public async Task Given_the_payment_of_a_booking_not_yet_created_When_the_patient_cancels_in_time_and_then_the_booking_reaches_billing_Then_the_payment_is_released_and_takes_no_card()
    {
        using var patient = await host.SignedInAsync(PatientEmail);
        var (appointmentId, _) = await WithBillingBlockedAsync(patient, daysAhead: 3, async (id, _) =>
        {
            await (await patient.PostAsync($"/api/v1/scheduling/appointments/{id}/cancel", new { reason = "Plans changed" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
            await CancellationSettledAsync();
        });

        var payment = await PaymentScenarios.PaymentBecomesAsync(patient, appointmentId, "released");
        payment.GetProperty("settlement").GetString().ShouldBe("cancelledInTime");
        payment.GetProperty("captured").GetProperty("amountMinor").GetInt64().ShouldBe(0);
        (await ParkedAsync(appointmentId)).ShouldBe(0, "applied, then removed");

        // The payment step offers no card for it: no intent is created, no client secret handed out.
        var started = await patient.PostAsync($"/api/v1/appointments/{appointmentId}/payment");
        await started.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var view = await started.Content.ReadFromJsonAsync<JsonElement>();
        view.GetProperty("status").GetString().ShouldBe("released");
        (view.TryGetProperty("clientSecret", out var secret) ? secret.ValueKind : JsonValueKind.Null).ShouldBe(JsonValueKind.Null);

        // The blocked inserts were real failures: logged as errors with the command, never the database's message (it can quote a row).
        var failed = host.Logs.Where(l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("Failed executing DbCommand", StringComparison.Ordinal)).ToList();
        failed.ShouldContain(l => l.Contains("payments", StringComparison.Ordinal));
        failed.ShouldNotContain(l => l.Contains("payment writes fail (test)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Given_the_payment_of_a_booking_not_yet_created_When_the_patient_cancels_inside_the_cutoff_and_then_the_booking_reaches_billing_Then_the_late_fee_is_due_as_in_order()
    {
        using var patient = await host.SignedInAsync(PatientEmail);
        var (appointmentId, slotStart) = await WithBillingBlockedAsync(patient, daysAhead: 6, async (id, start) =>
        {
            host.Clock.Advance(start.AddHours(-2) - host.Clock.GetUtcNow().UtcDateTime);
            using var late = await host.SignedInAsync(PatientEmail);
            await (await late.PostAsync($"/api/v1/scheduling/appointments/{id}/cancel", new { reason = "Plans changed" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
            await CancellationSettledAsync();
        });

        using var again = await host.SignedInAsync(PatientEmail);
        var payment = await PaymentScenarios.PaymentBecomesAsync(again, appointmentId, "unpaid");
        payment.GetProperty("settlement").GetString().ShouldBe("lateCancellationFee");
        var quote = payment.GetProperty("quote").GetProperty("amountMinor").GetInt64();
        quote.ShouldBeGreaterThan(0);
        payment.GetProperty("amountDue").GetProperty("amountMinor").GetInt64().ShouldBe((long)Math.Round(quote * 0.5m, MidpointRounding.AwayFromZero));
        (await ParkedAsync(appointmentId)).ShouldBe(0);
        slotStart.ShouldBeGreaterThan(host.Clock.GetUtcNow().UtcDateTime);
    }

    [Fact]
    public async Task Given_the_payment_of_a_booking_not_yet_created_When_the_visit_fails_because_the_doctor_is_absent_Then_the_payment_created_later_is_released()
    {
        using var patient = await host.SignedInAsync(PatientEmail);
        var (appointmentId, _) = await WithBillingBlockedAsync(patient, daysAhead: 9, async (id, _) =>
        {
            // The consultations module's event, handled as its outbox would: ahead of scheduling's booking event.
            await using var scope = host.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<PaymentSettlement>().ConsultationFailedAsync(id, "doctorAbsent", CancellationToken.None);
            (await ParkedAsync(id)).ShouldBe(1, "no payment to settle yet: the failure waits for it");
        });

        var payment = await PaymentScenarios.PaymentBecomesAsync(patient, appointmentId, "released");
        payment.GetProperty("settlement").GetString().ShouldBe("doctorAbsent");
        (await ParkedAsync(appointmentId)).ShouldBe(0);
    }

    /// <summary>
    /// Books a visit <paramref name="daysAhead"/> days on with billing's payment writes failing, runs <paramref name="meanwhile"/>
    /// (given the appointment's id and start) while the booking's delivery to billing waits in its retry row, then lets the retry
    /// through. Returns the appointment's id and start.
    /// </summary>
    private async Task<(Guid Id, DateTime Start)> WithBillingBlockedAsync(ApiClient patient, int daysAhead, Func<Guid, DateTime, Task> meanwhile)
    {
        var raw = new RawDatabase(host);
        await using var connection = await raw.OpenAsync();
        var outbox = raw.Table("scheduling", "outbox");
        await RawDatabase.ExecuteAsync(connection, FailPaymentWrites(raw));
        try
        {
            var (id, start) = await BookAsync(patient, daysAhead);

            // The booking's other consequences went through; billing's part waits in a retry row of its own. (Payloads are
            // encrypted: this class's tests run one after another, each delivers its booking before the next books.)
            var retry = await SchedulingApi.WaitForAsync(async () => (await RawDatabase.RowsAsync(connection,
                    $"SELECT \"Id\" FROM {outbox} WHERE \"EventType\" LIKE '{BookedType}#%' AND \"ProcessedAt\" IS NULL"))
                .SingleOrDefault(), TimeSpan.FromSeconds(30), "the booking's retry row for billing");
            (await patient.Http.GetAsync($"/api/v1/appointments/{id}/payment")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

            await meanwhile(id, start);

            await RawDatabase.ExecuteAsync(connection, DropFailure(raw));
            await RawDatabase.ExecuteAsync(connection, $"UPDATE {outbox} SET \"NextAttemptAt\" = NULL WHERE \"Id\" = '{retry}'");
            return (id, start);
        }
        finally
        {
            await RawDatabase.ExecuteAsync(connection, DropFailure(raw));
        }
    }

    /// <summary>Waits until the newest cancellation was delivered (its settlement found no payment and was parked).</summary>
    private async Task CancellationSettledAsync()
    {
        var raw = new RawDatabase(host);
        await using var connection = await raw.OpenAsync();
        await SchedulingApi.WaitForAsync(async () => (await RawDatabase.RowsAsync(connection,
                $"SELECT \"Id\" FROM {raw.Table("scheduling", "outbox")} WHERE \"EventType\" = '{CancelledType}' AND \"ProcessedAt\" IS NULL"))
            .Count == 0 && (await RawDatabase.RowsAsync(connection, $"SELECT COUNT(*) FROM {raw.Table("billing", "pending_settlements")}")).Single() != "0"
                ? "settled" : null, TimeSpan.FromSeconds(30), "the cancellation, parked by billing");
    }

    private async Task<int> ParkedAsync(Guid appointmentId)
    {
        var raw = new RawDatabase(host);
        await using DbConnection connection = await raw.OpenAsync();
        var id = raw.IsPostgres ? appointmentId.ToString() : appointmentId.ToString().ToUpperInvariant();
        return int.Parse((await RawDatabase.RowsAsync(connection,
            $"SELECT COUNT(*) FROM {raw.Table("billing", "pending_settlements")} WHERE \"AppointmentId\" = '{id}'")).Single(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<(Guid Id, DateTime Start)> BookAsync(ApiClient patient, int daysAhead)
    {
        using var doctor = await host.SignedInAsync(DoctorEmail);
        var doctorId = await DoctorIdAsync(doctor);
        foreach (var slot in await SchedulingApi.SlotsAsync(patient, doctorId, SchedulingApi.Today(host).AddDays(daysAhead), 3))
        {
            var booked = await SchedulingApi.BookAsync(patient, doctorId, slot);
            if (booked.StatusCode == HttpStatusCode.Created)
            {
                return ((await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), slot.Start);
            }
        }

        throw new InvalidOperationException("No free slot to book.");
    }

    /// <summary>Every insert into billing's payment table fails, as on a database error, until <see cref="DropFailure"/>.</summary>
    private static string FailPaymentWrites(RawDatabase raw) => raw.IsPostgres
        ? """
          CREATE FUNCTION billing.payment_order_test_fail() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN
              RAISE EXCEPTION 'payment writes fail (test)';
          END $$;
          CREATE TRIGGER payment_order_test_fail BEFORE INSERT ON billing.payments FOR EACH ROW EXECUTE FUNCTION billing.payment_order_test_fail();
          """
        : "CREATE TRIGGER payment_order_test_fail BEFORE INSERT ON billing_payments BEGIN SELECT RAISE(ABORT, 'payment writes fail (test)'); END;";

    private static string DropFailure(RawDatabase raw) => raw.IsPostgres
        ? "DROP TRIGGER IF EXISTS payment_order_test_fail ON billing.payments; DROP FUNCTION IF EXISTS billing.payment_order_test_fail();"
        : "DROP TRIGGER IF EXISTS payment_order_test_fail;";
}

public sealed class PaymentDeliveryOrderScenariosOnSqlite(SqliteHost host) : PaymentDeliveryOrderScenarios(host), IClassFixture<SqliteHost>;

public sealed class PaymentDeliveryOrderScenariosOnPostgres(PostgresHost host) : PaymentDeliveryOrderScenarios(host), IClassFixture<PostgresHost>;
