using Telemed.Modules.Labs.Contracts;
using Telemed.Modules.Labs.Results;

namespace Telemed.Modules.Labs.Gateway;

/// <summary>
/// The bounds of what a partner lab's report may say before it is stored as a lab result: a value's test name, text value and unit
/// as a FHIR import keeps them (<see cref="LabValueTexts"/>: 200, 4,000 and 40 characters), a missing value's reason (code 64, words 200),
/// LOINC codes at most
/// <see cref="MaxCodeLength"/>, the lab's Observation ids at most <see cref="MaxObservationIdLength"/> (FHIR's own limit) and its report id
/// at most <see cref="LabReport.MaxExternalIdLength"/>. A report with any text over its bound is refused whole with
/// <c>labs.result_too_long</c> (<see cref="ResultTooLong"/>): a report stored without one of its values could release itself as all
/// normal while the refused value was critical, and cutting the text stores something the lab did not say. The lab's other reports
/// are stored; the refused one is fetched and refused again on each pass (logged each time) until the lab corrects it.
/// </summary>
internal static class ResultBounds
{
    /// <summary>The stable code of a refused report, first in its reason.</summary>
    public const string ResultTooLong = "labs.result_too_long";

    /// <summary>The longest LOINC code taken in (a code is at most 7 digits, a hyphen and the check digit; the panel column holds 16).</summary>
    public const int MaxCodeLength = LabReport.MaxPanelCodeLength;

    /// <summary>The longest Observation id taken in: FHIR ids are 1 to 64 characters.</summary>
    public const int MaxObservationIdLength = 64;

    /// <summary>
    /// Why the report <paramref name="reportId"/> (with its panel code and its Observations' id, LOINC code, name, text value and unit)
    /// is refused, or null when every text fits. The reason names the field (by the report's or Observation's id when they fit) and
    /// its bound, never the text: it is logged.
    /// </summary>
    public static string? RefusalOf(string reportId, string? panelCode,
        IEnumerable<(string? Id, string? Code, string? Display, string? ValueText, string? Unit, string? AbsentReason, string? AbsentReasonText)> observations)
    {
        if (reportId.Length > LabReport.MaxExternalIdLength)
        {
            return TooLong("The report's id", LabReport.MaxExternalIdLength);
        }

        if (panelCode is { Length: > MaxCodeLength })
        {
            return TooLong($"Report {reportId}'s LOINC code", MaxCodeLength);
        }

        foreach (var o in observations.Where(o => o.Code is not null))
        {
            if (o.Id is { Length: > MaxObservationIdLength })
            {
                return TooLong($"An Observation id of report {reportId}", MaxObservationIdLength);
            }

            var what = $"Observation {o.Id} of report {reportId}";
            if (o.Code!.Length > MaxCodeLength)
            {
                return TooLong($"{what}: its LOINC code", MaxCodeLength);
            }

            if (LabValueTexts.OverBound(o.Display, o.ValueText, o.Unit, o.AbsentReason, o.AbsentReasonText) is var (field, limit))
            {
                return TooLong($"{what}: its {field}", limit);
            }
        }

        return null;
    }

    private static string TooLong(string what, int limit) =>
        $"{ResultTooLong}: {what} is longer than the {limit} characters a lab result keeps; nothing of the report is stored (nothing is cut).";
}
