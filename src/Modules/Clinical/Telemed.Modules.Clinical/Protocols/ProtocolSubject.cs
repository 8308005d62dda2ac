using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Clinical.Infrastructure;
using Telemed.Modules.Clinical.Jurisdictions;
using Telemed.Modules.Consultations.Contracts;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Scheduling.Contracts;

namespace Telemed.Modules.Clinical.Protocols;

/// <summary>
/// Everything a protocol is written against: the consultation, the clinic's jurisdiction policy, the facts that policy reads,
/// and the clinic's calendar day of the visit.
/// </summary>
internal sealed record ProtocolSubject(ConsultationRecord Consultation, IJurisdictionPolicy Policy, RemoteVisitFacts Facts, DateOnly VisitDay);

/// <summary>
/// Finds the consultation a protocol belongs to for its own doctor. Anyone else — the patient (until a signed summary exists),
/// another doctor, the front desk, an admin — is told <c>clinical.not_found</c>, the same answer as for an unknown id, and
/// the refusal of an existing consultation is recorded in the audit trail.
/// </summary>
internal sealed class ProtocolSubjects(IConsultationsModule consultations, ISchedulingModule scheduling, IDirectoryModule directory,
    ClinicalDbContext db, ICurrentUser user, AuditScope audit, TimeProvider clock)
{
    public static readonly Error NotFound = new("clinical.not_found", "No such consultation protocol.", ErrorKind.NotFound);

    public async Task<Result<ProtocolSubject>> FindForItsDoctorAsync(Guid consultationId, CancellationToken ct)
    {
        var consultation = await consultations.GetConsultationAsync(consultationId, ct);
        if (consultation is null)
        {
            return NotFound;
        }

        if (!user.IsInRole(Roles.Doctor) || consultation.DoctorUserId != user.RequireUserId())
        {
            audit.RecordDenied("VisitProtocol", consultationId, "not the consultation's doctor");
            return NotFound;
        }

        var clinicId = consultation.ClinicId ?? (await directory.GetDoctorByUserAsync(consultation.DoctorUserId.Value, ct))?.ClinicIds.FirstOrDefault();
        var code = clinicId is { } id ? await db.Jurisdictions.AsNoTracking().Where(j => j.ClinicId == id).Select(j => j.Code).FirstOrDefaultAsync(ct) : null;
        var visitStart = consultation.StartedAt ?? clock.GetUtcNow().UtcDateTime;
        var facts = new RemoteVisitFacts(await scheduling.HasCompletedInPersonVisitAsync(consultation.PatientId, visitStart, ct));
        return new ProtocolSubject(consultation, JurisdictionPolicies.For(code), facts, await VisitDayAsync(clinicId, visitStart, ct));
    }

    private async Task<DateOnly> VisitDayAsync(Guid? clinicId, DateTime visitStartUtc, CancellationToken ct)
    {
        // A visit without a clinic (an on-call pool visit of a doctor with none) is dated in UTC; a clinic's zone is read as every
        // module reads it, never quietly as UTC when the stored id is damaged.
        var zoneId = clinicId is { } id ? (await directory.GetClinicsAsync(ct)).FirstOrDefault(c => c.ClinicId == id)?.TimeZone : null;
        var zone = zoneId is not null ? ClinicTimeZone.Find(zoneId) : TimeZoneInfo.Utc;
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(visitStartUtc, DateTimeKind.Utc), zone));
    }
}
