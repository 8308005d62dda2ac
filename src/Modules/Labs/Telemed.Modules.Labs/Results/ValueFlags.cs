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

    /// <summary>
    /// Whether a value is a result at all: a number, or a text that says something. A test the lab did not result (a dataAbsentReason,
    /// a cancelled or entered-in-error Observation) has neither: it gets no flag, whatever the lab's interpretation said.
    /// </summary>
    public static bool HasResult(decimal? value, string? valueText) => value is not null || !string.IsNullOrWhiteSpace(valueText);

    /// <summary>
    /// Whether a report's <paramref name="values"/> are all normal (the auto-release rule's condition): at least one value, and each one a
    /// result (<see cref="HasResult"/>) flagged <c>N</c>. A report with a missing, withdrawn, unflagged, abnormal or critical value is not.
    /// </summary>
    public static bool AllNormal(IReadOnlyCollection<LabValue> values) =>
        values.Count > 0 && values.All(v => HasResult(v.Value, v.ValueText) && v.Flag == LabFlags.Normal);

    /// <summary>True for the five v3 ObservationInterpretation codes this module understands.</summary>
    public static bool IsKnown(string? flag) => flag is LabFlags.Normal or LabFlags.Low or LabFlags.High or LabFlags.CriticalLow or LabFlags.CriticalHigh;
}
