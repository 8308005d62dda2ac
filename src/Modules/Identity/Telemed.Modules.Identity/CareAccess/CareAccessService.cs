using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Ids;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Telemed.BuildingBlocks.Auditing;
using Telemed.Modules.Identity.Contracts;
using Telemed.Modules.Identity.Infrastructure;

namespace Telemed.Modules.Identity.CareAccess;

public sealed class CareAccessOptions
{
    public const string Section = "CareAccess";

    public TimeSpan BreakGlassDuration { get; set; } = TimeSpan.FromHours(1);
}

internal sealed class CareAccessService(IdentityDbContext db, TimeProvider clock, AuditScope audit, IOptions<CareAccessOptions> options) : ICareAccess
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<CareAccessDecision> CheckAsync(UserId doctor, PatientId patient, CancellationToken cancellationToken = default)
    {
        var (doctorUserId, patientId) = (doctor.Value, patient.Value);
        var now = Now;
        var related = await db.CareRelationships.Where(r => r.DoctorUserId == doctorUserId && r.PatientId == patientId
            && (r.ValidUntil == null || r.ValidUntil > now)).Select(r => r.ValidUntil).ToListAsync(cancellationToken);
        if (related.Count > 0)
        {
            // The longest relationship decides when access lapses (none: it does not).
            return new CareAccessDecision(true, false, null, related.Any(u => u is null) ? null : related.Max());
        }

        var grant = await db.BreakGlassGrants.Where(g => g.DoctorUserId == doctorUserId && g.PatientId == patientId && g.ExpiresAt > now)
            .OrderByDescending(g => g.ExpiresAt).FirstOrDefaultAsync(cancellationToken);
        if (grant is not null)
        {
            audit.MarkBreakGlass(grant.Reason);
            return new CareAccessDecision(true, true, grant.Reason, grant.ExpiresAt);
        }

        audit.Record(AuditActions.AccessDenied, AuditOutcome.Denied, "Patient", patientId.ToString(), "no care relationship", subjectPatientId: patientId);
        return CareAccessDecision.Denied;
    }

    public Task GrantAsync(UserId doctor, PatientId patient, CareRelationshipKind kind, DateTime? validUntil, CancellationToken cancellationToken = default) =>
        GrantAsync([(doctor, patient)], kind, validUntil, cancellationToken);

    public Task GrantAsync(IReadOnlyCollection<(UserId Doctor, PatientId Patient)> pairs, CareRelationshipKind kind, DateTime? validUntil,
        CancellationToken cancellationToken = default) =>
        GrantAsync([.. pairs.Select(p => (p.Doctor, p.Patient, validUntil))], kind, cancellationToken);

    public async Task GrantAsync(IReadOnlyCollection<(UserId Doctor, PatientId Patient, DateTime? Until)> grants, CareRelationshipKind kind,
        CancellationToken cancellationToken = default)
    {
        var now = Now;
        // In key order: two grants of overlapping relationships then take their row locks in the same order, so they wait for
        // each other instead of deadlocking (40P01, seen with the same pairs granted in opposite orders). A pair named twice keeps
        // its longest end (none: for good), as granting twice would.
        var rows = grants.GroupBy(g => (Doctor: g.Doctor.Value, Patient: g.Patient.Value))
            .Select(g => (g.Key.Doctor, g.Key.Patient, Until: g.Any(x => x.Until is null) ? null : g.Max(x => x.Until)))
            .OrderBy(p => p.Doctor).ThenBy(p => p.Patient)
            .Select(p => new CareRelationship { DoctorUserId = p.Doctor, PatientId = p.Patient, Kind = kind, CreatedAt = now, ValidUntil = p.Until })
            .ToList();

        // One statement, no read: a batch of bookings used to read every relationship between any of its doctors and any of its
        // patients (about 2,000 rows for 100 bookings) to find the few that existed. A grant that already exists keeps its row;
        // a time-limited one is extended when this grant lasts longer (or for good), never shortened. Two deliveries granting
        // the same relationship at once both succeed: the unique key turns the second insert into that update.
        await db.InsertRowsAsync(rows, GrantOnConflict, cancellationToken);
    }

    public async Task SetUntilAsync(UserId doctor, PatientId patient, CareRelationshipKind kind, DateTime? until, CancellationToken cancellationToken = default)
    {
        var (doctorUserId, patientId) = (doctor.Value, patient.Value);
        var relationship = db.CareRelationships.Where(r => r.DoctorUserId == doctorUserId && r.PatientId == patientId && r.Kind == kind);
        if (until is not { } end || end <= Now)
        {
            await relationship.ExecuteDeleteAsync(cancellationToken);
            return;
        }

        if (await relationship.ExecuteUpdateAsync(s => s.SetProperty(r => r.ValidUntil, end), cancellationToken) == 0)
        {
            await GrantAsync([(doctor, patient, (DateTime?)end)], kind, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<(UserId Doctor, PatientId Patient)>> OpenEndedAsync(CareRelationshipKind kind, CancellationToken cancellationToken = default)
    {
        var pairs = await db.CareRelationships.AsNoTracking().Where(r => r.Kind == kind && r.ValidUntil == null)
            .OrderBy(r => r.DoctorUserId).ThenBy(r => r.PatientId).Select(r => new { r.DoctorUserId, r.PatientId }).ToListAsync(cancellationToken);
        return [.. pairs.Select(p => (new UserId(p.DoctorUserId), new PatientId(p.PatientId)))];
    }

    private const string GrantOnConflict = """
        ON CONFLICT ("DoctorUserId", "PatientId", "Kind") DO UPDATE SET "ValidUntil" = excluded."ValidUntil"
        WHERE {table}."ValidUntil" IS NOT NULL AND (excluded."ValidUntil" IS NULL OR excluded."ValidUntil" > {table}."ValidUntil")
        """;

    public async Task<DateTime> BreakGlassAsync(UserId doctor, PatientId patient, string reason, CancellationToken cancellationToken = default)
    {
        var (doctorUserId, patientId) = (doctor.Value, patient.Value);
        var grant = new BreakGlassGrant
        {
            DoctorUserId = doctorUserId,
            PatientId = patientId,
            Reason = reason.Trim(),
            GrantedAt = Now,
            ExpiresAt = Now + options.Value.BreakGlassDuration,
        };
        db.BreakGlassGrants.Add(grant);
        await db.SaveChangesAsync(cancellationToken);
        audit.MarkBreakGlass(grant.Reason);
        audit.Record(AuditActions.BreakGlassGranted, AuditOutcome.Success, "Patient", patientId.ToString(), grant.Reason, breakGlass: true, subjectPatientId: patientId);
        return grant.ExpiresAt;
    }

    public async Task<IReadOnlyList<CareRelationshipView>> PatientsOfAsync(UserId doctor, CancellationToken cancellationToken = default)
    {
        var doctorUserId = doctor.Value;
        var now = Now;
        var relationships = await db.CareRelationships.AsNoTracking()
            .Where(r => r.DoctorUserId == doctorUserId && (r.ValidUntil == null || r.ValidUntil > now)).ToListAsync(cancellationToken);
        var grants = await db.BreakGlassGrants.AsNoTracking()
            .Where(g => g.DoctorUserId == doctorUserId && g.ExpiresAt > now).ToListAsync(cancellationToken);
        return relationships.Select(r => new CareRelationshipView(r.PatientId, RelationshipName(r.Kind), r.ValidUntil))
            .Concat(grants.Select(g => new CareRelationshipView(g.PatientId, "break-glass", g.ExpiresAt)))
            .GroupBy(v => v.PatientId).Select(g => g.First()).ToList();
    }

    /// <summary>The relationship's name in the API: <c>appointment</c>, <c>consultation</c>, <c>referral</c>, <c>care-team</c>.</summary>
    private static string RelationshipName(CareRelationshipKind kind) =>
        kind == CareRelationshipKind.CareTeam ? "care-team" : kind.ToString().ToLowerInvariant();
}
