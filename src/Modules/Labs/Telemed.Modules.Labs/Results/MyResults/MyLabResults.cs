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

    /// <summary>GET /me/lab-results: released reports of the caller's patient profile.</summary>
    public static async Task<Ok<IReadOnlyList<LabReportView>>> ListAsync(string? lang, LabsDbContext db, IDirectoryModule directory, LabAccess access,
        ICurrentUser user, CancellationToken ct)
    {
        var reports = await ReleasedAsync(db, directory, user, ct);
        reports.ForEach(r => access.Read(LabReport.AuditType, r.Id));
        return TypedResults.Ok<IReadOnlyList<LabReportView>>([.. reports.Select(r => LabViewMapper.Report(r, null, lang))]);
    }

    /// <summary>GET /me/lab-results/trends?code=: the numeric series of one LOINC code, oldest first (empty when none). 400 <c>labs.invalid_code</c>.</summary>
    public static async Task<Results<Ok<LabTrendView>, ProblemHttpResult>> TrendAsync(string? code, string? lang, LabsDbContext db, IDirectoryModule directory,
        LabAccess access, ICurrentUser user, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 16 || !code.All(c => char.IsAsciiDigit(c) || c == '-'))
        {
            return Problems.From(InvalidCode);
        }

        var reports = (await ReleasedAsync(db, directory, user, ct)).Where(r => r.Values.Any(v => v.LoincCode == code)).ToList();
        reports.ForEach(r => access.Read(LabReport.AuditType, r.Id));
        return TypedResults.Ok(LabViewMapper.Trend(code, reports, lang));
    }

    private static async Task<List<LabReport>> ReleasedAsync(LabsDbContext db, IDirectoryModule directory, ICurrentUser user, CancellationToken ct)
    {
        var patientId = await directory.FindPatientIdAsync(user.RequireUserId(), ct);
        return patientId is null ? []
            : await db.Reports.AsNoTracking().Where(r => r.PatientId == patientId && r.Status == LabResultStatuses.Released)
                .OrderByDescending(r => r.IssuedAt).ToListAsync(ct);
    }
}
