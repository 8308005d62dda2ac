using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Billing.Infrastructure;

namespace Telemed.Modules.Billing.Payments.Gateways.Sandbox;

/// <summary>
/// The embedded default gateway (<c>Billing:Gateway</c> = <c>sandbox</c>): Stripe's PaymentIntent state machine with manual
/// capture, kept in the sandbox's own tables and committed in its own transaction (as a remote gateway's books would be), with
/// idempotency keys honoured as Stripe does (the same key replays the first answer). Cards are confirmed from the browser through
/// <see cref="SandboxEndpoints"/> with the documented test numbers only.
/// </summary>
internal sealed class SandboxGateway(IServiceScopeFactory scopes, TimeProvider clock) : IPaymentGateway
{
    public const string GatewayName = "sandbox";

    public string Name => GatewayName;

    public string? PublishableKey => null;

    public Task<Result<GatewayIntent>> CreateIntentAsync(CreateIntentRequest request, string idempotencyKey, CancellationToken cancellationToken) =>
        InScopeAsync(async db =>
        {
            if (await ReplayAsync(db, idempotencyKey, "create", cancellationToken) is { } replayed)
            {
                return await IntentAsync(db, replayed.IntentId, cancellationToken);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var id = "pi_sbx_" + Guid.NewGuid().ToString("N");
            var intent = new SandboxIntent
            {
                Id = id, ClientSecret = $"{id}_secret_{Guid.NewGuid():N}", AmountMinor = request.AmountMinor, Currency = request.Currency.ToUpperInvariant(),
                CreatedAt = now, UpdatedAt = now,
            };
            db.SandboxIntents.Add(intent);
            db.SandboxRequests.Add(new SandboxRequest { IdempotencyKey = idempotencyKey, Operation = "create", IntentId = id, AmountMinor = request.AmountMinor, At = now });
            await db.SaveChangesAsync(cancellationToken);
            return (Result<GatewayIntent>)ToGateway(intent);
        });

    public Task<Result<GatewayIntent>> GetIntentAsync(string intentId, CancellationToken cancellationToken) =>
        InScopeAsync(db => IntentAsync(db, intentId, cancellationToken));

    public Task<Result<GatewayIntent>> CaptureAsync(string intentId, long amountMinor, string idempotencyKey, CancellationToken cancellationToken) =>
        ChangeAsync(intentId, idempotencyKey, "capture", amountMinor, intent =>
        {
            if (intent.Status != "requires_capture")
            {
                return GatewayErrors.Refused("payment_intent_unexpected_state");
            }

            if (amountMinor < 0 || amountMinor > intent.AmountMinor)
            {
                return GatewayErrors.Refused("amount_too_large");
            }

            intent.Status = "succeeded";
            intent.AmountCapturedMinor = amountMinor;
            return null;
        }, cancellationToken);

    public Task<Result<GatewayIntent>> CancelAsync(string intentId, string idempotencyKey, CancellationToken cancellationToken) =>
        ChangeAsync(intentId, idempotencyKey, "cancel", 0, intent =>
        {
            if (intent.Status is "succeeded" or "canceled")
            {
                return GatewayErrors.Refused("payment_intent_unexpected_state");
            }

            intent.Status = "canceled";
            return null;
        }, cancellationToken);

    public Task<Result<GatewayRefund>> RefundAsync(string intentId, long amountMinor, string idempotencyKey, CancellationToken cancellationToken) =>
        InScopeAsync(async db =>
        {
            if (await ReplayAsync(db, idempotencyKey, "refund", cancellationToken) is { } replayed)
            {
                return new GatewayRefund(replayed.RefundId!, replayed.IntentId, replayed.AmountMinor, "succeeded");
            }

            var intent = await db.SandboxIntents.SingleOrDefaultAsync(i => i.Id == intentId, cancellationToken);
            if (intent is null)
            {
                return GatewayErrors.Refused("resource_missing");
            }

            if (intent.Status != "succeeded" || amountMinor <= 0 || amountMinor > intent.AmountCapturedMinor - intent.AmountRefundedMinor)
            {
                return GatewayErrors.Refused("charge_already_refunded");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var refundId = "re_sbx_" + Guid.NewGuid().ToString("N");
            intent.AmountRefundedMinor += amountMinor;
            intent.UpdatedAt = now;
            db.SandboxRequests.Add(new SandboxRequest { IdempotencyKey = idempotencyKey, Operation = "refund", IntentId = intentId, AmountMinor = amountMinor, RefundId = refundId, At = now });
            await db.SaveChangesAsync(cancellationToken);
            return (Result<GatewayRefund>)new GatewayRefund(refundId, intentId, amountMinor, "succeeded");
        });

    /// <summary>Confirms the intent behind <paramref name="clientSecret"/> with a test card, as Stripe.js does in the browser.</summary>
    public Task<Result<GatewayIntent>> ConfirmAsync(string clientSecret, SandboxCard card, string last4, CancellationToken cancellationToken) =>
        InScopeAsync(async db =>
        {
            var intent = await db.SandboxIntents.SingleOrDefaultAsync(i => i.ClientSecret == clientSecret, cancellationToken);
            if (intent is null || intent.Status is not ("requires_payment_method" or "requires_action"))
            {
                return SandboxErrors.NotConfirmable;
            }

            intent.CardBrand = card.Brand;
            intent.CardLast4 = last4;
            intent.DeclineCode = card.DeclineCode;
            intent.Status = card.DeclineCode is not null ? "requires_payment_method" : card.RequiresAuthentication ? "requires_action" : "requires_capture";
            intent.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
            return (Result<GatewayIntent>)ToGateway(intent);
        });

    /// <summary>Finishes (or fails) the card's authentication step of the intent behind <paramref name="clientSecret"/>.</summary>
    public Task<Result<GatewayIntent>> AuthenticateAsync(string clientSecret, bool approved, CancellationToken cancellationToken) =>
        InScopeAsync(async db =>
        {
            var intent = await db.SandboxIntents.SingleOrDefaultAsync(i => i.ClientSecret == clientSecret, cancellationToken);
            if (intent is null || intent.Status != "requires_action")
            {
                return SandboxErrors.NotConfirmable;
            }

            intent.Status = approved ? "requires_capture" : "requires_payment_method";
            intent.DeclineCode = approved ? null : "authentication_failed";
            intent.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
            return (Result<GatewayIntent>)ToGateway(intent);
        });

    private Task<Result<GatewayIntent>> ChangeAsync(string intentId, string idempotencyKey, string operation, long amountMinor, Func<SandboxIntent, Error?> change,
        CancellationToken cancellationToken) =>
        InScopeAsync(async db =>
        {
            if (await ReplayAsync(db, idempotencyKey, operation, cancellationToken) is { } replayed)
            {
                return await IntentAsync(db, replayed.IntentId, cancellationToken);
            }

            var intent = await db.SandboxIntents.SingleOrDefaultAsync(i => i.Id == intentId, cancellationToken);
            if (intent is null)
            {
                return GatewayErrors.Refused("resource_missing");
            }

            if (change(intent) is { } error)
            {
                return error;
            }

            var now = clock.GetUtcNow().UtcDateTime;
            intent.UpdatedAt = now;
            db.SandboxRequests.Add(new SandboxRequest { IdempotencyKey = idempotencyKey, Operation = operation, IntentId = intentId, AmountMinor = amountMinor, At = now });
            await db.SaveChangesAsync(cancellationToken);
            return (Result<GatewayIntent>)ToGateway(intent);
        });

    private static async Task<SandboxRequest?> ReplayAsync(BillingDbContext db, string idempotencyKey, string operation, CancellationToken ct)
    {
        var request = await db.SandboxRequests.AsNoTracking().SingleOrDefaultAsync(r => r.IdempotencyKey == idempotencyKey, ct);
        return request is not null && request.Operation == operation ? request : null;
    }

    private static async Task<Result<GatewayIntent>> IntentAsync(BillingDbContext db, string intentId, CancellationToken ct) =>
        await db.SandboxIntents.AsNoTracking().SingleOrDefaultAsync(i => i.Id == intentId, ct) is { } intent
            ? ToGateway(intent)
            : GatewayErrors.Refused("resource_missing");

    private async Task<Result<T>> InScopeAsync<T>(Func<BillingDbContext, Task<Result<T>>> work)
    {
        try
        {
            return await OnceAsync(work);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Two calls with the same idempotency key at once: the winner's request is committed now, so the loser's second
            // try finds it and answers as a replay would (Stripe replays a finished key too). Only if that also collides is the
            // gateway "unavailable" (retry); answering that at once sent a double-clicked "Pay" a 503.
        }

        try
        {
            return await OnceAsync(work);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return GatewayErrors.Unavailable;
        }
    }

    private async Task<Result<T>> OnceAsync<T>(Func<BillingDbContext, Task<Result<T>>> work)
    {
        using var scope = scopes.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<BillingDbContext>());
    }

    private static GatewayIntent ToGateway(SandboxIntent i) => new(i.Id, i.Status switch
    {
        "requires_action" => GatewayIntentStatus.RequiresAction,
        "requires_capture" => GatewayIntentStatus.Authorised,
        "succeeded" => GatewayIntentStatus.Captured,
        "canceled" => GatewayIntentStatus.Cancelled,
        _ => GatewayIntentStatus.RequiresPaymentMethod,
    }, i.AmountMinor, i.Currency, i.AmountCapturedMinor, i.ClientSecret, i.DeclineCode, i.CardBrand, i.CardLast4);
}

/// <summary>Errors of the sandbox's browser-side calls.</summary>
internal static class SandboxErrors
{
    public static readonly Error TestCardsOnly = new("billing.sandbox_test_cards_only",
        "This is the sandbox payment gateway: use a test card such as 4242 4242 4242 4242. Real cards are never accepted.", ErrorKind.Unprocessable);

    public static readonly Error NotConfirmable = Error.Conflict("billing.sandbox_not_confirmable", "This payment cannot take a card now; reload the page.");
}
