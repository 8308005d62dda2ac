using Hl7.Fhir.Model;

namespace Telemed.Modules.Labs.Gateway;

/// <summary>
/// Whether every result a partner lab's report lists can be taken in: each result reference must lead to an Observation the search
/// included, coded with LOINC, whose value is a quantity (with its number) or a text, or which says why it has none: a
/// <c>dataAbsentReason</c> without a value, or the status <c>cancelled</c> / <c>entered-in-error</c> (<see cref="ResultStatus"/>); these are
/// kept as "no result" with their reason, never as a value. Anything else used to be skipped silently, so a
/// report could be stored without one of its values and release itself as all normal while the missing one was critical: such a
/// report is refused whole with <c>labs.result_unreadable</c> (<see cref="ResultUnreadable"/>), as a report with an over-long text is
/// (<see cref="ResultBounds"/>). The lab's other reports are stored; the refused one is fetched and refused again (logged each time)
/// until the lab corrects it.
/// </summary>
internal static class ResultReadability
{
    /// <summary>The stable code of a report refused for a result it does not say in a form we read, first in its reason.</summary>
    public const string ResultUnreadable = "labs.result_unreadable";

    /// <summary>
    /// Why report <paramref name="reportId"/> is refused (its result references, each with the included Observation or null), or null
    /// when every result is readable. The reason names the Observation by id when it fits its bound and what is wrong (no LOINC code,
    /// the FHIR value type), never a value or a test name: it is logged.
    /// </summary>
    public static string? RefusalOf(string reportId, IEnumerable<(string? Reference, Observation? Observation)> results)
    {
        foreach (var (reference, o) in results)
        {
            if (o is null)
            {
                return Unreadable($"A result of report {reportId} is not an Observation the lab sent with it");
            }

            var what = o.Id is { Length: <= ResultBounds.MaxObservationIdLength } ? $"Observation {o.Id} of report {reportId}" : $"An Observation of report {reportId}";
            if (o.Code?.Coding.Any(c => c.System == FhirLabGateway.Loinc && !string.IsNullOrEmpty(c.Code)) != true)
            {
                return Unreadable($"{what} has no LOINC code");
            }

            if (ResultStatus.WithdrawnReasonOf(o) is not null)
            {
                // The lab withdrew it: whatever value it still carries is never read.
                continue;
            }

            if (o.DataAbsentReason is not null)
            {
                if (o.Value is not null)
                {
                    // FHIR's obs-6: a reason for a missing value with a value beside it is a contradiction, not something to choose from.
                    return Unreadable($"{what} has both a value and a dataAbsentReason");
                }

                continue;
            }

            switch (o.Value)
            {
                case Quantity { Value: not null }:
                case FhirString { Value: not null }:
                    break;
                case Quantity:
                    return Unreadable($"{what} has a quantity without a number");
                case null:
                    return Unreadable($"{what} has neither a value nor a dataAbsentReason");
                default:
                    return Unreadable($"{what} has a value of type {o.Value.TypeName}, which is not read (only Quantity and string are)");
            }
        }

        return null;
    }

    private static string Unreadable(string what) => $"{ResultUnreadable}: {what}; nothing of the report is stored.";
}
