using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Labs.Contracts;
using Telemed.Modules.Labs.Infrastructure;

namespace Telemed.Modules.Labs.Results.MyResults;

/// <summary>
/// The patient's results: only released reports, newest first, with values, ranges and flags; and the trend of one test
/// across them. Reports still under review do not exist for the patient. Each report shown is audited as read.
/// </summary>
internal static class MyLabResults
{
    public static readonly Error InvalidCode = new("labs.invalid_code", "Give the LOINC code of a test, e.g. 2823-3.", ErrorKind.Validation);

    /// <summary>
    /// GET /me/lab-results: released reports of the caller's patient profile and of every dependant it is a guardian of
    /// (<see cref="MyPatients"/>), newest first; a dependant's names its patient (<c>patientName</c>).
    /// </summary>
    public static async Task<Ok<IReadOnlyList<LabReportView>>> ListAsync(string? lang, LabsDbContext db, MyPatients mine, LabAccess access, CancellationToken ct)
    {
        var patients = await mine.LoadAsync(ct);
        var reports = await ReleasedAsync(db, patients.Ids, ct);
        reports.ForEach(r => access.Read(LabReport.AuditType, r.Id));
        return TypedResults.Ok<IReadOnlyList<LabReportView>>([.. reports.Select(r => LabViewMapper.Report(r, patients.NameIfDependant(r.PatientId), lang))]);
    }

    /// <summary>
    /// GET /me/lab-results/trends?code=&amp;patientId=: the numeric series of one LOINC code for one patient, oldest first (empty when
    /// none): the caller's own, or with <c>patientId</c> a dependant's (one patient's values are never mixed with another's). 400
    /// <c>labs.invalid_code</c>; 404 <c>labs.not_found</c> for a patient the caller does not act for (audited).
    /// </summary>
    public static async Task<Results<Ok<LabTrendView>, ProblemHttpResult>> TrendAsync(string? code, Guid? patientId, string? lang, LabsDbContext db,
        IPatientRepresentation representation, LabAccess access, ICurrentUser user, CancellationToken ct)
    {
        // A mistyped code (a wrong check digit) is told as such rather than answered with an empty trend.
        if (code is null || !LoincCodes.HasValidCheckDigit(code))
        {
            return Problems.From(InvalidCode);
        }

        code = code.Trim();

        var acting = await representation.ActingForAsync(user.RequireUserId(), patientId, ct);
        if (acting is null)
        {
            return patientId is null ? TypedResults.Ok(LabViewMapper.Trend(code, [], lang)) : Problems.From(Telemed.Modules.Labs.Orders.LabOrder.NotFound);
        }

        var reports = (await ReleasedAsync(db, [acting.Value], ct)).Where(r => r.Values.Any(v => v.LoincCode == code)).ToList();
        reports.ForEach(r => access.Read(LabReport.AuditType, r.Id));
        return TypedResults.Ok(LabViewMapper.Trend(code, reports, lang));
    }

    private static async Task<List<LabReport>> ReleasedAsync(LabsDbContext db, IReadOnlyList<Guid> patientIds, CancellationToken ct) =>
        patientIds.Count == 0 ? []
            : await db.Reports.AsNoTracking().Where(r => patientIds.Contains(r.PatientId) && r.Status == LabResultStatuses.Released)
                .OrderByDescending(r => r.IssuedAt).ToListAsync(ct);
}
