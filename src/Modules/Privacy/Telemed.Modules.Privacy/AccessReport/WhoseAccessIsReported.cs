using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Auditing;

namespace Telemed.Modules.Privacy.AccessReport;

/// <summary>
/// The rules of the access report: it lists what the clinic's staff did with the patient's record, not what the patient
/// (or their guardian) did, and refusals only when asked.
/// </summary>
internal static class WhoseAccessIsReported
{
    /// <summary>Staff are accounts holding any role but Patient (doctors, front desk, pharmacists, admins).</summary>
    public static bool IsStaff(IEnumerable<string> roles) => roles.Any(r => Roles.Staff.Contains(r, StringComparer.Ordinal));

    /// <summary>
    /// The staff accounts whose entries count: every staff account except the one asking (a doctor reading their own record as a
    /// patient is not someone else opening it).
    /// </summary>
    public static IReadOnlyList<Guid> ActorsToReport(IReadOnlyDictionary<Guid, IReadOnlyList<string>> staffRoles, Guid askingUserId) =>
        [.. staffRoles.Where(s => s.Key != askingUserId && IsStaff(s.Value)).Select(s => s.Key)];

    /// <summary>Reads and break-glass grants always; refused attempts too when <paramref name="includeRefusals"/>.</summary>
    public static IReadOnlyList<string> ActionsToReport(bool includeRefusals) =>
        includeRefusals
            ? [AuditActions.PhiRead, AuditActions.BreakGlassGranted, AuditActions.AccessDenied]
            : [AuditActions.PhiRead, AuditActions.BreakGlassGranted];

    /// <summary>Succeeded accesses always; denied ones when <paramref name="includeRefusals"/> (a read in a failed request is still a read).</summary>
    public static IReadOnlyList<AuditOutcome> OutcomesToReport(bool includeRefusals) =>
        includeRefusals ? [AuditOutcome.Success, AuditOutcome.Failure, AuditOutcome.Denied] : [AuditOutcome.Success, AuditOutcome.Failure];

    /// <summary>What the patient is told happened: <c>opened</c>, <c>emergencyAccess</c> (break-glass granted) or <c>refused</c>.</summary>
    public static string KindOf(PatientAccessEntry entry) => entry.Action switch
    {
        AuditActions.BreakGlassGranted => "emergencyAccess",
        _ when entry.Outcome == AuditOutcome.Denied || entry.Action == AuditActions.AccessDenied => "refused",
        _ => "opened",
    };
}
