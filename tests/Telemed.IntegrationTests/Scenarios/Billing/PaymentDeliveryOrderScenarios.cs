using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.Modules.Scheduling.Contracts;
using static Telemed.IntegrationTests.Infrastructure.ConsultationsApi;

namespace Telemed.IntegrationTests.Scenarios.Billing;

/// <summary>
/// A booking's payment whose delivery comes after the appointment's cancellation. The outbox keeps an appointment's events in order
/// within a batch, but a handler that failed is retried later, after events that followed it (and another host may deliver a later
/// batch first): the cancellation's settlement then finds no payment, and the payment created afterwards waited for a card for a visit
/// that will not happen, which the patient could pay. The payment's writes are made to fail by a trigger on billing's table in this
/// class's own database until the cancellation has been settled, then the booking's retry is let through.
/// </summary>
public abstract class PaymentDeliveryOrderScenarios(TelemedHost host)
{
    private const string DoctorEmail = "anna.petrova@demo.telemed.dev";
    private const string PatientEmail = "svetlana.pavlova@demo.telemed.dev";

    private static readonly string BookedType = typeof(AppointmentBooked).FullName!;
    private static readonly string CancelledType = typeof(AppointmentCancelled).FullName!;

    [Fact]
    public async Task Given_the_payment_of_a_booking_not_yet_created_When_the_visit_is_cancelled_and_then_the_booking_reaches_billing_Then_the_payment_is_released_and_takes_no_card()
    {
        var raw = new RawDatabase(host);
        await using var connection = await raw.OpenAsync();
        var outbox = raw.Table("scheduling", "outbox");
        using var patient = await host.SignedInAsync(PatientEmail);

        Guid appointmentId;
        await RawDatabase.ExecuteAsync(connection, FailPaymentWrites(raw));
        try
        {
            appointmentId = await BookAsync(patient);

            // The booking's other consequences went through; billing's part waits in a retry row of its own. (Payloads are encrypted:
            // this class's database holds only this test's booking and cancellation.)
            var retry = await SchedulingApi.WaitForAsync(async () => (await RawDatabase.RowsAsync(connection,
                    $"SELECT \"Id\" FROM {outbox} WHERE \"EventType\" LIKE '{BookedType}#%' AND \"ProcessedAt\" IS NULL"))
                .SingleOrDefault(), TimeSpan.FromSeconds(30), "the booking's retry row for billing");
            (await patient.Http.GetAsync($"/api/v1/appointments/{appointmentId}/payment")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

            await (await patient.PostAsync($"/api/v1/scheduling/appointments/{appointmentId}/cancel", new { reason = "Plans changed" }))
                .ShouldHaveStatusAsync(HttpStatusCode.OK);
            await SchedulingApi.WaitForAsync(async () => (await RawDatabase.RowsAsync(connection,
                    $"SELECT \"Id\" FROM {outbox} WHERE \"EventType\" = '{CancelledType}' AND \"ProcessedAt\" IS NOT NULL"))
                .SingleOrDefault(), TimeSpan.FromSeconds(30), "the cancellation, settled (with no payment to settle)");

            // Now the booking's retry may run at once.
            await RawDatabase.ExecuteAsync(connection, $"UPDATE {outbox} SET \"NextAttemptAt\" = NULL WHERE \"Id\" = '{retry}'");
        }
        finally
        {
            await RawDatabase.ExecuteAsync(connection, DropFailure(raw));
        }

        var payment = await PaymentScenarios.PaymentBecomesAsync(patient, appointmentId, "released");
        payment.GetProperty("settlement").GetString().ShouldBe("visitCancelled");
        payment.GetProperty("captured").GetProperty("amountMinor").GetInt64().ShouldBe(0);

        // The payment step offers no card for it: no intent is created, no client secret handed out.
        var started = await patient.PostAsync($"/api/v1/appointments/{appointmentId}/payment");
        await started.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var view = await started.Content.ReadFromJsonAsync<JsonElement>();
        view.GetProperty("status").GetString().ShouldBe("released");
        (view.TryGetProperty("clientSecret", out var secret) ? secret.ValueKind : JsonValueKind.Null).ShouldBe(JsonValueKind.Null);
    }

    private async Task<Guid> BookAsync(ApiClient patient)
    {
        using var doctor = await host.SignedInAsync(DoctorEmail);
        var doctorId = await DoctorIdAsync(doctor);
        foreach (var slot in await SchedulingApi.SlotsAsync(patient, doctorId, SchedulingApi.Today(host).AddDays(3), 6))
        {
            var booked = await SchedulingApi.BookAsync(patient, doctorId, slot);
            if (booked.StatusCode == HttpStatusCode.Created)
            {
                return (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
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
