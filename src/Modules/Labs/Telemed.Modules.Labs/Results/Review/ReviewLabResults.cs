using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Labs.Contracts;
using Telemed.Modules.Labs.Infrastructure;
using Telemed.Modules.Labs.Orders;

namespace Telemed.Modules.Labs.Results.Review;

/// <summary>The doctor's plain-language note for the patient (at most 2000 characters; empty clears it).</summary>
public sealed record ReleaseLabResultRequest(string? Note);

internal sealed class ReleaseLabResultRequestValidator : AbstractValidator<ReleaseLabResultRequest>
{
    public ReleaseLabResultRequestValidator() => RuleFor(r => r.Note).MaximumLength(LabReport.MaxNoteLength);
}

/// <summary>
/// The doctor's review: the list of results of their own orders (received ones first, critical ones first among them), one
/// report with its values, and release with a note. Reading needs to be the ordering doctor or to have care access; release
/// is the ordering doctor's alone. Otherwise 404 <c>labs.not_found</c> (audited).
/// </summary>
internal static class ReviewLabResults
{
    /// <summary>The statuses the doctor's list filters by.</summary>
    private static readonly string[] Statuses = [LabResultStatuses.Received, LabResultStatuses.Released, LabResultStatuses.Withdrawn];

    /// <summary>A status filter that is neither: once it answered every result, which read as "all of them are received".</summary>
    public static readonly Error InvalidStatus = Error.Validation("labs.invalid_result_status", "Filter by received, released or withdrawn.");

    /// <summary>
    /// GET /doctor/lab-results?status=received|released|withdrawn (any case; absent for all): the caller's ordered results, newest first,
    /// critical first among received; a report the lab withdrew after it was stored is listed among the received ones, as <c>withdrawn</c>. 400 <c>labs.invalid_result_status</c> for another status.
    /// </summary>
    public static async Task<Results<Ok<IReadOnlyList<LabReportView>>, ProblemHttpResult>> ListAsync(string? status, string? lang, LabsDbContext db,
        IDirectoryModule directory, LabAccess access, ICurrentUser user, CancellationToken ct)
    {
        if (!FilterValues.TryParse(status, Statuses, out var wanted))
        {
            return Problems.From(InvalidStatus);
        }

        var me = user.RequireUserId();
        var query = db.Reports.AsNoTracking().Where(r => r.DoctorUserId == me);
        if (wanted is not null)
        {
            query = query.Where(r => r.Status == wanted);
        }

        var reports = (await query.OrderByDescending(r => r.ReceivedAt).Take(200).ToListAsync(ct))
            .OrderBy(r => r.IsReleased).ThenByDescending(r => r.CriticalCount > 0).ThenByDescending(r => r.ReceivedAt).ToList();
        var names = await directory.GetPatientNamesAsync([.. reports.Select(r => r.PatientId).Distinct()], ct);
        reports.ForEach(r => access.Read(LabReport.AuditType, r.Id));
        return TypedResults.Ok<IReadOnlyList<LabReportView>>([.. reports.Select(r => LabViewMapper.Report(r, names.GetValueOrDefault(r.PatientId), lang))]);
    }

    /// <summary>GET /lab-results/{id}: one report for a doctor who may see it; 404 <c>labs.not_found</c>.</summary>
    public static async Task<Results<Ok<LabReportView>, ProblemHttpResult>> GetAsync(Guid id, string? lang, LabsDbContext db, IDirectoryModule directory,
        LabAccess access, CancellationToken ct)
    {
        if (await db.Reports.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct) is not { } report || !await access.DoctorReadsAsync(report, ct))
        {
            return Problems.From(LabOrder.NotFound);
        }

        var names = await directory.GetPatientNamesAsync([report.PatientId], ct);
        return TypedResults.Ok(LabViewMapper.Report(report, names.GetValueOrDefault(report.PatientId), lang));
    }

    /// <summary>
    /// POST /lab-results/{id}/release: the ordering doctor writes the note and releases (200 with the report). Releasing an
    /// already released report only updates the note. 409 <c>labs.report_withdrawn</c> for a report the lab withdrew (nothing changes).
    /// 404 <c>labs.not_found</c> for anyone else.
    /// </summary>
    public static async Task<Results<Ok<LabReportView>, ProblemHttpResult>> ReleaseAsync(Guid id, ReleaseLabResultRequest request, string? lang,
        LabsDbContext db, LabAccess access, ICurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var report = await db.Reports.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (report is null || !user.IsInRole(Roles.Doctor) || report.DoctorUserId != user.RequireUserId())
        {
            if (report is not null)
            {
                access.Denied(LabReport.AuditType, id, "not the ordering doctor");
            }

            return Problems.From(LabOrder.NotFound);
        }

        if (report.IsWithdrawn)
        {
            return Problems.From(LabReport.Withdrawn);
        }

        report.WriteNote(request.Note);
        if (!report.IsReleased)
        {
            report.Release(automatically: false, clock.GetUtcNow().UtcDateTime);
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(LabViewMapper.Report(report, null, lang));
    }
}
