using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Billing.Payments.Gateways;

namespace Telemed.Modules.Billing.Payments.Webhooks;

/// <summary>
/// The lengths a gateway's webhook event may have before anything of it is stored: its id and type (the processed-events key), the
/// intent id, decline code, card brand and last four digits (the payment's columns). A signed event with a longer one is refused
/// with 400 <c>billing.webhook_field_too_long</c> naming the field, before anything is stored: PostgreSQL refused the row (a 500 the
/// gateway retried for days) and SQLite stored it whole; cutting it would store an id or code the gateway never sent.
/// </summary>
internal static class GatewayEventBounds
{
    public const int MaxEventIdLength = 120;
    public const int MaxTypeLength = 80;
    public const int MaxIntentIdLength = 120;
    public const int MaxDeclineCodeLength = 64;
    public const int MaxCardBrandLength = 24;
    public const int MaxCardLast4Length = 4;

    /// <summary>The refusal naming the first field of <paramref name="e"/> over its bound, or null when all fit.</summary>
    public static Error? Refusal(GatewayEvent e)
    {
        var over = Over("id", e.EventId, MaxEventIdLength) ?? Over("type", e.Type, MaxTypeLength)
            ?? (e.Intent is { } i
                ? Over("intent.id", i.IntentId, MaxIntentIdLength) ?? Over("intent.declineCode", i.DeclineCode, MaxDeclineCodeLength)
                    ?? Over("intent.cardBrand", i.CardBrand, MaxCardBrandLength) ?? Over("intent.cardLast4", i.CardLast4, MaxCardLast4Length)
                : null);
        return over is var (field, limit)
            ? Error.Validation("billing.webhook_field_too_long", $"The event's {field} is longer than the {limit} characters kept; nothing of it was stored.")
            : null;
    }

    private static (string Field, int Limit)? Over(string field, string? value, int limit) => value is { } v && v.Length > limit ? (field, limit) : null;
}
