using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Telemed.BuildingBlocks.Data;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.IntegrationTests.Scenarios.Fhir;
using Telemed.Modules.Billing.Payments.Settlement;
using static Telemed.IntegrationTests.Infrastructure.ConsultationsApi;

namespace Telemed.IntegrationTests.Scenarios.Billing;

/// <summary>
/// A visit's money through the HTTP API and the sandbox gateway (issue 14): quote before booking, card authorised at booking, the final
/// amount captured from the actual duration after the visit, fees for late cancellations, releases and automatic refunds, admin refunds.
/// </summary>
public abstract class PaymentScenarios(TelemedHost host)
{
    private const string DoctorEmail = "anna.petrova@demo.telemed.dev";

    private sealed record Booked(string Email, ApiClient Patient, Guid AppointmentId, SlotInfo Slot, Guid DoctorId, long RateMinor, string Currency, decimal Factor) : IDisposable
    {
        public void Dispose() => Patient.Dispose();
    }

    private async Task<Booked> BookAsync(string patientEmail, int daysAhead = 1)
    {
        using var doctor = await host.SignedInAsync(DoctorEmail);
        var doctorId = await DoctorIdAsync(doctor);
        var patient = await host.SignedInAsync(patientEmail);
        var profile = await patient.GetJsonAsync<JsonElement>($"/api/v1/doctors/{doctorId}");
        var rate = profile.GetProperty("hourlyRate");
        var factor = profile.GetProperty("qualificationCategory").GetString() switch { "second" => 1.1m, "first" => 1.2m, "highest" => 1.3m, _ => 1.0m };
        var slots = await SchedulingApi.SlotsAsync(patient, doctorId, SchedulingApi.Today(host).AddDays(daysAhead), 6);
        foreach (var slot in slots)
        {
            var booked = await SchedulingApi.BookAsync(patient, doctorId, slot);
            if (booked.StatusCode == HttpStatusCode.Created)
            {
                var id = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
                return new Booked(patientEmail, patient, id, slot, doctorId, rate.GetProperty("amountMinor").GetInt64(), rate.GetProperty("currency").GetString()!, factor);
            }
        }

        throw new InvalidOperationException("No free slot to book.");
    }

    /// <summary>rate × minutes ÷ 60 × factor, rounded half away from zero: the rule, computed here independently of the module.</summary>
    private static long Price(long rateMinor, int minutes, decimal factor) => (long)Math.Round(rateMinor * minutes / 60m * factor, MidpointRounding.AwayFromZero);

    internal static async Task<JsonElement> PayAsync(ApiClient payer, Guid appointmentId, string card)
    {
        var started = await payer.PostAsync($"/api/v1/appointments/{appointmentId}/payment");
        await started.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var payment = await started.Content.ReadFromJsonAsync<JsonElement>();
        var confirmed = await payer.PostAsync("/api/v1/billing/sandbox/confirm",
            new { clientSecret = payment.GetProperty("clientSecret").GetString(), cardNumber = card, expiryMonth = 12, expiryYear = DateTime.UtcNow.Year + 2, cvc = "123" });
        await confirmed.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var synced = await payer.PostAsync($"/api/v1/payments/{payment.GetProperty("id").GetGuid()}/sync");
        await synced.ShouldHaveStatusAsync(HttpStatusCode.OK);
        return await synced.Content.ReadFromJsonAsync<JsonElement>();
    }

