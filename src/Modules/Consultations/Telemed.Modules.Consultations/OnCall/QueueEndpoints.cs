using Telemed.Modules.Consultations.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Http;
using Telemed.Modules.Consultations.Infrastructure;
using Telemed.Modules.Consultations.Visits;
using Telemed.Modules.Consultations.WaitingRoom;
using Telemed.Modules.Directory.Contracts;

namespace Telemed.Modules.Consultations.OnCall;

public sealed record DutyRequest(bool OnDuty);
public sealed record DutyView(bool OnDuty, DateTime? Since, IReadOnlyList<string> Specialties);
public sealed record DoctorQueueView(bool OnDuty, IReadOnlyList<string> Specialties, IReadOnlyList<QueueItem> Booked, IReadOnlyList<QueueItem> Pool, ConsultationView? InProgress);

internal static class QueueEndpoints
{
    public static void MapQueueEndpoints(this IEndpointRouteBuilder consultations)
    {
        var group = consultations.MapGroup("").WithTags("On call");
        group.MapGet("/queue", QueueAsync).RequireAuthorization(Policies.Doctor).WithName("GetDoctorQueue");
        group.MapGet("/duty", GetDutyAsync).RequireAuthorization(Policies.Doctor).WithName("GetDuty");
        group.MapPut("/duty", PutDutyAsync).RequireAuthorization(Policies.Doctor).WithName("SetDuty");
    }

    private static async Task<Results<Ok<DoctorQueueView>, ProblemHttpResult>> QueueAsync(ICurrentUser user, IDirectoryModule directory, ConsultationsDbContext db,
        ConsultationViews views, TimeProvider clock, CancellationToken ct)
    {
        var me = user.RequireUserId();
        var doctor = await directory.GetDoctorByUserAsync(me, ct);
        if (doctor is null)
        {
            return Problems.From(ConsultationErrors.NotADoctor);
        }

        var duty = await db.Duty.AsNoTracking().FirstOrDefaultAsync(d => d.DoctorUserId == me, ct);
        var onDuty = duty?.OnDuty == true;
        // Their own: booked visits and requests the front desk assigned to them.
        var booked = await db.Consultations.Where(c => c.Status == ConsultationStatus.Waiting && c.DoctorUserId == me).ToListAsync(ct);
        var pool = new List<Consultation>();
        // A doctor whose licence has ended is offered nothing from the pool (accepting would be refused: consultation.licence_expired).
        var today = (await ClinicZones.LoadAsync(directory, ct)).LocalDate(doctor.ClinicIds.FirstOrDefault(), clock.GetUtcNow().UtcDateTime);
        if (onDuty && DoctorPractisesOnlyWhileLicensed.Covers(doctor.LicenceExpiresOn, today))
        {
            // Only requests this doctor can take: an escalated request stays with its specialty (the front desk may assign it).
            var specialties = doctor.Specialties.ToList();
            pool = await db.Consultations.Where(c => c.Status == ConsultationStatus.Waiting && c.Origin == ConsultationOrigin.OnDemand && c.DoctorUserId == null
                && specialties.Contains(c.Specialty)).ToListAsync(ct);
        }

        var running = await db.Consultations.FirstOrDefaultAsync(c => c.Status == ConsultationStatus.InProgress && c.DoctorUserId == me, ct);
        return TypedResults.Ok(new DoctorQueueView(onDuty, doctor.Specialties, await views.QueueItemsAsync(booked, ct), await views.QueueItemsAsync(pool, ct),
            running is null ? null : await views.OneAsync(running, forStaff: true, ct)));
    }

    private static async Task<Results<Ok<DutyView>, ProblemHttpResult>> GetDutyAsync(ICurrentUser user, ConsultationsDbContext db, IDirectoryModule directory, CancellationToken ct)
    {
        var me = user.RequireUserId();
        var doctor = await directory.GetDoctorByUserAsync(me, ct);
        if (doctor is null)
        {
            return Problems.From(ConsultationErrors.NotADoctor);
        }

        var duty = await db.Duty.AsNoTracking().FirstOrDefaultAsync(d => d.DoctorUserId == me, ct);
        return TypedResults.Ok(new DutyView(duty?.OnDuty == true, duty?.Since, doctor.Specialties));
    }

    private static async Task<Results<Ok<DutyView>, ProblemHttpResult>> PutDutyAsync(DutyRequest request, ICurrentUser user, ConsultationsDbContext db,
        IDirectoryModule directory, WaitingRoomFeed feed, AuditScope audit, TimeProvider clock, CancellationToken ct)
    {
        var me = user.RequireUserId();
        var doctor = await directory.GetDoctorByUserAsync(me, ct);
        if (doctor is null)
        {
            return Problems.From(ConsultationErrors.NotADoctor);
        }

        var duty = await db.Duty.FirstOrDefaultAsync(d => d.DoctorUserId == me, ct);
        if (duty is null)
        {
            duty = DutyStatus.For(me, doctor.DoctorId);
            db.Duty.Add(duty);
        }

        duty.Set(request.OnDuty, doctor.Specialties, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        audit.Record(request.OnDuty ? "duty.on" : "duty.off", AuditOutcome.Success, "Doctor", doctor.DoctorId.ToString());
        // More or fewer doctors on duty changes everyone's estimate in those pools.
        await feed.DoctorLoadChangedAsync(me, doctor.Specialties);
        return TypedResults.Ok(new DutyView(duty.OnDuty, duty.Since, doctor.Specialties));
    }
}
