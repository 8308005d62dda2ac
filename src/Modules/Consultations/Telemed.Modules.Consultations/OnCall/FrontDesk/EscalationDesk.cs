using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Consultations.Infrastructure;
using Telemed.Modules.Consultations.Visits;
using Telemed.Modules.Consultations.WaitingRoom;
using Telemed.Modules.Directory.Contracts;

namespace Telemed.Modules.Consultations.OnCall.FrontDesk;

/// <summary>A doctor the front desk may hand a request to: one who takes its specialty.</summary>
public sealed record EscalationDoctor(Guid DoctorUserId, string Name);

/// <summary>
/// An on-demand request nobody took in time, as the front desk needs it to act: who is waiting and how to reach them,
/// since when (UTC), when they were last rung back (UTC), and the doctors who could take it. <c>Kind</c> is <c>video</c> or <c>chat</c>.
/// </summary>
public sealed record EscalationView(Guid ConsultationId, string Specialty, DateTime? WaitingSince, string Kind, Guid PatientId, string PatientName,
    string? PatientPhone, string? PatientEmail, DateTime? CalledBackAt, IReadOnlyList<EscalationDoctor> Doctors);

/// <summary>POST /escalations/{id}/assign: the doctor (their user id) who is to take the request.</summary>
public sealed record AssignEscalationRequest(Guid DoctorUserId);

/// <summary>
/// The front desk's escalation list and what it can do with each entry: ring the patient back (recorded), hand the request
/// to a doctor of its specialty, or take it off the list. Every read of a patient's contact and every action is audited.
/// Errors: <c>consultation.not_found</c>, <c>consultation.not_escalated</c> (already taken, left or dismissed),
/// <c>consultation.doctor_cannot_take</c> (the doctor does not practise the specialty), <c>consultation.licence_expired</c> (422: the
/// doctor's licence ended before today; such doctors are not offered either).
/// </summary>
internal static class EscalationDesk
{
    public static void MapEscalationDesk(this IEndpointRouteBuilder consultations)
    {
        var desk = consultations.MapGroup("/escalations").WithTags("On call").RequireAuthorization(Policies.FrontDesk);
        desk.MapGet("", ListAsync).WithName("ListEscalations");
        desk.MapPost("/{id:guid}/called-back", CalledBackAsync).WithName("MarkEscalationCalledBack");
        desk.MapPost("/{id:guid}/assign", AssignAsync).WithName("AssignEscalation");
        desk.MapPost("/{id:guid}/dismiss", DismissAsync).WithName("DismissEscalation");
    }