    internal static async Task<JsonElement> PaymentBecomesAsync(ApiClient client, Guid appointmentId, string status)
    {
        var last = "";
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var response = await client.Http.GetAsync($"/api/v1/appointments/{appointmentId}/payment");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var payment = await response.Content.ReadFromJsonAsync<JsonElement>();
                last = payment.GetProperty("status").GetString()!;
                if (last == status)
                {
                    return payment;
                }
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"The payment did not become {status} in 20 s (last: {last}).");
    }

    [Fact]
    public async Task Given_a_slot_When_the_patient_asks_the_price_Then_it_is_rate_times_the_slot_length_times_the_qualification_factor_and_the_payment_stores_it()
    {
        using var booked = await BookAsync("ivan.kuznetsov@demo.telemed.dev");
        var minutes = (int)(booked.Slot.End - booked.Slot.Start).TotalMinutes;
        var quote = await booked.Patient.GetJsonAsync<JsonElement>($"/api/v1/billing/quote?doctorId={booked.DoctorId}&clinicId={booked.Slot.ClinicId}&minutes={minutes}");
        var expected = Price(booked.RateMinor, (int)Math.Ceiling(minutes / 5.0) * 5, booked.Factor);
        quote.GetProperty("amount").GetProperty("amountMinor").GetInt64().ShouldBe(expected);
        quote.GetProperty("amount").GetProperty("currency").GetString().ShouldBe(booked.Currency);
        quote.GetProperty("qualificationFactor").GetDecimal().ShouldBe(booked.Factor);

        // The booking's event creates the payment with the quote; the patient's payment step finds the same one.
        var payment = await PaymentBecomesAsync(booked.Patient, booked.AppointmentId, "awaitingPayment");
        payment.GetProperty("quote").GetProperty("amountMinor").GetInt64().ShouldBe(expected);
        payment.GetProperty("quotedMinutes").GetInt32().ShouldBe(minutes);

        (await (await booked.Patient.Http.GetAsync($"/api/v1/billing/quote?doctorId={booked.DoctorId}&clinicId={booked.Slot.ClinicId}&minutes=0")).ProblemCodeAsync())
            .ShouldBe("billing.invalid_duration");
        (await (await booked.Patient.Http.GetAsync($"/api/v1/billing/quote?doctorId={Guid.NewGuid()}&clinicId={booked.Slot.ClinicId}&minutes=30")).ProblemCodeAsync())
            .ShouldBe("billing.doctor_not_found");
    }

    [Fact]
    public async Task Given_an_authorised_visit_When_it_ends_after_17_minutes_Then_20_minutes_are_captured_and_front_desk_sees_the_status_but_not_the_card()
    {
        using var booked = await BookAsync("elena.popova@demo.telemed.dev");
        var paid = await PayAsync(booked.Patient, booked.AppointmentId, "4242 4242 4242 4242");
        paid.GetProperty("status").GetString().ShouldBe("authorised");
        paid.GetProperty("cardLast4").GetString().ShouldBe("4242");
        paid.GetProperty("authorised").GetProperty("amountMinor").GetInt64().ShouldBe(paid.GetProperty("quote").GetProperty("amountMinor").GetInt64());

        host.Clock.Advance(booked.Slot.Start.AddMinutes(-5) - host.Clock.GetUtcNow().UtcDateTime);
        // Days went by on the host's clock: the sessions idled out, as they would have.
        using var patient = await host.SignedInAsync(booked.Email);
        using var doctor = await host.SignedInAsync(DoctorEmail);
        var admission = await EnterAsync(patient, booked.AppointmentId, Complaint(["head"], 3, "days", [], "Headache"));
        var consultationId = admission.GetProperty("consultation").GetProperty("id").GetGuid();
        await (await doctor.PostAsync($"/api/v1/consultations/{consultationId}/accept")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        // The doctor writes notes half-way, as doctors do: their session stays alive through the 17 minutes.
        host.Clock.Advance(TimeSpan.FromMinutes(9));
        await (await doctor.PutAsync($"/api/v1/consultations/{consultationId}/notes", new { text = "Tension headache." })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        host.Clock.Advance(TimeSpan.FromMinutes(8));
        await (await doctor.PostAsync($"/api/v1/consultations/{consultationId}/end")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        using var payer = await host.SignedInAsync(booked.Email);
        var captured = await PaymentBecomesAsync(payer, booked.AppointmentId, "captured");
        var quote = captured.GetProperty("quote").GetProperty("amountMinor").GetInt64();
        captured.GetProperty("billedMinutes").GetInt32().ShouldBe(20);
        captured.GetProperty("captured").GetProperty("amountMinor").GetInt64().ShouldBe(Math.Min(quote, Price(booked.RateMinor, 20, booked.Factor)));
        captured.GetProperty("settlement").GetString().ShouldBe("visit");

        using var frontDesk = await host.SignedInAsync(SchedulingApi.FrontDesk);
        var seen = await frontDesk.GetJsonAsync<JsonElement>($"/api/v1/appointments/{booked.AppointmentId}/payment");
        seen.GetProperty("status").GetString().ShouldBe("captured");
        seen.GetProperty("cardLast4").ValueKind.ShouldBe(JsonValueKind.Null);
        seen.GetProperty("clientSecret").ValueKind.ShouldBe(JsonValueKind.Null);

        var receipt = await payer.Http.GetAsync($"/api/v1/payments/{captured.GetProperty("id").GetGuid()}/receipt");
        await receipt.ShouldHaveStatusAsync(HttpStatusCode.OK);
        receipt.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        receipt.Content.Headers.ContentDisposition!.FileName!.ShouldMatch($"receipt-{host.Clock.GetUtcNow().Year}-\\d{{6}}\\.pdf");
        System.Text.Encoding.ASCII.GetString((await receipt.Content.ReadAsByteArrayAsync())[..5]).ShouldBe("%PDF-");
        // In the app's language, which the web app adds to the download link (a plain link carries the browser's languages).
        async Task<string> ReceiptTextAsync(string query, string? acceptLanguage)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/payments/{captured.GetProperty("id").GetGuid()}/receipt{query}");
            if (acceptLanguage is not null)
            {
                request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
            }

            using var answer = await payer.Http.SendAsync(request);
            await answer.ShouldHaveStatusAsync(HttpStatusCode.OK);
            using var pdf = UglyToad.PdfPig.PdfDocument.Open(await answer.Content.ReadAsByteArrayAsync());
            return string.Concat(pdf.GetPages().Select(p => p.Text));
        }

        (await ReceiptTextAsync("?language=ru", "en-US")).ShouldContain("Квитанция");
        (await ReceiptTextAsync("?language=en", "ru-RU")).ShouldNotContain("Квитанция");
        (await ReceiptTextAsync("", "ru-RU")).ShouldContain("Квитанция");
        (await frontDesk.Http.GetAsync($"/api/v1/payments/{captured.GetProperty("id").GetGuid()}/receipt")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // The same completion delivered again (an outbox redelivery) takes no money twice.
        using (var scope = host.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<PaymentSettlement>().VisitCompletedAsync(booked.AppointmentId, DateTime.UtcNow.AddMinutes(-60), DateTime.UtcNow, default);
        }

        var again = await payer.GetJsonAsync<JsonElement>($"/api/v1/appointments/{booked.AppointmentId}/payment");
        again.GetProperty("captured").GetProperty("amountMinor").GetInt64().ShouldBe(captured.GetProperty("captured").GetProperty("amountMinor").GetInt64());

        using var admin = host.CreateApiClient();
        await admin.SignInAsAdminAsync();
        var paymentId = captured.GetProperty("id").GetGuid();
        (await (await admin.PostAsync($"/api/v1/admin/payments/{paymentId}/refund", new { amountMinor = 1_000_000_000L, reason = "Too much" })).ProblemCodeAsync())
            .ShouldBe("billing.refund_too_large");
        var refund = await admin.PostAsync($"/api/v1/admin/payments/{paymentId}/refund", new { amountMinor = 100, reason = "Goodwill" });
        await refund.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var refunded = await refund.Content.ReadFromJsonAsync<JsonElement>();
        refunded.GetProperty("status").GetString().ShouldBe("partiallyRefunded");
        refunded.GetProperty("refunded").GetProperty("amountMinor").GetInt64().ShouldBe(100);
        var capturedMinor = captured.GetProperty("captured").GetProperty("amountMinor").GetInt64();
        var now = host.Clock.GetUtcNow().UtcDateTime;
        var period = $"from={now.AddDays(-1):yyyy-MM-ddTHH:mm:ssZ}&to={now.AddMinutes(1):yyyy-MM-ddTHH:mm:ssZ}&clinicId={booked.Slot.ClinicId}";
        var reconciliation = await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/billing/reconciliation?{period}");
        var line = reconciliation.EnumerateArray().Single(l => l.GetProperty("currency").GetString() == booked.Currency);
        line.GetProperty("capturedMinor").GetInt64().ShouldBeGreaterThanOrEqualTo(capturedMinor);
        line.GetProperty("refundedMinor").GetInt64().ShouldBeGreaterThanOrEqualTo(100);
        var csv = await (await admin.Http.GetAsync($"/api/v1/admin/billing/accounting-export?{period}")).Content.ReadAsStringAsync();
        var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(r => r.TrimEnd('\r').Split(',')).ToList();
        rows[0].ShouldBe(["date_utc", "clinic_id", "type", "receipt_number", "payment_id", "appointment_id", "amount_minor", "currency", "reason", "gateway_reference"]);
        var ours = rows.Where(r => r[4] == paymentId.ToString()).ToList();
        ours.Select(r => (r[2], long.Parse(r[6], System.Globalization.CultureInfo.InvariantCulture))).ShouldBe([("payment", capturedMinor), ("refund", 100L)]);
        ours[0][3].ShouldMatch(@"^\d{4}-\d{6}$");
        (await (await admin.Http.GetAsync($"/api/v1/admin/billing/accounting-export?from=2026-01-02&to=2026-01-01")).ProblemCodeAsync()).ShouldBe("billing.invalid_period");

        var trail = await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/audit?recordType=Payment&recordId={paymentId}&pageSize=50");
        var actions = trail.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        actions.ShouldContain("payment.captured");
        actions.ShouldContain("payment.refunded");

        // Elena has an insurer on record: the paid visit becomes a draft claim for what it nets after the refund above (the draft follows
        // refunds: ClaimRefundScenarios), valid as a FHIR R4 Claim.
        var netMinor = capturedMinor - 100;
        JsonElement? claim = null;
        for (var attempt = 0; attempt < 100 && claim?.GetProperty("amountMinor").GetInt64() != netMinor; attempt++)
        {
            var claims = await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/claims?clinicId={booked.Slot.ClinicId}");
            claim = claims.GetProperty("items").EnumerateArray().Where(c => c.GetProperty("paymentId").GetGuid() == paymentId).Cast<JsonElement?>().FirstOrDefault();
            await Task.Delay(claim?.GetProperty("amountMinor").GetInt64() == netMinor ? 0 : 100);
        }

        claim.ShouldNotBeNull();
        var claimId = claim.Value.GetProperty("id").GetGuid();
        claim.Value.GetProperty("insurer").GetString().ShouldBe("Ingosstrakh-M");
        claim.Value.GetProperty("policyNumber").GetString().ShouldBe("7750 0001 2345 6702");
        claim.Value.GetProperty("amountMinor").GetInt64().ShouldBe(netMinor);
        claim.Value.GetProperty("status").GetString().ShouldBe("draft");
        var fhir = FhirValidation.Parse(await (await admin.Http.GetAsync($"/api/v1/admin/claims/{claimId}/fhir")).Content.ReadAsStringAsync());
        FhirValidation.Errors(fhir).ShouldBeEmpty();
        var fhirClaim = fhir.ShouldBeOfType<Hl7.Fhir.Model.Claim>();
        fhirClaim.Total!.Value.ShouldBe(netMinor / 100m);
        fhirClaim.Insurance.Single().Coverage!.Identifier!.Value.ShouldBe("7750 0001 2345 6702");
        fhirClaim.Patient!.Reference.ShouldBe($"Patient/{claim.Value.GetProperty("patientId").GetGuid()}");

        (await (await admin.PostAsync($"/api/v1/admin/claims/{claimId}/status", new { status = "paid" })).ProblemCodeAsync()).ShouldBe("billing.claim_invalid_transition");
        foreach (var next in new[] { "submitted", "accepted", "paid" })
        {
            var moved = await admin.PostAsync($"/api/v1/admin/claims/{claimId}/status", new { status = next, note = $"Insurer ref {next}" });
            await moved.ShouldHaveStatusAsync(HttpStatusCode.OK);
            (await moved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().ShouldBe(next);
        }

        var claimsCsv = await (await admin.Http.GetAsync($"/api/v1/admin/claims/export?from={now.AddDays(-3):yyyy-MM-dd}&to={now.AddDays(1):yyyy-MM-dd}")).Content.ReadAsStringAsync();
        claimsCsv.ShouldContain($"{claimId},paid,");
        claimsCsv.ShouldContain("Ingosstrakh-M,7750 0001 2345 6702");
        (await frontDesk.Http.GetAsync("/api/v1/admin/claims")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var serviceDate = claim.Value.GetProperty("serviceDate").GetDateTime();
        serviceDate = serviceDate.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(serviceDate, DateTimeKind.Utc) : serviceDate.ToUniversalTime();
        await ClaimFiltersAsync(admin, claimId, serviceDate, booked.Slot.ClinicId);
    }

    /// <summary>
    /// The claims list's period of service dates [from, to) and status filter, and the export's status filter, around one paid claim whose
    /// service date is <paramref name="serviceDate"/> (UTC): the bounds are the export's (from inclusive, to exclusive), bad values are 400s.
    /// </summary>
    private static async Task ClaimFiltersAsync(ApiClient admin, Guid claimId, DateTime serviceDate, Guid clinicId)
    {
        static string Utc(DateTime at) => at.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        async Task<bool> ListedAsync(string query)
        {
            var response = await admin.Http.GetAsync($"/api/v1/admin/claims?clinicId={clinicId}&{query}");
            await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
            var page = await response.Content.ReadFromJsonAsync<JsonElement>();
            return page.GetProperty("items").EnumerateArray().Any(c => c.GetProperty("id").GetGuid() == claimId);
        }

        var day = serviceDate.Date;
        (await ListedAsync($"from={day:yyyy-MM-dd}&to={day.AddDays(1):yyyy-MM-dd}")).ShouldBeTrue("the service date's own day");
        (await ListedAsync($"from={Utc(serviceDate)}&to={Utc(serviceDate.AddMinutes(1))}")).ShouldBeTrue("from is inclusive");
        (await ListedAsync($"from={Utc(serviceDate.AddDays(-1))}&to={Utc(serviceDate)}")).ShouldBeFalse("to is exclusive");
        (await ListedAsync($"from={day.AddDays(1):yyyy-MM-dd}&to={day.AddDays(2):yyyy-MM-dd}")).ShouldBeFalse("the next day");
        (await ListedAsync($"from={day:yyyy-MM-dd}&to={day.AddDays(1):yyyy-MM-dd}&status=PAID")).ShouldBeTrue("status is case-insensitive");
        (await ListedAsync($"from={day:yyyy-MM-dd}&to={day.AddDays(1):yyyy-MM-dd}&status=draft")).ShouldBeFalse("the claim is paid");

        var period = $"from={day:yyyy-MM-dd}&to={day.AddDays(1):yyyy-MM-dd}&clinicId={clinicId}";
        var paid = await admin.Http.GetAsync($"/api/v1/admin/claims/export?{period}&status=paid");
        await paid.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var paidRows = (await paid.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        paidRows.ShouldContain(r => r.StartsWith($"{claimId},paid,", StringComparison.Ordinal));
        paidRows.ShouldAllBe(r => r.Split(',', StringSplitOptions.None)[1] == "paid");
        var drafts = await (await admin.Http.GetAsync($"/api/v1/admin/claims/export?{period}&status=draft")).Content.ReadAsStringAsync();
        drafts.ShouldNotContain(claimId.ToString());
        drafts.ShouldStartWith("claim_id,status,service_date,");

        foreach (var bad in new[] { "status=lost", "status=1", "status=draft,paid" })
        {
            (await (await admin.Http.GetAsync($"/api/v1/admin/claims?{bad}")).ProblemCodeAsync()).ShouldBe("billing.invalid_claim_status", bad);
            (await (await admin.Http.GetAsync($"/api/v1/admin/claims/export?{period}&{bad}")).ProblemCodeAsync()).ShouldBe("billing.invalid_claim_status", bad);
        }

        foreach (var bad in new[] { $"from={day.AddDays(1):yyyy-MM-dd}&to={day:yyyy-MM-dd}", "from=2026-01-01&to=2027-06-01", "from=1999-12-31&to=2000-01-02" })
        {
            var refused = await admin.Http.GetAsync($"/api/v1/admin/claims?{bad}");
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest, bad);
            (await refused.ProblemCodeAsync()).ShouldBe("billing.invalid_period", bad);
        }

        var unreadable = await admin.Http.GetAsync("/api/v1/admin/claims?from=yesterday");
        unreadable.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unreadable.ProblemCodeAsync()).ShouldBe("request.invalid");
    }

    [Fact]
    public async Task Given_an_authorised_visit_When_the_consultation_fails_because_the_doctor_is_absent_Then_the_hold_is_released_without_anyone_asking()
    {
        using var booked = await BookAsync("mikhail.vasiliev@demo.telemed.dev");
        (await PayAsync(booked.Patient, booked.AppointmentId, "5555555555554444")).GetProperty("status").GetString().ShouldBe("authorised");
        host.Clock.Advance(booked.Slot.Start.AddMinutes(-5) - host.Clock.GetUtcNow().UtcDateTime);
        using var patient = await host.SignedInAsync(booked.Email);
        var admission = await EnterAsync(patient, booked.AppointmentId, Complaint(["chest"], 2, "days", [], "Cough"));
        var consultationId = admission.GetProperty("consultation").GetProperty("id").GetGuid();
        using var doctor = await host.SignedInAsync(DoctorEmail);
        await (await doctor.PostAsync($"/api/v1/consultations/{consultationId}/fail", new { reason = "doctorAbsent" })).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var released = await PaymentBecomesAsync(patient, booked.AppointmentId, "released");
        released.GetProperty("settlement").GetString().ShouldBe("doctorAbsent");
        released.GetProperty("captured").GetProperty("amountMinor").GetInt64().ShouldBe(0);
    }

    [Fact]
    public async Task Given_authorised_visits_When_one_is_cancelled_inside_the_cutoff_and_one_outside_Then_the_first_pays_the_fee_and_the_second_is_released()
    {
        using var late = await BookAsync("svetlana.pavlova@demo.telemed.dev", daysAhead: 2);
        using var early = await BookAsync("andrei.semenov@demo.telemed.dev", daysAhead: 5);
        var quote = (await PayAsync(late.Patient, late.AppointmentId, "4242424242424242")).GetProperty("quote").GetProperty("amountMinor").GetInt64();
        await PayAsync(early.Patient, early.AppointmentId, "4242424242424242");

        await (await early.Patient.PostAsync($"/api/v1/scheduling/appointments/{early.AppointmentId}/cancel", new { reason = "Plans changed" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var released = await PaymentBecomesAsync(early.Patient, early.AppointmentId, "released");
        released.GetProperty("settlement").GetString().ShouldBe("cancelledInTime");

        host.Clock.Advance(late.Slot.Start.AddHours(-2) - host.Clock.GetUtcNow().UtcDateTime);
        using var patient = await host.SignedInAsync(late.Email);
        await (await patient.PostAsync($"/api/v1/scheduling/appointments/{late.AppointmentId}/cancel", new { reason = "Plans changed" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var fee = await PaymentBecomesAsync(patient, late.AppointmentId, "captured");
        fee.GetProperty("settlement").GetString().ShouldBe("lateCancellationFee");
        fee.GetProperty("captured").GetProperty("amountMinor").GetInt64().ShouldBe((long)Math.Round(quote * 0.5m, MidpointRounding.AwayFromZero));
    }

    [Fact]
    public async Task Given_a_payment_step_When_cards_are_declined_need_authentication_or_are_not_test_cards_Then_each_gets_its_answer_and_strangers_see_nothing()
    {
        using var booked = await BookAsync("tatiana.golubeva@demo.telemed.dev", daysAhead: 3);
        var declined = await PayAsync(booked.Patient, booked.AppointmentId, "4000000000000002");
        declined.GetProperty("status").GetString().ShouldBe("awaitingPayment");
        declined.GetProperty("declineCode").GetString().ShouldBe("card_declined");
        var secret = declined.GetProperty("clientSecret").GetString();

        var real = await booked.Patient.PostAsync("/api/v1/billing/sandbox/confirm", new { clientSecret = secret, cardNumber = "4111111111111111", expiryMonth = 12, expiryYear = 2030, cvc = "123" });
        (await real.ProblemCodeAsync()).ShouldBe("billing.sandbox_test_cards_only");
        var expired = await booked.Patient.PostAsync("/api/v1/billing/sandbox/confirm", new { clientSecret = secret, cardNumber = "4242424242424242", expiryMonth = 1, expiryYear = 2001, cvc = "123" });
        expired.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var challenged = await PayAsync(booked.Patient, booked.AppointmentId, "4000002500003155");
        challenged.GetProperty("status").GetString().ShouldBe("requiresAction");
        await (await booked.Patient.PostAsync("/api/v1/billing/sandbox/authenticate", new { clientSecret = secret, approved = true })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var authorised = await booked.Patient.PostAsync($"/api/v1/payments/{challenged.GetProperty("id").GetGuid()}/sync");
        (await authorised.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().ShouldBe("authorised");

        using var stranger = await host.SignedInAsync("oliver.grant@demo.telemed.dev");
        (await stranger.Http.GetAsync($"/api/v1/appointments/{booked.AppointmentId}/payment")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await stranger.PostAsync($"/api/v1/appointments/{booked.AppointmentId}/payment")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await stranger.PostAsync($"/api/v1/payments/{challenged.GetProperty("id").GetGuid()}/sync")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await stranger.Http.GetAsync($"/api/v1/payments/{challenged.GetProperty("id").GetGuid()}/receipt")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await booked.Patient.Http.GetAsync($"/api/v1/payments/{challenged.GetProperty("id").GetGuid()}/receipt")).ProblemCodeAsync()).ShouldBe("billing.no_receipt");
        using var doctor = await host.SignedInAsync(DoctorEmail);
        (await doctor.Http.GetAsync($"/api/v1/appointments/{booked.AppointmentId}/payment")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await stranger.Http.GetAsync("/api/v1/admin/payments")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}

public sealed class BillingSqliteHost() : TelemedHost(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["Consultations:WorkerIntervalMilliseconds"] = "100" });

public sealed class BillingPostgresHost() : TelemedHost(DatabaseProvider.Postgres, new Dictionary<string, string?> { ["Consultations:WorkerIntervalMilliseconds"] = "100" });

[Collection("billing-sqlite")]
public sealed class PaymentScenariosOnSqlite(BillingSqliteHost host) : PaymentScenarios(host);

[Collection("billing-postgres")]
public sealed class PaymentScenariosOnPostgres(BillingPostgresHost host) : PaymentScenarios(host);

[CollectionDefinition("billing-sqlite")]
public sealed class BillingSqliteCollection : ICollectionFixture<BillingSqliteHost>;

[CollectionDefinition("billing-postgres")]
public sealed class BillingPostgresCollection : ICollectionFixture<BillingPostgresHost>;
