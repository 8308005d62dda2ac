using System.Globalization;
using Telemed.Modules.Clinical.Infrastructure;

namespace Telemed.Modules.Clinical.Formulary;

/// <summary>
/// Reads a formulary file: tab-separated UTF-8, one medicine a line, columns <c>code, inn, inn_ru, atc, name, form,
/// strength, dose_unit, dispense_unit, route, min_daily, max_daily, min_age_years, allergy_class, source</c> (the last five
/// may be empty; decimals with a dot). Blank lines and lines starting with <c>#</c> are skipped; a line that does not fit is
/// reported by its 1-based number, not thrown. A field over its cap (<see cref="MaxLengths"/>: code 64, atc and allergy_class 32,
/// source 400, the other text columns 200) refuses the file (<see cref="ImportFieldLimits"/>: 400 naming the line and the column).
/// </summary>
internal static class FormularyFiles
{
    public const int Columns = 15;

    /// <summary>Each text column's name and cap, by position.</summary>
    private static readonly (int Column, string Name, int Max)[] MaxLengths =
    [
        (0, "code", 64), (1, "inn", 200), (2, "inn_ru", 200), (3, "atc", 32), (4, "name", 200), (5, "form", 200), (6, "strength", 200),
        (7, "dose_unit", 200), (8, "dispense_unit", 200), (9, "route", 200), (13, "allergy_class", 32), (14, "source", 400),
    ];

    public static (IReadOnlyList<FormularyMedicine> Medicines, IReadOnlyList<int> RejectedLines) Parse(TextReader reader, string edition,
        ImportFieldLimits? limits = null)
    {
        limits ??= new ImportFieldLimits();
        var medicines = new List<FormularyMedicine>();
        var rejected = new List<int>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line) || line.StartsWith('#'))
            {
                continue;
            }

            var cells = line.TrimEnd('\r').Split('\t');
            var fits = true;
            foreach (var (column, name, max) in MaxLengths)
            {
                fits &= column >= cells.Length || limits.Fits(number, name, cells[column].Trim(), max);
            }

            if (!fits)
            {
                continue;
            }

            if (ParseLine(line.TrimEnd('\r'), edition) is { } medicine)
            {
                medicines.Add(medicine);
            }
            else
            {
                rejected.Add(number);
            }
        }

        return (medicines, rejected);
    }

    private static FormularyMedicine? ParseLine(string line, string edition)
    {
        var c = line.Split('\t').Select(p => p.Trim()).ToArray();
        if (c.Length < 10 || c.Length > Columns)
        {
            return null;
        }

        string At(int i) => i < c.Length ? c[i] : "";
        if (new[] { 0, 1, 4, 5, 6, 7, 8, 9 }.Any(i => At(i).Length is 0))
        {
            return null;
        }

        if (!TryDecimal(At(10), out var min) || !TryDecimal(At(11), out var max) || (min, max) is ({ } lo, { } hi) && lo > hi)
        {
            return null;
        }

        int? minAge = null;
        if (At(12).Length > 0)
        {
            if (!int.TryParse(At(12), NumberStyles.None, CultureInfo.InvariantCulture, out var age) || age > 120)
            {
                return null;
            }

            minAge = age;
        }

        var medicine = new FormularyMedicine
        {
            Code = At(0).ToLowerInvariant(),
            ActiveIngredient = At(1).ToLowerInvariant(),
            ActiveIngredientRu = At(2).ToLowerInvariant(),
            AtcCode = At(3).ToUpperInvariant(),
            Name = At(4),
            Form = At(5),
            Strength = At(6),
            DoseUnit = At(7),
            DispenseUnit = At(8),
            Route = At(9).ToLowerInvariant(),
            MinDailyDose = min,
            MaxDailyDose = max,
            MinimumAgeYears = minAge,
            AllergyClass = At(13).ToLowerInvariant(),
            Source = At(14),
            Edition = edition,
        };
        medicine.SearchText = FormularyMedicine.SearchTextOf(medicine);
        return medicine;
    }

    private static bool TryDecimal(string text, out decimal? value)
    {
        value = null;
        if (text.Length == 0)
        {
            return true;
        }

        if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed) && parsed > 0)
        {
            value = parsed;
            return true;
        }

        return false;
    }
}
