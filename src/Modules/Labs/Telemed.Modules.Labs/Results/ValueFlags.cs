using Telemed.Modules.Labs.Contracts;

namespace Telemed.Modules.Labs.Results;

/// <summary>How a value is flagged: the rules that decide L/H/LL/HH for the patient and the doctor.</summary>
internal static class ValueFlags
{
    /// <summary>
    /// The flag of a numeric <paramref name="value"/>: critical (LL/HH) when beyond the catalogue's critical limits or when the
    /// lab itself called it critical; otherwise the lab's own L/H/N when it gave one; otherwise from the reference range
    /// (below low → L, above high → H, else N). Null when there is no value and the lab gave no flag. A lab's milder flag never
    /// hides a value past a critical limit: critical wins, so the doctor is always alerted.
    /// </summary>
    public static string? FlagOf(decimal? value, string? labFlag, decimal? rangeLow, decimal? rangeHigh, decimal? criticalLow, decimal? criticalHigh)
    {
        if (value is { } v && criticalLow is { } cl && v < cl)
        {
            return LabFlags.CriticalLow;
        }

        if (value is { } w && criticalHigh is { } ch && w > ch)
        {
            return LabFlags.CriticalHigh;
        }

        if (IsKnown(labFlag))
        {
            return labFlag;
        }

        if (value is not { } x)
        {
            return null;
        }

        if (rangeLow is { } low && x < low)
        {
            return LabFlags.Low;
        }

        return rangeHigh is { } high && x > high ? LabFlags.High : LabFlags.Normal;
    }

    /// <summary>True for the five v3 ObservationInterpretation codes this module understands.</summary>
    public static bool IsKnown(string? flag) => flag is LabFlags.Normal or LabFlags.Low or LabFlags.High or LabFlags.CriticalLow or LabFlags.CriticalHigh;
}
