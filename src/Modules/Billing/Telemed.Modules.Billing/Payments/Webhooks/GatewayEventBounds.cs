using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Billing.Payments.Gateways;

namespace Telemed.Modules.Billing.Payments.Webhooks;

/// <summary>
/// The lengths what a gateway tells us may have before anything of it is stored: a webhook event's id and type (the
/// processed-events key), an intent's id, client secret, decline code, card brand and last four digits (the payment's columns)
/// and a refund's id (the ledger's gateway reference and the refund request's key), in characters. The one copy of these bounds:
/// the columns take their lengths from here, and both the webhook and the gateway client's answers are held to them.
/// A signed event with a longer field is refused with 400 <c>billing.webhook_field_too_long</c>, an API answer with one with 503
/// <c>billing.gateway_answer_too_long</c>, both naming the field and before anything is stored: PostgreSQL refused the row (a 500)
/// and SQLite stored it whole; cutting it would store an id or code the gateway never sent.
/// <para>Ids are kept to 255 characters: Stripe may change the length of its object ids without notice but says they never
/// exceed 255 (https://docs.stripe.com/upgrades, "backward-compatible changes"), so a refusal means the gateway broke its own
/// contract, not that we kept too little (billing migration 0011 widened the columns from 120).</para>
/// </summary>
internal static class GatewayEventBounds
{
    /// <summary>Stripe's documented longest object id, in characters.</summary>
    public const int MaxGatewayIdLength = 255;

    public const int MaxEventIdLength = MaxGatewayIdLength;
    public const int MaxTypeLength = 80;
    public const int MaxIntentIdLength = MaxGatewayIdLength;

    /// <summary>
    /// Stripe's are <c>{intent id}_secret_{24 characters}</c>: room for the longest intent id and a secret part of up to 57. The
    /// payment keeps it encrypted, so no column bounds it; this bound keeps a broken answer from being stored whole.
    /// </summary>
    public const int MaxClientSecretLength = MaxIntentIdLength + 65;

    public const int MaxDeclineCodeLength = 64;
    public const int MaxCardBrandLength = 24;
    public const int MaxCardLast4Length = 4;
    public const int MaxRefundIdLength = MaxGatewayIdLength;

    /// <summary>The refusal naming the first field of <paramref name="e"/> over its bound, or null when all fit.</summary>
    public static Error? Refusal(GatewayEvent e)
    {
        var over = Over("id", e.EventId, MaxEventIdLength) ?? Over("type", e.Type, MaxTypeLength) ?? (e.Intent is { } i ? Over(i) : null);
        return over is var (field, limit)
            ? Error.Validation("billing.webhook_field_too_long", $"The event's {field} is longer than the {limit} characters kept; nothing of it was stored.")
            : null;
    }

    /// <summary>
    /// The first field of an intent the gateway told us of that is over its bound (<c>intent.id</c>, <c>intent.declineCode</c>,
    /// <c>intent.cardBrand</c>, <c>intent.cardLast4</c>), or null. The client secret is checked only where it is stored (an API
    /// answer: <see cref="OverInAnswer(GatewayIntent)"/>); a webhook's is never kept.
    /// </summary>
    public static (string Field, int Limit)? Over(GatewayIntent i) =>
        Over("intent.id", i.IntentId, MaxIntentIdLength) ?? Over("intent.declineCode", i.DeclineCode, MaxDeclineCodeLength)
            ?? Over("intent.cardBrand", i.CardBrand, MaxCardBrandLength) ?? Over("intent.cardLast4", i.CardLast4, MaxCardLast4Length);

    /// <summary>As <see cref="Over(GatewayIntent)"/>, and the client secret (<c>intent.clientSecret</c>), which a payment keeps from an API answer.</summary>
    public static (string Field, int Limit)? OverInAnswer(GatewayIntent i) => Over(i) ?? Over("intent.clientSecret", i.ClientSecret, MaxClientSecretLength);

    /// <summary>The refund's id when it is over its bound (<c>refund.id</c>), or null.</summary>
    public static (string Field, int Limit)? Over(GatewayRefund r) => Over("refund.id", r.RefundId, MaxRefundIdLength);

    /// <summary>
    /// 503 <c>billing.gateway_answer_too_long</c>: the gateway's answer to an API call had <paramref name="field"/> longer than
    /// <paramref name="limit"/> characters, so nothing of it was stored and the payment stays as it was (a patient may start paying again).
    /// </summary>
    public static Error AnswerTooLong(string field, int limit) =>
        new("billing.gateway_answer_too_long", $"The payment provider answered with a {field} longer than the {limit} characters kept; nothing of it was stored.",
            ErrorKind.Unavailable);

    private static (string Field, int Limit)? Over(string field, string? value, int limit) => value is { } v && v.Length > limit ? (field, limit) : null;
}
