using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Scheduling.Availability;
using Telemed.Modules.Scheduling.Contracts;
using Telemed.Modules.Scheduling.Infrastructure;
using Telemed.Modules.Scheduling.Waitlist;

namespace Telemed.Modules.Scheduling.Appointments;

public sealed record BookAppointmentRequest(Guid DoctorId, Guid ClinicId, AppointmentKind Kind, DateTime Start, Guid? PatientId);
public sealed record RescheduleRequest(DateTime Start);
public sealed record CancelRequest(string Reason);

internal sealed class BookAppointmentRequestValidator : AbstractValidator<BookAppointmentRequest>
{
    public BookAppointmentRequestValidator()
    {
        RuleFor(r => r.DoctorId).NotEmpty().WithMessage("Choose a doctor.");
        RuleFor(r => r.ClinicId).NotEmpty().WithMessage("Choose a clinic.");
        RuleFor(r => r.Kind).IsDefinedEnum().WithMessage("Choose video, in person or chat.");
        RuleFor(r => r.Start).NotEmpty().WithMessage("Choose a time.").Must(IsPlausibleStart).WithMessage("Choose a time.");
    }

    /// <summary>Slots lie between 2000 and 2100; anything outside is a client bug (and 9999-12-31 plus a duration overflows).</summary>
    public static bool IsPlausibleStart(DateTime start) => start >= new DateTime(2000, 1, 1) && start < new DateTime(2100, 1, 1);
}

internal sealed class RescheduleRequestValidator : AbstractValidator<RescheduleRequest>
{
    public RescheduleRequestValidator() =>
        RuleFor(r => r.Start).NotEmpty().WithMessage("Choose the new time.").Must(BookAppointmentRequestValidator.IsPlausibleStart).WithMessage("Choose the new time.");
}

internal sealed class CancelRequestValidator : AbstractValidator<CancelRequest>
{
    public CancelRequestValidator() =>
        RuleFor(r => r.Reason).NotEmpty().WithMessage("Say why the appointment is cancelled.").MaximumLength(500);
}

internal static class AppointmentEndpoints
{
    public static void MapAppointmentEndpoints(this IEndpointRouteBuilder scheduling)
    {
        var appointments = scheduling.MapGroup("/appointments").WithTags("Appointments");
        appointments.MapPost("", BookAsync).RequireAuthorization(p => p.RequireRole(Roles.Patient, Roles.FrontDesk).RequireClaim("telemed:stage", "full"))
            .Validate<BookAppointmentRequest>().AcceptsIdempotencyKey().WithName("BookAppointment");
        appointments.MapGet("/mine", MineAsync).RequireAuthorization(Policies.Patient).WithName("ListMyAppointments");
        appointments.MapGet("/{id:guid}", GetAsync).RequireAuthorization(Policies.SignedIn).WithName("GetAppointment");
        appointments.MapPost("/{id:guid}/reschedule", RescheduleAsync).RequireAuthorization(Policies.SignedIn).Validate<RescheduleRequest>().WithName("RescheduleAppointment");
        appointments.MapPost("/{id:guid}/cancel", CancelAsync).RequireAuthorization(Policies.SignedIn).Validate<CancelRequest>().WithName("CancelAppointment");
        appointments.MapPost("/{id:guid}/confirm", (Guid id, AppointmentTransitions t, CancellationToken ct) =>
            t.RunAsync(id, "confirmed", AppointmentActions.Confirm, (a, now) => a.Confirm(now), ct))
            .RequireAuthorization(Policies.SignedIn).WithName("ConfirmAppointment");
        appointments.MapPost("/{id:guid}/check-in", (Guid id, AppointmentTransitions t, CancellationToken ct) =>
            t.RunAsync(id, "checked_in", AppointmentActions.CheckIn, (a, now) => a.CheckIn(now), ct))
            .RequireAuthorization(Policies.SignedIn).WithName("CheckInAppointment");
        appointments.MapPost("/{id:guid}/complete", (Guid id, AppointmentTransitions t, CancellationToken ct) =>
            t.RunAsync(id, "completed", AppointmentActions.Complete, (a, now) => a.Complete(now), ct))
            .RequireAuthorization(Policies.SignedIn).WithName("CompleteAppointment");
        appointments.MapPost("/{id:guid}/no-show", (Guid id, AppointmentTransitions t, CancellationToken ct) =>
            t.RunAsync(id, "no_show", AppointmentActions.NoShow, (a, now) => a.MarkNoShow(now), ct))
            .RequireAuthorization(Policies.SignedIn).WithName("MarkAppointmentNoShow");
    }

