namespace Telemed.Modules.Billing.Contracts;

/// <summary>
/// An amount of money in the currency's minor units (kopecks, cents; ISO 4217 exponent — 0 for JPY, 3 for KWD — does not
/// matter to the arithmetic, which never leaves minor units) and its ISO 4217 code. Never a floating-point amount.
/// </summary>
public readonly record struct Money(long AmountMinor, string Currency)
{
    /// <summary>Zero in <paramref name="currency"/>.</summary>
    public static Money Zero(string currency) => new(0, currency);

    /// <summary>The smaller of two amounts of the same currency; <see cref="InvalidOperationException"/> for different currencies (a programming error, never user input).</summary>
    public static Money Min(Money a, Money b) => SameCurrency(a, b).AmountMinor <= b.AmountMinor ? a : b;

    /// <summary>The larger of two amounts of the same currency.</summary>
    public static Money Max(Money a, Money b) => SameCurrency(a, b).AmountMinor >= b.AmountMinor ? a : b;

    private static Money SameCurrency(Money a, Money b) =>
        string.Equals(a.Currency, b.Currency, StringComparison.Ordinal) ? a : throw new InvalidOperationException("Amounts in different currencies cannot be compared.");
}
