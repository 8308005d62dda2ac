namespace Telemed.BuildingBlocks.Text;

/// <summary>
/// Russian plural forms of a word after a whole number, by the CLDR rules for Russian (unicode.org, "Language Plural Rules"):
/// <c>one</c> when the number ends in 1 but not 11 (1, 21, 101), <c>few</c> when it ends in 2–4 but not 12–14 (2, 23, 104),
/// <c>many</c> otherwise (0, 5–20, 25, 111). For the server's own Russian sentences (a dosage, a prescription check).
/// </summary>
public static class RussianPlural
{
    /// <summary>The form of the word for <paramref name="n"/> (≥ 0): "1 раз", "2 раза", "5 раз" from ("раз", "раза", "раз").</summary>
    public static string Form(int n, string one, string few, string many) =>
        (n % 10, n % 100) switch
        {
            (1, not 11) => one,
            ( >= 2 and <= 4, < 12 or > 14) => few,
            _ => many,
        };
}
