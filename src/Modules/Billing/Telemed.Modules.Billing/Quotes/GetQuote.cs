using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Telemed.BuildingBlocks.Http;
using Telemed.Modules.Billing.Payments;

namespace Telemed.Modules.Billing.Quotes;

/// <summary>
/// The price of a visit before booking: <c>Amount</c> for <c>Minutes</c> (the slot's length), the doctor's qualification factor, and the
/// clinic's increment ("per started N minutes") that the final charge after the visit rounds up to. The final charge never exceeds the quote.
/// </summary>
public sealed record QuoteView(MoneyView Amount, int Minutes, decimal QualificationFactor, int IncrementMinutes, MoneyView HourlyRate);

/// <summary><c>GET /api/v1/billing/quote?doctorId=&amp;clinicId=&amp;minutes=</c>, public like the doctor's profile (rate limited).</summary>
internal static class GetQuote
{
    /// <summary>Errors: 404 <c>billing.doctor_not_found</c>, 422 <c>billing.invalid_rate</c> (the doctor has no rate), <c>billing.invalid_duration</c> (1–1440 minutes).</summary>
    public static async Task<Results<Ok<QuoteView>, ProblemHttpResult>> HandleAsync(Guid doctorId, Guid clinicId, int minutes, QuoteCalculator quotes, CancellationToken ct)
    {
        var quote = await quotes.QuoteAsync(doctorId, clinicId, minutes, ct);
        if (!quote.IsSuccess)
        {
            return Problems.From(quote.Error!);
        }

        var q = quote.Value;
        return TypedResults.Ok(new QuoteView(new(q.AmountMinor, q.Currency), q.Minutes, q.QualificationFactor, q.IncrementMinutes, new(q.HourlyRateMinor, q.Currency)));
    }
}
