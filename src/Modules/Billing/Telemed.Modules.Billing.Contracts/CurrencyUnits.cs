namespace Telemed.Modules.Billing.Contracts;

/// <summary>
/// A currency's minor unit by its ISO 4217 exponent: 0 for JPY and the like, 3 for KWD and the like, else 2. Amounts are kept in
/// minor units everywhere; this is only for showing them (receipts, notices) and for formats that take major units (FHIR).
/// </summary>
public static class CurrencyUnits
{
    public static int Exponent(string currency) => currency switch
    {
        "JPY" or "KRW" or "VND" or "CLP" or "ISK" or "UGX" or "XAF" or "XOF" => 0,
        "BHD" or "KWD" or "OMR" or "JOD" or "IQD" or "LYD" or "TND" => 3,
        _ => 2,
    };

    /// <summary><paramref name="minor"/> units in the currency's major unit, exactly.</summary>
    public static decimal Major(long minor, string currency) => Exponent(currency) switch
    {
        0 => minor,
        3 => minor / 1000m,
        _ => minor / 100m,
    };

    /// <summary>"487.50 RUB" / "487,50 RUB": the amount in <paramref name="culture"/> with as many decimals as the currency has.</summary>
    public static string Format(long minor, string currency, System.Globalization.CultureInfo culture) =>
        $"{Major(minor, currency).ToString("N" + Exponent(currency).ToString(System.Globalization.CultureInfo.InvariantCulture), culture)} {currency}";
}
