using Hl7.Fhir.Model;

namespace Telemed.Modules.Labs.Gateway;

/// <summary>
/// What a partner lab's statuses allow us to store (FHIR R4 DiagnosticReport.status and Observation.status). A report is stored as
/// results ready for the doctor's review only when it is <c>final</c>, <c>amended</c>, <c>corrected</c> or <c>appended</c>: the
/// search asks for those (<see cref="SearchedReportStatuses"/>), and each report is checked again, as a lab may ignore the search's
/// status parameter. Within such a report:
/// <list type="bullet">
/// <item>an Observation <c>final</c>, <c>amended</c> or <c>corrected</c> is a value;</item>
/// <item>an Observation <c>cancelled</c> or <c>entered-in-error</c> is never a value: it is kept as "no result" with that status as
/// its reason (<see cref="WithdrawnReasonOf"/>), so the doctor sees the test was not resulted and the report is never all normal;</item>
/// <item>an Observation <c>registered</c>, <c>preliminary</c>, <c>unknown</c> or without a status is not a result yet: the whole report
/// is held (<see cref="ResultNotFinal"/>), nothing stored, and fetched again on the next pass until the lab finishes it.</item>
/// </list>
/// A report <c>registered</c>, <c>partial</c>, <c>preliminary</c>, <c>unknown</c> or without a status is held the same way; a report
/// <c>cancelled</c> or <c>entered-in-error</c> is refused (<see cref="ReportWithdrawn"/>, logged as a warning by order): the lab says it
/// is not a valid result, so nothing of it is stored, and the order keeps waiting for the lab's valid report; one stored before is
/// marked withdrawn (<see cref="LabOrderDispatch"/>). Reasons name report and
/// Observation ids and the FHIR status, never a value or a test name: they are logged.
/// </summary>
internal static class ResultStatus
{
    /// <summary>The stable code of a report held because it (or one of its results) is not final yet, first in its reason.</summary>
    public const string ResultNotFinal = "labs.result_not_final";

    /// <summary>The stable code of a report refused because the lab withdrew it (cancelled, entered-in-error), first in its reason.</summary>
    public const string ReportWithdrawn = "labs.report_withdrawn";

    /// <summary>
    /// The <c>status</c> search parameter's value: the report statuses stored as results, and the withdrawn ones, so a report already
    /// stored that the lab later withdraws is seen (<see cref="StoredReportRecheck"/>) and marked withdrawn rather than left valid.
    /// </summary>
    public const string SearchedReportStatuses = "final,amended,corrected,appended,cancelled,entered-in-error";

    /// <summary>The reason of a result the lab cancelled (never performed or reported): FHIR's Observation.status code.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>The reason of a result the lab withdrew as entered in error: FHIR's Observation.status code.</summary>
    public const string EnteredInError = "entered-in-error";

    /// <summary>
    /// Why report <paramref name="reportId"/> with <paramref name="status"/> is not stored, with whether it is only held (not final yet,
    /// fetched again) rather than refused (withdrawn: <see cref="IsWithdrawn"/>); null when its status makes it a result.
    /// </summary>
    public static (string Reason, bool Held)? OfReport(string reportId, DiagnosticReport.DiagnosticReportStatus? status) => status switch
    {
        DiagnosticReport.DiagnosticReportStatus.Final or DiagnosticReport.DiagnosticReportStatus.Amended
            or DiagnosticReport.DiagnosticReportStatus.Corrected or DiagnosticReport.DiagnosticReportStatus.Appended => null,
        DiagnosticReport.DiagnosticReportStatus.Cancelled or DiagnosticReport.DiagnosticReportStatus.EnteredInError =>
            ($"{ReportWithdrawn}: Report {reportId} is {Literal(status)} at the lab; nothing of it is stored and the order waits for a valid report.", false),
        _ => ($"{ResultNotFinal}: Report {reportId} is {Literal(status)}; it is stored once the lab makes it final.", true),
    };

    /// <summary>
    /// Why report <paramref name="reportId"/> is held for one of its <paramref name="observations"/> that is not final yet
    /// (registered, preliminary, unknown or no status), or null when every one is final or withdrawn.
    /// </summary>
    public static string? HeldFor(string reportId, IEnumerable<Observation> observations)
    {
        foreach (var o in observations)
        {
            if (o.Status is ObservationStatus.Final or ObservationStatus.Amended or ObservationStatus.Corrected or ObservationStatus.Cancelled
                or ObservationStatus.EnteredInError)
            {
                continue;
            }

            var what = o.Id is { Length: <= ResultBounds.MaxObservationIdLength } ? $"Observation {o.Id}" : "An Observation";
            return $"{ResultNotFinal}: {what} of report {reportId} is {Literal(o.Status)}; the report is stored once the lab makes it final.";
        }

        return null;
    }

    /// <summary>Whether the lab withdrew a report with <paramref name="status"/> (cancelled, entered-in-error): not a valid result.</summary>
    public static bool IsWithdrawn(DiagnosticReport.DiagnosticReportStatus? status) =>
        status is DiagnosticReport.DiagnosticReportStatus.Cancelled or DiagnosticReport.DiagnosticReportStatus.EnteredInError;

    /// <summary>The reason an Observation the lab withdrew has no result (<see cref="Cancelled"/>, <see cref="EnteredInError"/>), else null.</summary>
    public static string? WithdrawnReasonOf(Observation o) => o.Status switch
    {
        ObservationStatus.Cancelled => Cancelled,
        ObservationStatus.EnteredInError => EnteredInError,
        _ => null,
    };

    private static string Literal<T>(T? status) where T : struct, Enum => status switch
    {
        null => "without a status",
        { } s => Hl7.Fhir.Utility.EnumUtility.GetLiteral(s) ?? s.ToString(),
    };
}