    private static async Task<Results<Created<AppointmentView>, Ok<AppointmentView>, ProblemHttpResult>> BookAsync(BookAppointmentRequest request,
        HttpRequest http, ICurrentUser user, IDirectoryModule directory, IPatientRepresentation representation, BookAppointment book,
        IdempotentRequests idempotency, AppointmentViews views, CloseSatisfiedEntries waitlist, AuditScope audit, CancellationToken ct)
    {
        var me = user.RequireUserId();
        Guid patientId;
        Guid patientUserId;
        if (user.IsInRole(Roles.FrontDesk) && request.PatientId is { } onBehalfOf)
        {
            // Only the account link is needed here (no PHI read); the directory caches it.
            if (await directory.FindPatientUserIdAsync(onBehalfOf, ct) is not { } userId)
            {
                return Problems.From(SchedulingErrors.PatientNotFound);
            }

            (patientId, patientUserId) = (onBehalfOf, userId);
        }
        else if (user.IsInRole(Roles.Patient))
        {
            var own = await directory.FindPatientIdAsync(me, ct);
            if (own is null)
            {
                return Problems.From(SchedulingErrors.PatientNotFound);
            }

            if (request.PatientId is { } asked && asked != own)
            {
                // A guardian books for a child on their account: the child is the patient, the guardian's account acts for them.
                if (!await representation.ActsForAsync(me, asked, ct))
                {
                    audit.Record("scheduling.appointment.book", AuditOutcome.Denied, "PatientDemographics", asked.ToString());
                    return Problems.From(SchedulingErrors.PatientNotFound);
                }

                (patientId, patientUserId) = (asked, me);
            }
            else
            {
                (patientId, patientUserId) = (own.Value, me);
            }
        }
        else
        {
            return Problems.From(Error.Validation("scheduling.patient_required", "Choose the patient the appointment is for."));
        }

        var claim = idempotency.Claim(me, http, request with { PatientId = patientId });
        if (!claim.IsSuccess)
        {
            return Problems.From(claim.Error!);
        }

        var slot = new SlotRequest(request.DoctorId, request.ClinicId, request.Kind, request.Start);
        var frontDesk = user.IsInRole(Roles.FrontDesk);
        var outcome = await book.RunAsync(slot, patientId, patientUserId, me, claim.Value, ct, answerShowsPatientName: frontDesk);
        if (!outcome.Result.IsSuccess)
        {
            return Problems.From(outcome.Result.Error!);
        }

        var appointment = outcome.Result.Value;
        var notes = outcome.Waitlist ?? await waitlist.NotesForAsync(appointment, ct);
        var view = await views.OneAsync(appointment, frontDesk, ct,
            user.IsInRole(Roles.FrontDesk) ? AppointmentRole.FrontDesk : AppointmentRole.Patient, justBooked: true) with { Waitlist = notes };
        return TypedResults.Created($"/api/v1/scheduling/appointments/{appointment.Id}", view);
    }

    private static async Task<Ok<IReadOnlyList<AppointmentView>>> MineAsync(ICurrentUser user, SchedulingDbContext db, AppointmentViews views,
        IDirectoryModule directory, TimeProvider clock, CancellationToken ct)
    {
        var me = user.RequireUserId();
        var now = clock.GetUtcNow().UtcDateTime;
        var mine = await db.Appointments.AsNoTracking().Where(a => a.PatientUserId == me).ToListAsync(ct);
        var ordered = mine.Where(a => a.End >= now).OrderBy(a => a.Start).Concat(mine.Where(a => a.End < now).OrderByDescending(a => a.Start)).ToList();
        // A guardian's list holds their children's visits too: then each visit names whom it is for.
        var own = await directory.FindPatientIdAsync(me, ct);
        var forOthers = mine.Any(a => a.PatientId != own);
        return TypedResults.Ok(await views.ManyAsync(ordered, withPatientNames: forOthers, ct, AppointmentRole.Patient));
    }

    private static async Task<Results<Ok<AppointmentView>, ProblemHttpResult>> GetAsync(Guid id, AppointmentAccess access, AppointmentViews views, CancellationToken ct)
    {
        var (appointment, role) = await access.FindAsync(id, ct);
        return appointment is null
            ? Problems.From(SchedulingErrors.AppointmentNotFound)
            : TypedResults.Ok(await views.OneAsync(appointment, role != AppointmentRole.Patient, ct, role));
    }

