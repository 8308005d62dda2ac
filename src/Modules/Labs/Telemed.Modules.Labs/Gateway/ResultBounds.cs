using Telemed.BuildingBlocks.Text;
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
/// <para>The same texts, ids and codes are held to the host's text policy (<see cref="UserText"/>: one line for all but the text value),
/// as everything a person sends is: a lab's NUL character could not be stored by PostgreSQL at all (the pass failed on every poll), and
/// a line break or control character in an id written to our log could forge a log line of its own. Such a report is refused whole
/// with <c>labs.result_unreadable</c> naming the field and the code point, never the text (<see cref="TextRefusalOf"/>,
/// <see cref="IdRefusalOf"/>).</para>
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

    /// <summary>
    /// Why report <paramref name="reportId"/> is refused for an id (its own or one of its Observations') that the text policy refuses
    /// as one line, or null. Checked before anything else reads the report, as every other reason names these ids; this one never does.
    /// </summary>
    public static string? IdRefusalOf(string reportId, IEnumerable<string?> observationIds) =>
        UserText.Check(reportId, singleLine: true) is { } problem ? Unreadable("The report's id", problem)
        : observationIds.Select(id => UserText.Check(id, singleLine: true)).FirstOrDefault(p => p is not null) is { } inObservation
            ? Unreadable("An Observation id of the report", inObservation)
            : null;

    /// <summary>
    /// Why report <paramref name="reportId"/> is refused for a text the policy refuses (its panel code; an Observation's LOINC code, name,
    /// unit, reason code and reason words as one line, its text value as several), or null. The reason names the field and the code
    /// point, never the text.
    /// </summary>
    public static string? TextRefusalOf(string reportId, string? panelCode,
        IEnumerable<(string? Id, string? Code, string? Display, string? ValueText, string? Unit, string? AbsentReason, string? AbsentReasonText)> observations)
    {
        if (UserText.Check(panelCode, singleLine: true) is { } inPanel)
        {
            return Unreadable($"Report {reportId}'s LOINC code", inPanel);
        }

        foreach (var o in observations)
        {
            var fault = Fault("LOINC code", o.Code, true) ?? Fault("display", o.Display, true) ?? Fault("valueText", o.ValueText, false)
                ?? Fault("unit", o.Unit, true) ?? Fault("absentReason", o.AbsentReason, true) ?? Fault("absentReasonText", o.AbsentReasonText, true);
            if (fault is var (field, problem))
            {
                return Unreadable($"Observation {o.Id} of report {reportId}: its {field}", problem);
            }
        }

        return null;
    }

    private static (string Field, TextProblem Problem)? Fault(string field, string? text, bool singleLine) =>
        UserText.Check(text, singleLine) is { } problem ? (field, problem) : null;

    private static string Unreadable(string what, TextProblem problem) =>
        $"{ResultReadability.ResultUnreadable}: {what} holds a character a lab result cannot keep ({problem.Fault}, {problem.CodePointLabel}); nothing of the report is stored.";

    private static string TooLong(string what, int limit) =>
        $"{ResultTooLong}: {what} is longer than the {limit} characters a lab result keeps; nothing of the report is stored (nothing is cut).";
}
