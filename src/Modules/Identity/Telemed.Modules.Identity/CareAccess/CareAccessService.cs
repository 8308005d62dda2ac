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

    public async Task GrantAsync(UserId doctor, PatientId patient, CareRelationshipKind kind, DateTime? validUntil, CancellationToken cancellationToken = default)
    {
        var (doctorUserId, patientId) = (doctor.Value, patient.Value);
        var existing = await db.CareRelationships.SingleOrDefaultAsync(r => r.DoctorUserId == doctorUserId && r.PatientId == patientId && r.Kind == kind, cancellationToken);
        if (existing is null)
        {
            db.CareRelationships.Add(new CareRelationship { DoctorUserId = doctorUserId, PatientId = patientId, Kind = kind, CreatedAt = Now, ValidUntil = validUntil });
        }
        else if (existing.ValidUntil is not null && (validUntil is null || validUntil > existing.ValidUntil))
        {
            existing.ValidUntil = validUntil;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (existing is null)
        {
            // Two grants of one relationship at once (two bookings with the same doctor delivered side by side): the other one
            // created it. Grant again against what is stored now; anything else fails as before.
            db.ChangeTracker.Clear();
            if (!await db.CareRelationships.AnyAsync(r => r.DoctorUserId == doctorUserId && r.PatientId == patientId && r.Kind == kind, cancellationToken))
            {
                throw;
            }

            await GrantAsync(doctor, patient, kind, validUntil, cancellationToken);
        }
    }

    public async Task GrantAsync(IReadOnlyCollection<(UserId Doctor, PatientId Patient)> pairs, CareRelationshipKind kind, DateTime? validUntil,
        CancellationToken cancellationToken = default)
    {
        var wanted = pairs.Select(p => (Doctor: p.Doctor.Value, Patient: p.Patient.Value)).Distinct().ToList();
        var doctors = wanted.Select(w => w.Doctor).Distinct().ToList();
        var patients = wanted.Select(w => w.Patient).Distinct().ToList();
        var existing = (await db.CareRelationships.Where(r => r.Kind == kind && doctors.Contains(r.DoctorUserId) && patients.Contains(r.PatientId))
            .ToListAsync(cancellationToken)).ToDictionary(r => (r.DoctorUserId, r.PatientId));
        foreach (var (doctorUserId, patientId) in wanted)
        {
            if (!existing.TryGetValue((doctorUserId, patientId), out var found))
            {
                db.CareRelationships.Add(new CareRelationship { DoctorUserId = doctorUserId, PatientId = patientId, Kind = kind, CreatedAt = Now, ValidUntil = validUntil });
            }
            else if (found.ValidUntil is not null && (validUntil is null || validUntil > found.ValidUntil))
            {
                found.ValidUntil = validUntil;
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Granted meanwhile by another delivery: each pair again on its own, against what is stored now.
            db.ChangeTracker.Clear();
            foreach (var (doctorUserId, patientId) in wanted)
            {
                await GrantAsync(new UserId(doctorUserId), new PatientId(patientId), kind, validUntil, cancellationToken);
            }
        }
    }

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
        return relationships.Select(r => new CareRelationshipView(r.PatientId, r.Kind.ToString().ToLowerInvariant(), r.ValidUntil))
            .Concat(grants.Select(g => new CareRelationshipView(g.PatientId, "break-glass", g.ExpiresAt)))
            .GroupBy(v => v.PatientId).Select(g => g.First()).ToList();
    }
}
