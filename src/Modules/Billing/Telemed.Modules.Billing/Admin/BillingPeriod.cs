using Telemed.BuildingBlocks.Results;

namespace Telemed.Modules.Billing.Admin;

/// <summary>
/// A reporting period [<c>From</c>, <c>To</c>) in UTC for the reconciliation, the accounting export and the claims export: at most 366 days,
/// start before end, both between the years 2000 and 2100 (anything else is a typing error, never a reason for a 5xx).
/// Error: 400 <c>billing.invalid_period</c>.
/// </summary>
public readonly record struct BillingPeriod(DateTime From, DateTime To)
{
    private static readonly DateTime Earliest = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Latest = new(2100, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static readonly Error Invalid = Error.Validation("billing.invalid_period",
        "Choose a period of at most 366 days, between the years 2000 and 2100, whose start is before its end.");

    /// <summary>The period from the query; a missing end is <paramref name="now"/>, a missing start one day before the end.</summary>
    public static Result<BillingPeriod> Of(DateTime? from, DateTime? to, DateTime now)
    {
        var until = Utc(to ?? now);
        if (until is not { } end || from is not null && Utc(from.Value) is null)
        {
            return Invalid;
        }

        var start = from is { } f ? Utc(f)!.Value : end.AddDays(-1);
        return start < end && end - start <= TimeSpan.FromDays(366) ? new BillingPeriod(start, end) : Invalid;
    }

    private static DateTime? Utc(DateTime value)
    {
        // Checked before converting: a year-1 or year-9999 value would overflow on the way.
        if (value.Year is < 2000 or >= 2100)
        {
            return null;
        }

        var utc = value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(value, DateTimeKind.Utc) : value.ToUniversalTime();
        return utc >= Earliest && utc < Latest ? utc : null;
    }
}