    public static async Task<Ok<List<EscalationView>>> ListAsync(ConsultationsDbContext db, IDirectoryModule directory, AuditScope audit, TimeProvider clock,
        CancellationToken ct)
    {
        var open = await db.Consultations.AsNoTracking()
            .Where(c => c.Status == ConsultationStatus.Waiting && c.Escalated && c.DoctorUserId == null && c.EscalationDismissedAt == null)
            .OrderBy(c => c.EnteredWaitingAt)
            .Select(c => new { c.Id, c.Specialty, c.EnteredWaitingAt, c.Kind, c.PatientId, c.CalledBackAt }).ToListAsync(ct);
        var doctors = new Dictionary<string, IReadOnlyList<EscalationDoctor>>(StringComparer.OrdinalIgnoreCase);
        var views = new List<EscalationView>(open.Count);
        foreach (var c in open)
        {
            if (!doctors.TryGetValue(c.Specialty, out var candidates))
            {
                candidates = doctors[c.Specialty] = await DoctorsOfAsync(directory, c.Specialty, clock, ct);
            }

            var contact = await directory.GetPatientContactAsync(c.PatientId, ct);
            audit.RecordPhiAccess(AuditActions.PhiRead, "Patient", c.PatientId, c.PatientId);
            views.Add(new EscalationView(c.Id, c.Specialty, c.EnteredWaitingAt, ConsultationViews.Camel(c.Kind.ToString()), c.PatientId,
                contact?.DisplayName ?? "", contact?.Phone, contact?.Email, c.CalledBackAt, candidates));
        }

        return TypedResults.Ok(views);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> CalledBackAsync(Guid id, ConsultationsDbContext db, AuditScope audit, TimeProvider clock,
        CancellationToken ct) =>
        await ActAsync(id, db, audit, "consultation.escalation.called_back", c => c.MarkCalledBack(clock.GetUtcNow().UtcDateTime), ct);

    public static async Task<Results<NoContent, ProblemHttpResult>> DismissAsync(Guid id, ConsultationsDbContext db, AuditScope audit, TimeProvider clock,
        CancellationToken ct) =>
        await ActAsync(id, db, audit, "consultation.escalation.dismissed", c => c.DismissEscalation(clock.GetUtcNow().UtcDateTime), ct);

    public static async Task<Results<NoContent, ProblemHttpResult>> AssignAsync(Guid id, AssignEscalationRequest request, ConsultationsDbContext db,
        IDirectoryModule directory, AuditScope audit, WaitingRoomFeed feed, TimeProvider clock, CancellationToken ct)
    {
        var specialty = await db.Consultations.AsNoTracking().Where(c => c.Id == id).Select(c => c.Specialty).FirstOrDefaultAsync(ct);
        if (specialty is null)
        {
            return Problems.From(ConsultationErrors.NotFound);
        }

        var doctor = await directory.GetDoctorByUserAsync(request.DoctorUserId, ct);
        if (doctor is null || !DutyStatus.CanTake(doctor.Specialties, specialty))
        {
            return Problems.From(ConsultationErrors.DoctorCannotTake);
        }

        if (!await LicensedTodayAsync(directory, doctor, clock, ct))
        {
            return Problems.From(ConsultationErrors.LicenceExpired);
        }

        Consultation? assigned = null;
        var result = await ActAsync(id, db, audit, "consultation.escalation.assigned", c =>
        {
            assigned = c;
            return c.AssignTo(doctor.DoctorId, doctor.UserId);
        }, ct);
        if (assigned is not null && result.Result is NoContent)
        {
            // The pool loses it, the doctor's own queue gains it, and the patient's estimate now follows that doctor.
            await feed.QueueChangedAsync(assigned, "added");
            await feed.PoolChangedAsync(assigned.Specialty);
        }

        return result;
    }

    /// <summary>Loads the request, applies one front-desk action, audits it with the change (same transaction), saves.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> ActAsync(Guid id, ConsultationsDbContext db, AuditScope audit, string action,
        Func<Consultation, Result> apply, CancellationToken ct)
    {
        var consultation = await db.Consultations.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (consultation is null)
        {
            return Problems.From(ConsultationErrors.NotFound);
        }

        var applied = apply(consultation);
        if (!applied.IsSuccess)
        {
            audit.Record(action, AuditOutcome.Failure, ConsultationAccess.RecordType, id.ToString(), applied.Error!.Code);
            return Problems.From(applied.Error!);
        }

        // With the save: a change that loses to a concurrent one (the catch below) leaves no success entry.
        db.AuditWithNextSave(action, ConsultationAccess.RecordType, id.ToString());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A doctor accepted it (or the patient left) a moment ago.
            db.ChangeTracker.Clear();
            return Problems.From(ConsultationErrors.NotEscalated);
        }

        return TypedResults.NoContent();
    }

    /// <summary>The doctors who could take a request of <paramref name="specialty"/> today: of that specialty, active and licensed today.</summary>
    private static async Task<IReadOnlyList<EscalationDoctor>> DoctorsOfAsync(IDirectoryModule directory, string specialty, TimeProvider clock, CancellationToken ct)
    {
        var zones = await ClinicZones.LoadAsync(directory, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        return [.. (await directory.FindDoctorsAsync(new DoctorFilter(Specialty: specialty), ct))
            .Where(d => DutyStatus.CanTake(d.Specialties, specialty))
            .Where(d => DoctorPractisesOnlyWhileLicensed.Covers(d.LicenceExpiresOn, zones.LocalDate(d.ClinicIds.FirstOrDefault(), now)))
            .OrderBy(d => d.DisplayName, StringComparer.Ordinal)
            .Select(d => new EscalationDoctor(d.UserId, d.DisplayName))];
    }

    /// <summary>An on-demand request has no clinic: the doctor's day is their first clinic's (UTC without one), as when they accept it.</summary>
    private static async Task<bool> LicensedTodayAsync(IDirectoryModule directory, DoctorSummary doctor, TimeProvider clock, CancellationToken ct) =>
        DoctorPractisesOnlyWhileLicensed.Covers(doctor.LicenceExpiresOn,
            (await ClinicZones.LoadAsync(directory, ct)).LocalDate(doctor.ClinicIds.FirstOrDefault(), clock.GetUtcNow().UtcDateTime));
}
