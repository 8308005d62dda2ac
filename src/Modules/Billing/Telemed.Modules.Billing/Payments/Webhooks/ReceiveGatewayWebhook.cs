using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Billing.Infrastructure;
using Telemed.Modules.Billing.Payments.Gateways;
using Telemed.Modules.Billing.Payments.Settlement;

namespace Telemed.Modules.Billing.Payments.Webhooks;

/// <summary>What a webhook delivery did: <c>applied</c> (first delivery), <c>duplicate</c> (seen before: nothing changed) or <c>ignored</c> (no payment of ours).</summary>
public sealed record WebhookReceipt(string Outcome);

/// <summary>
/// <c>POST /api/v1/billing/webhooks/{gateway}</c>: a gateway's signed event about an intent. The signature is checked over the exact bytes
/// received (400 <c>billing.webhook_signature_invalid</c>); the event id is recorded in the same transaction as the change it makes, so the
/// same delivery twice is applied once. Unknown gateway: 404. Bodies over 256 KiB: 413. An event with an id, type or intent field longer
/// than it is kept: 400 <c>billing.webhook_field_too_long</c> (<see cref="GatewayEventBounds"/>), nothing stored.
/// </summary>
internal static class ReceiveGatewayWebhook
{
    public const int MaxBytes = 256 * 1024;

    public static async Task<Results<Ok<WebhookReceipt>, ProblemHttpResult>> HandleAsync(string gateway, HttpRequest request, IEnumerable<IGatewayWebhooks> readers,
        BillingDbContext db, PaymentSettlement settlement, AuditScope audit, TimeProvider clock, CancellationToken ct)
    {
        var reader = readers.FirstOrDefault(r => string.Equals(r.Gateway, gateway, StringComparison.Ordinal));
        if (reader is null)
        {
            return Problems.From(Error.NotFound());
        }

        if (request.ContentLength > MaxBytes)
        {
            return Problems.From(new Error("billing.webhook_too_large", "The webhook body is too large.", ErrorKind.PayloadTooLarge));
        }

        string payload;
        using (var body = new StreamReader(request.Body, Encoding.UTF8))
        {
            var buffer = new char[MaxBytes + 1];
            var read = await body.ReadBlockAsync(buffer, ct);
            if (read > MaxBytes)
            {
                return Problems.From(new Error("billing.webhook_too_large", "The webhook body is too large.", ErrorKind.PayloadTooLarge));
            }

            payload = new string(buffer, 0, read);
        }

        var parsed = reader.Read(payload, request.Headers["Stripe-Signature"].FirstOrDefault() ?? request.Headers["Webhook-Signature"].FirstOrDefault());
        if (!parsed.IsSuccess)
        {
            audit.Record("payment.webhook", AuditOutcome.Denied, "GatewayEvent", gateway, "signature does not verify");
            return Problems.From(parsed.Error!);
        }

        var e = parsed.Value;
        if (GatewayEventBounds.Refusal(e) is { } tooLong)
        {
            audit.Record("payment.webhook", AuditOutcome.Denied, "GatewayEvent", gateway, "a field is longer than it is kept");
            return Problems.From(tooLong);
        }

        if (await db.ProcessedGatewayEvents.AsNoTracking().AnyAsync(p => p.Gateway == gateway && p.EventId == e.EventId, ct))
        {
            return TypedResults.Ok(new WebhookReceipt("duplicate"));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        db.ProcessedGatewayEvents.Add(new ProcessedGatewayEvent { Gateway = gateway, EventId = e.EventId, Type = e.Type, ReceivedAt = now });
        Payment? payment = null;
        if (e.Intent is { } intent)
        {
            payment = await db.Payments.Include(p => p.Movements).SingleOrDefaultAsync(p => p.IntentId == intent.IntentId, ct);
            if (payment is not null)
            {
                var before = payment.Status;
                payment.Apply(intent, now);
                audit.Record("payment.webhook", AuditOutcome.Success, "Payment", payment.Id.ToString(), $"{e.Type}: {PaymentErrors.Name(before)} → {PaymentErrors.Name(payment.Status)}",
                    subjectPatientId: payment.PatientId);
            }
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // The same delivery raced itself: the other one applied it.
            return TypedResults.Ok(new WebhookReceipt("duplicate"));
        }
        catch (DbUpdateConcurrencyException)
        {
            // The payment moved meanwhile: answer an error so the gateway delivers again, and the retry applies onto the new state.
            return Problems.From(PaymentErrors.Concurrent);
        }

        if (payment is not null)
        {
            try
            {
                await settlement.CaptureDueAsync(payment, ct);
            }
            catch (GatewayUnavailableException)
            {
                // Applied already; the amount due is captured the next time the payer or a later event looks at the payment.
            }
        }

        return TypedResults.Ok(new WebhookReceipt(payment is null ? "ignored" : "applied"));
    }
}
