using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Billing.Infrastructure;
using Telemed.Modules.Billing.Payments.Gateways;

namespace Telemed.Modules.Billing.Payments;

/// <summary>The payer's and the front desk's calls on a visit's payment (<c>/api/v1/appointments/{appointmentId}/payment</c>, <c>/api/v1/payments/{id}</c>).</summary>
internal static class PaymentEndpoints
{
    /// <summary>
    /// The appointment's payment: the payer sees it all, front desk and admin its status. 404 <c>billing.payment_not_found</c> when there is
    /// none or the caller may not see it.
    /// </summary>
    public static async Task<Results<Ok<PaymentView>, ProblemHttpResult>> GetAsync(Guid appointmentId, BillingDbContext db, PaymentAccess access,
        IPaymentGateway gateway, CancellationToken ct)
    {
        var payment = await db.Payments.AsNoTracking().Include(p => p.Movements).SingleOrDefaultAsync(p => p.AppointmentId == appointmentId, ct);
        if (payment is null)
        {
            return Problems.From(PaymentErrors.NotFound);
        }

        var visibility = await access.VisibilityAsync(payment.PatientId, payment.Id, ct);
        return visibility == PaymentVisibility.None
            ? Problems.From(PaymentErrors.NotFound)
            : TypedResults.Ok(PaymentView.Of(payment, visibility, gateway.PublishableKey));
    }

    /// <summary>
    /// Starts (or resumes) paying for the appointment: creates the payment if the booking's event has not yet, and an intent at the gateway
    /// for the amount to authorise; answers the payment with the client secret the browser confirms the card with. Asked again, it answers
    /// the same open intent — also for a visit held unpaid — or a fresh one when the gateway can no longer confirm the old one
    /// (<see cref="PaymentIntentOpener"/>). Only the patient or their guardian. Errors: 404 <c>billing.appointment_not_found</c>,
    /// 409 <c>billing.nothing_to_pay</c>, 409 <c>billing.payment_changed</c>, 503 <c>billing.gateway_unavailable</c>.
    /// </summary>
    public static async Task<Results<Ok<PaymentView>, ProblemHttpResult>> StartAsync(Guid appointmentId, PaymentForAppointment payments,
        PaymentAccess access, PaymentIntentOpener opener, IPaymentGateway gateway, CancellationToken ct)
    {
        var ensured = await payments.EnsureAsync(appointmentId, ct);
        if (!ensured.IsSuccess)
        {
            return Problems.From(ensured.Error!.Code == PaymentErrors.NothingToPay.Code ? PaymentErrors.AppointmentNotFound : ensured.Error);
        }

        var payment = ensured.Value;
        if (await access.VisibilityAsync(payment.PatientId, payment.Id, ct) != PaymentVisibility.Payer)
        {
            return Problems.From(PaymentErrors.AppointmentNotFound);
        }

        var opened = await opener.OpenAsync(payment, ct);
        return opened.IsSuccess
            ? TypedResults.Ok(PaymentView.Of(opened.Value, PaymentVisibility.Payer, gateway.PublishableKey))
            : Problems.From(opened.Error!);
    }

    /// <summary>
    /// Takes in what the gateway says after the browser confirmed the card (also reconciles a missed webhook); an unpaid visit authorised
    /// now is captured at once. Only the payer. Errors: 404 <c>billing.payment_not_found</c>, 409 <c>billing.payment_changed</c>,
    /// 503 <c>billing.gateway_unavailable</c>.
    /// </summary>
    public static async Task<Results<Ok<PaymentView>, ProblemHttpResult>> SyncAsync(Guid id, BillingDbContext db, PaymentAccess access, IPaymentGateway gateway,
        PaymentIntentOpener opener, CancellationToken ct)
    {
        var payment = await db.Payments.Include(p => p.Movements).SingleOrDefaultAsync(p => p.Id == id, ct);
        if (payment is null || await access.VisibilityAsync(payment.PatientId, payment.Id, ct) != PaymentVisibility.Payer)
        {
            return Problems.From(PaymentErrors.NotFound);
        }

        if (payment.IntentId is { } intentId && string.Equals(payment.Gateway, gateway.Name, StringComparison.Ordinal))
        {
            var intent = await gateway.GetIntentAsync(intentId, ct);
            if (!intent.IsSuccess)
            {
                return Problems.From(intent.Error!);
            }

            if (await opener.TakeInAsync(payment, intent.Value, ct) is { } error)
            {
                return Problems.From(error);
            }
        }

        return TypedResults.Ok(PaymentView.Of(payment, PaymentVisibility.Payer, gateway.PublishableKey));
    }
}
