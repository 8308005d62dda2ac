using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Http;
using Telemed.Modules.Consultations.Infrastructure;
using Telemed.Modules.Consultations.Visits;
using Telemed.Modules.Scheduling.Contracts;

namespace Telemed.Modules.Consultations.Complaints.Drafts;

/// <summary>
/// The draft and whether the visit's waiting room is open by the server's clock: <c>RoomOpensAt</c> (UTC) is when entering
/// becomes possible, <c>RoomOpen</c> whether it is now. <c>Complaint</c> is null when nothing was saved; <c>SavedAt</c> is UTC.
/// </summary>
public sealed record ComplaintDraftView(ComplaintDraftBody? Complaint, DateTime? SavedAt, DateTime RoomOpensAt, bool RoomOpen);

/// <summary>
/// GET and PUT /consultations/appointments/{appointmentId}/draft: the patient of a booked video or chat visit keeps an
/// unfinished complaint form at any time before entering. Reads and writes are PHI accesses (audited by the record).
/// Errors: <c>consultation.appointment_not_found</c> (unknown or someone else's alike), <c>consultation.not_online</c>, and for a
/// save <c>consultation.appointment_not_active</c> (422: the visit was cancelled, missed or has taken place, <see cref="ActiveVisitRule"/>).
/// </summary>
internal static class ComplaintDrafts
{
    public static void MapComplaintDrafts(this IEndpointRouteBuilder consultations)
    {
        var drafts = consultations.MapGroup("/appointments/{appointmentId:guid}/draft").WithTags("Complaints").RequireAuthorization(Policies.Patient);
        drafts.MapGet("", GetAsync).WithName("GetComplaintDraft");
        drafts.MapPut("", PutAsync).Validate<ComplaintDraftBody>().WithName("SaveComplaintDraft");
    }

    /// <summary>Rule: a booked visit's waiting room opens a set number of minutes before its start.</summary>
    public static DateTime RoomOpensAt(AppointmentInfo appointment, ConsultationsOptions options) =>
        appointment.Start.AddMinutes(-options.WaitingRoomOpensMinutesBefore);

    public static async Task<Results<Ok<ComplaintDraftView>, ProblemHttpResult>> GetAsync(Guid appointmentId, ICurrentUser user, ISchedulingModule scheduling,
        ConsultationsDbContext db, IOptions<ConsultationsOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var me = user.RequireUserId();
        var appointment = await OwnVisitAsync(appointmentId, me, scheduling, ct);
        if (appointment.Error is { } error)
        {
            return Problems.From(error);
        }

        var draft = await db.ComplaintDrafts.AsNoTracking().FirstOrDefaultAsync(d => d.AppointmentId == appointmentId && d.PatientUserId == me, ct);
        return TypedResults.Ok(View(draft, appointment.Value!, options.Value, clock));
    }

    public static async Task<Results<Ok<ComplaintDraftView>, ProblemHttpResult>> PutAsync(Guid appointmentId, ComplaintDraftBody body, ICurrentUser user,
        ISchedulingModule scheduling, ConsultationsDbContext db, IOptions<ConsultationsOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var me = user.RequireUserId();
        var appointment = await OwnVisitAsync(appointmentId, me, scheduling, ct);
        if ((appointment.Error ?? ActiveVisitRule.OnlyAnActiveVisitIsPreparedFor(appointment.Value!)) is { } error)
        {
            return Problems.From(error);
        }

        var draft = await db.ComplaintDrafts.FirstOrDefaultAsync(d => d.AppointmentId == appointmentId && d.PatientUserId == me, ct);
        if (draft is null)
        {
            draft = ComplaintDraft.For(appointmentId, me);
            db.ComplaintDrafts.Add(draft);
        }

        draft.Replace(JsonSerializer.Serialize(body, ConsultationViews.Json), clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(View(draft, appointment.Value!, options.Value, clock));
    }

    private static ComplaintDraftView View(ComplaintDraft? draft, AppointmentInfo appointment, ConsultationsOptions options, TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var opensAt = RoomOpensAt(appointment, options);
        var active = ActiveVisitRule.AVisitIsActiveUntilCancelledMissedOrDone(appointment);
        return new ComplaintDraftView(draft is null ? null : JsonSerializer.Deserialize<ComplaintDraftBody>(draft.Json, ConsultationViews.Json),
            draft?.UpdatedAt, opensAt, active && now >= opensAt && now < appointment.End);
    }

    private static async Task<(AppointmentInfo? Value, Telemed.BuildingBlocks.Results.Error? Error)> OwnVisitAsync(Guid appointmentId, Guid me,
        ISchedulingModule scheduling, CancellationToken ct)
    {
        var appointment = await scheduling.GetAppointmentAsync(appointmentId, ct);
        if (appointment is null || appointment.PatientUserId != me)
        {
            return (null, ConsultationErrors.AppointmentNotFound);
        }

        return appointment.Kind is "video" or "chat" ? (appointment, null) : (null, ConsultationErrors.NotAVisitOnline);
    }
}
