using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Ids;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Clinical.Contracts;
using Telemed.Modules.Consultations.Contracts;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Identity.Contracts;
using Telemed.Modules.Labs.Contracts;
using Telemed.Modules.Records.Documents;
using Telemed.Modules.Records.Infrastructure;

namespace Telemed.Modules.Records.Timeline;

/// <summary>
/// The record timeline: consultations, conversations, signed protocols and their diagnoses, signed prescriptions, lab results and documents,
/// newest first, filtered by <see cref="TimelineQuery"/>. For the patient, or a guardian reading a dependant's (every document of
/// the record, any scan status), and for doctors
/// with a care relationship (documents shared with them, clean only); break-glass access is allowed, flagged in the answer and the
/// audit. Everyone else — front desk, admins, pharmacists, other patients, unrelated doctors — gets 404 records.patient_not_found,
/// audited as denied. Each read is a phi.read of record type PatientRecord.
/// </summary>
internal static class RecordTimeline
{
    public const string RecordType = "PatientRecord";
    private static readonly Error PatientNotFound = RecordSubject.PatientNotFound;

    /// <summary>
    /// GET /me/record/timeline?patientId=: the caller's own record, or with <c>patientId</c> a dependant's (<see cref="RecordSubject"/>);
    /// 404 records.patient_not_found for an account without a patient record, or a patient it does not act for (audited as denied).
    /// The read is a phi.read of the patient's record by the caller (the guardian, for a child's).
    /// </summary>
    public static async Task<Results<Ok<TimelinePage>, ProblemHttpResult>> MineAsync(Guid? patientId, string? kind, string? from, string? to, int? page, int? pageSize,
        ICurrentUser user, IPatientRepresentation representation, RecordsDbContext db, IConsultationHistory consultations, IClinicalHistory clinical, ILabRecords labs, ILabTestNames names, AuditScope audit, CancellationToken ct)
    {
        var query = TimelineQuery.Parse(kind, from, to, page, pageSize);
        if (query.Error is { } invalid)
        {
            return Problems.From(invalid);
        }

        if (await representation.ActingForAsync(user.RequireUserId(), patientId, ct) is not { } subject)
        {
            return Problems.From(PatientNotFound);
        }

        var documents = await db.Documents.AsNoTracking().Where(d => d.PatientId == subject).ToListAsync(ct);
        audit.RecordPhiAccess(AuditActions.PhiRead, RecordType, subject, subject);
        return TypedResults.Ok(query.Value.PageOf(await GatherAsync(subject, documents, consultations, clinical, labs, names, forPatient: true, ct), breakGlass: false));
    }

    /// <summary>GET /patients/{patientId}/record/timeline.</summary>
    public static async Task<Results<Ok<TimelinePage>, ProblemHttpResult>> OfPatientAsync(Guid patientId, string? kind, string? from, string? to, int? page, int? pageSize,
        ICurrentUser user, ICareAccess care, RecordsDbContext db, IConsultationHistory consultations, IClinicalHistory clinical, ILabRecords labs, ILabTestNames names, AuditScope audit, CancellationToken ct)
    {
        var query = TimelineQuery.Parse(kind, from, to, page, pageSize);
        if (query.Error is { } invalid)
        {
            return Problems.From(invalid);
        }

        var me = user.RequireUserId();
        var access = user.IsInRole(Roles.Doctor) ? await care.CheckAsync(new UserId(me), new PatientId(patientId), ct) : CareAccessDecision.Denied;
        if (!access.Allowed)
        {
            audit.RecordDenied(RecordType, patientId, user.IsInRole(Roles.Doctor) ? "no care relationship" : "not a doctor");
            return Problems.From(PatientNotFound);
        }

        var documents = (await db.Documents.AsNoTracking().Where(d => d.PatientId == patientId).ToListAsync(ct))
            .Where(d => d.IsVisibleToDoctor(me, hasCareAccess: true)).ToList();
        // Named as the entry's subject, so the patient's access report lists the doctor's read of their record.
        audit.RecordPhiAccess(AuditActions.PhiRead, RecordType, patientId, patientId);
        return TypedResults.Ok(query.Value.PageOf(await GatherAsync(patientId, documents, consultations, clinical, labs, names, forPatient: false, ct), access.ViaBreakGlass));
    }

    private static async Task<IReadOnlyList<TimelineEntry>> GatherAsync(Guid patientId, IReadOnlyList<PatientDocument> documents, IConsultationHistory consultations,
        IClinicalHistory clinical, ILabRecords labs, ILabTestNames names, bool forPatient, CancellationToken ct)
    {
        var entries = new List<TimelineEntry>();
        entries.AddRange((await consultations.HistoryOfAsync(patientId, ct)).Select(h => new TimelineEntry(h.Kind, h.Id, h.OccurredAt, h.Title, h.Detail, h.Status)));
        entries.AddRange((await clinical.HistoryOfAsync(patientId, ct)).Select(h => new TimelineEntry(h.Kind, h.Id, h.OccurredAt, h.Title, h.Detail, h.Status)));
        // A document sits on the date printed on it (noon UTC, so that a day filter keeps it), not on its upload.
        entries.AddRange(documents.Select(d => new TimelineEntry(TimelineKinds.Document, d.Id, d.DocumentDate.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc),
            d.Description.Length > 0 ? d.Description : d.FileName, d.Type, d.Status)));
        // A lab result's title names its tests in the reader's language (Accept-Language), as the Labs module's own reads do.
        var language = ReaderLanguage.Current;
        entries.AddRange(await LabResultEntries.OfAsync(patientId, forPatient, labs, (code, display) => names.NameOf(code, display, language), ct));
        return entries;
    }
}