    private static async Task<Results<Ok<AppointmentView>, ProblemHttpResult>> RescheduleAsync(Guid id, RescheduleRequest request, AppointmentAccess access,
        RescheduleAppointment reschedule, AppointmentViews views, AuditScope audit, AppointmentTransitions transitions, CancellationToken ct)
    {
        var (appointment, role) = await access.FindAsync(id, ct);
        if (appointment is null || role == AppointmentRole.Doctor)
        {
            return Problems.From(appointment is null ? SchedulingErrors.AppointmentNotFound : Error.Forbidden("scheduling.not_allowed", "Ask the front desk to move the appointment."));
        }

        if (await transitions.RefusalAsync(appointment, role, AppointmentActions.Reschedule, ct) is { } refused)
        {
            return Problems.From(refused);
        }

        var result = await reschedule.RunAsync(appointment, request.Start, ct);
        if (!result.IsSuccess)
        {
            return Problems.From(result.Error!);
        }

        audit.Record("appointment.rescheduled", AuditOutcome.Success, "Appointment", id.ToString());
        return TypedResults.Ok(await views.OneAsync(result.Value, role != AppointmentRole.Patient, ct, role));
    }

    private static async Task<Results<Ok<AppointmentView>, ProblemHttpResult>> CancelAsync(Guid id, CancelRequest request, AppointmentAccess access,
        CancelAppointment cancel, AppointmentViews views, AuditScope audit, AppointmentTransitions transitions, CancellationToken ct)
    {
        var (appointment, role) = await access.FindAsync(id, ct);
        if (appointment is null)
        {
            return Problems.From(SchedulingErrors.AppointmentNotFound);
        }

        if (await transitions.RefusalAsync(appointment, role, AppointmentActions.Cancel, ct) is { } refused)
        {
            return Problems.From(refused);
        }

        var result = await cancel.RunAsync(appointment, request.Reason, byPatient: role == AppointmentRole.Patient, ct);
        if (!result.IsSuccess)
        {
            return Problems.From(result.Error!);
        }

        audit.Record("appointment.cancelled", AuditOutcome.Success, "Appointment", id.ToString(), result.Value.LateCancellation ? "late" : null);
        return TypedResults.Ok(await views.OneAsync(result.Value, role != AppointmentRole.Patient, ct, role));
    }
}

/// <summary>
/// The plain state changes, each refused unless <see cref="AppointmentActions"/> would offer it to the asker right now (the same
/// rules <c>allowedActions</c> shows), and recorded in the audit trail.
/// </summary>
internal sealed class AppointmentTransitions(AppointmentAccess access, ChangeAppointmentStatus service, AppointmentViews views, AuditScope audit, TimeProvider clock)
{
    /// <summary>
    /// Runs <paramref name="transition"/> on appointment <paramref name="id"/> when <paramref name="action"/> (an
    /// <see cref="AppointmentActions"/> name) is allowed to the asker; audits it as <c>appointment.{auditAction}</c>.
    /// </summary>
    public async Task<Results<Ok<AppointmentView>, ProblemHttpResult>> RunAsync(Guid id, string auditAction, string action,
        Func<Appointment, DateTime, Result> transition, CancellationToken ct)
    {
        var (appointment, role) = await access.FindAsync(id, ct);
        if (appointment is null)
        {
            return Problems.From(SchedulingErrors.AppointmentNotFound);
        }

        if (await RefusalAsync(appointment, role, action, ct) is { } refused)
        {
            return Problems.From(refused);
        }

        var result = await service.RunAsync(appointment, transition, ct);
        if (!result.IsSuccess)
        {
            return Problems.From(result.Error!);
        }

        audit.Record($"appointment.{auditAction}", AuditOutcome.Success, "Appointment", id.ToString());
        return TypedResults.Ok(await views.OneAsync(result.Value, role != AppointmentRole.Patient, ct, role));
    }

    /// <summary>Why <paramref name="role"/> may not take <paramref name="action"/> on the appointment now (<see cref="AppointmentActions.Refusal"/>); null when allowed.</summary>
    public async Task<Error?> RefusalAsync(Appointment appointment, AppointmentRole role, string action, CancellationToken ct)
    {
        // Only a patient's confirmation depends on the reminder: read it only then.
        var reminderSent = action == AppointmentActions.Confirm && role == AppointmentRole.Patient && appointment.Status == AppointmentStatus.Booked
            && await views.ReminderSentAsync(appointment, role, ct);
        return AppointmentActions.Refusal(action, appointment, role, clock.GetUtcNow().UtcDateTime, reminderSent);
    }
}
