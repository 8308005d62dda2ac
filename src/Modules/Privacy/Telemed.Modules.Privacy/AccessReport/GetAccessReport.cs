using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Http;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Privacy.Subjects;

namespace Telemed.Modules.Privacy.AccessReport;

/// <summary>
/// One time a member of staff opened (or tried to open) the patient's record. <c>OccurredAt</c> is a UTC instant;
/// <c>StaffName</c> the account's display name now (null when the account is gone); <c>StaffRoles</c> role names
/// (Doctor, FrontDesk, Pharmacist, Admin); <c>RecordType</c> a stable code the client translates (VisitProtocol,
/// Consultation, Prescription, PatientDemographics, Patient, ...); <c>Kind</c> is <c>opened</c>, <c>emergencyAccess</c>
/// or <c>refused</c>; <c>BreakGlass</c> is true when the access rested on emergency (break-glass) access.
/// </summary>
public sealed record AccessReportEntry(long Id, DateTime OccurredAt, Guid StaffUserId, string? StaffName, IReadOnlyList<string> StaffRoles,
    string? RecordType, string Kind, bool BreakGlass);

/// <summary><c>GET /api/v1/me/access-report</c>: who of the clinic's staff opened the patient's record, and when.</summary>
internal static class GetAccessReport
{
    /// <summary>
    /// A page of the report, newest first. <paramref name="from"/>/<paramref name="to"/> are instants (UTC, inclusive);
    /// <paramref name="patientId"/> names a dependant the caller is guardian of (default: their own record);
    /// <paramref name="includeRefusals"/> adds refused attempts. 400 <c>validation.failed</c> when from is after to;
    /// 404 <c>privacy.patient_not_found</c> when the caller has no patient record or is not the dependant's guardian.
    /// </summary>
    public static async Task<Results<Ok<PagedResult<AccessReportEntry>>, ProblemHttpResult>> HandleAsync(
        DateTime? from, DateTime? to, Guid? patientId, bool? includeRefusals, int? page, int? pageSize,
        ICurrentUser user, IPatientRepresentation representation, IPatientAccessLog log, IAuditActorDirectory actors, AuditScope audit, CancellationToken ct)
    {
        if (from is { } f && to is { } t && f.ToUniversalTime() > t.ToUniversalTime())
        {
            return Problems.From(PrivacyErrors.InvalidRange);
        }

        var me = user.RequireUserId();
        if (await representation.ActingForAsync(me, patientId, ct) is not { } subject)
        {
            return Problems.From(PrivacyErrors.PatientNotFound);
        }

        var paging = PageRequest.From(page, pageSize);
        var refusals = includeRefusals == true;
        var staff = await actors.StaffRolesAsync(ct);
        var query = new PatientAccessQuery(subject, from?.ToUniversalTime(), to?.ToUniversalTime(), WhoseAccessIsReported.ActorsToReport(staff, me),
            WhoseAccessIsReported.ActionsToReport(refusals), WhoseAccessIsReported.OutcomesToReport(refusals));
        var (items, total) = await log.FindAsync(query, paging.Skip, paging.PageSize, ct);
        var cards = await actors.FindAsync(items.Select(i => i.ActorId).ToHashSet(), ct);
        var entries = items.Select(i =>
        {
            var card = cards.GetValueOrDefault(i.ActorId);
            return new AccessReportEntry(i.Id, i.OccurredAt, i.ActorId, card?.DisplayName, card?.Roles ?? staff.GetValueOrDefault(i.ActorId) ?? [], i.RecordType,
                WhoseAccessIsReported.KindOf(i), i.BreakGlass);
        }).ToList();

        // Reading who read the record is itself on the trail (not in the report: it names no subject patient).
        audit.Record(PrivacyAuditActions.AccessReportViewed, AuditOutcome.Success, "AccessReport", subject.ToString());
        return TypedResults.Ok(new PagedResult<AccessReportEntry>(entries, total, paging.Page, paging.PageSize));
    }
}
