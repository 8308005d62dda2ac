using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Billing.Infrastructure;
using Telemed.Modules.Billing.Payments.Gateways;
using Telemed.Modules.Billing.Payments.Settlement;

namespace Telemed.Modules.Billing.Payments;

/// <summary>
/// Gives the payer an intent they can confirm a card with, for every state in which paying is possible (<see cref="Payment.AcceptsCard"/>):
/// the stored intent while the gateway can still confirm it for the amount to authorise, else a fresh one. Asked again, it answers the same
/// open intent, so a patient who opened the payment step, left, and came back once the visit was held unpaid can still pay what is due
/// (the live walk found the second answer without a client secret, and the payment unpayable).
/// </summary>
internal sealed class PaymentIntentOpener(BillingDbContext db, IPaymentGateway gateway, PaymentSettlement settlement, AuditScope audit, TimeProvider clock)
{
    /// <summary>
    /// The idempotency key of the payment's intent: <c>payment:{id}:intent</c> for the first, <c>payment:{id}:intent:after:{replaced intent}</c>
    /// for one replacing an intent that can no longer be confirmed (two requests replacing the same intent at once get one fresh intent).
    /// </summary>
    public static string IntentKey(Guid paymentId, string? replacedIntentId) =>
        replacedIntentId is null ? $"payment:{paymentId:N}:intent" : $"payment:{paymentId:N}:intent:after:{replacedIntentId}";

    /// <summary>
    /// Makes sure <paramref name="payment"/> (tracked, with its movements) carries an intent the browser can confirm while it takes a card,
    /// and saves it. An intent the gateway meanwhile authorised (a missed webhook) is taken in instead, and an unpaid amount captured. Returns
    /// the payment as stored. Errors: 409 <c>billing.payment_changed</c>, 503 <c>billing.gateway_unavailable</c>, 409 <c>billing.gateway_refused</c>.
    /// </summary>
    public async Task<Result<Payment>> OpenAsync(Payment payment, CancellationToken ct)
    {
        if (!payment.AcceptsCard)
        {
            return payment;
        }

        string? replaced = null;
        if (payment.IntentId is { } intentId)
        {
            if (string.Equals(payment.Gateway, gateway.Name, StringComparison.Ordinal))
            {
                var current = await gateway.GetIntentAsync(intentId, ct);
                if (!current.IsSuccess)
                {
                    return current.Error!;
                }

                switch (current.Value.Status)
                {
                    case GatewayIntentStatus.RequiresPaymentMethod or GatewayIntentStatus.RequiresAction
                        when current.Value.AmountMinor >= payment.AmountToAuthoriseMinor:
                        return payment;
                    case GatewayIntentStatus.RequiresPaymentMethod or GatewayIntentStatus.RequiresAction:
                        // Opened for less than is now due (an agreed extension): closed, so it can never hold money nobody captures.
                        var cancelled = await gateway.CancelAsync(intentId, $"payment:{payment.Id:N}:cancel:{intentId}", ct);
                        if (!cancelled.IsSuccess)
                        {
                            return cancelled.Error!;
                        }

                        break;
                    case GatewayIntentStatus.Cancelled:
                        break;
                    default:
                        // Authorised, captured or still processing at the gateway: take that in rather than ask for another card.
                        return await TakeInAsync(payment, current.Value, ct) is { } error ? error : payment;
                }
            }

            // Replaced: cancelled at the gateway, too small, or made with a gateway this host no longer uses.
            replaced = intentId;
        }

        var intent = await gateway.CreateIntentAsync(new CreateIntentRequest(payment.Id, payment.AmountToAuthoriseMinor, payment.Currency, "Telemed consultation"),
            IntentKey(payment.Id, replaced), ct);
        if (!intent.IsSuccess)
        {
            return intent.Error!;
        }

        payment.AttachIntent(gateway.Name, intent.Value, clock.GetUtcNow().UtcDateTime);
        audit.Record("payment.started", AuditOutcome.Success, "Payment", payment.Id.ToString(), subjectPatientId: payment.PatientId);
        try
        {
            await db.SaveChangesAsync(ct);
            return payment;
        }
        catch (DbUpdateConcurrencyException)
        {
            // The same start sent twice at once (a double click, a retry): the other request attached the intent the gateway gave
            // both for our key, so the stored payment is this one's answer too.
            db.ChangeTracker.Clear();
            var stored = await db.Payments.Include(p => p.Movements).SingleOrDefaultAsync(p => p.Id == payment.Id, ct);
            return stored is not null && stored.IntentId == intent.Value.IntentId ? stored : PaymentErrors.Concurrent;
        }
    }

    /// <summary>
    /// Takes in what the gateway says of the payment's intent (after the browser confirmed the card, a missed webhook), audits a change, saves,
    /// and captures at once what an unpaid visit owes once a card holds it. Null when done; 409 <c>billing.payment_changed</c> or 503
    /// <c>billing.gateway_unavailable</c> otherwise.
    /// </summary>
    public async Task<Error?> TakeInAsync(Payment payment, GatewayIntent intent, CancellationToken ct)
    {
        var before = payment.Status;
        payment.Apply(intent, clock.GetUtcNow().UtcDateTime);
        if (payment.Status != before || payment.AuthorisedMinor > 0)
        {
            audit.Record(payment.Status == PaymentStatus.Authorised ? "payment.authorised" : "payment.updated", AuditOutcome.Success, "Payment",
                payment.Id.ToString(), PaymentErrors.Name(payment.Status), subjectPatientId: payment.PatientId);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return PaymentErrors.Concurrent;
        }

        try
        {
            await settlement.CaptureDueAsync(payment, ct);
        }
        catch (GatewayUnavailableException)
        {
            return GatewayErrors.Unavailable;
        }

        return null;
    }
}
