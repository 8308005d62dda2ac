namespace Telemed.Modules.Billing.Payments;

/// <summary>
/// The price the patient saw, stored with the appointment's payment so later changes of the doctor's rate or the clinic's rules never
/// reprice a booked visit: the amount (minor units), the minutes it is for, and everything the final charge is computed with.
/// </summary>
public sealed record PaymentQuote(long AmountMinor, string Currency, int Minutes, long HourlyRateMinor, decimal QualificationFactor,
    int IncrementMinutes, long MinimumChargeMinor, int LateCancellationFeePercent);
