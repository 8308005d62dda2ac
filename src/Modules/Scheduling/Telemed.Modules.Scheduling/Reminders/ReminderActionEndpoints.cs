using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Scheduling.Appointments;
using Telemed.Modules.Scheduling.Infrastructure;

namespace Telemed.Modules.Scheduling.Reminders;

public sealed record ReminderActionView(string Action, DateTime AppointmentStart, string ClinicTimeZone, string ClinicLocal, string DoctorName, string Kind, string Status);
public sealed record ReminderActionRequest(string? Reason);
public sealed record ReminderActionResult(string Action, string Status);

/// <summary>
/// The one-tap links from reminders. Reading a link only describes it (mail scanners open links);
/// the action happens on POST, once: the link is spent by a conditional update before anything changes.
/// </summary>
internal static class ReminderActionEndpoints
{
    public static void MapReminderActionEndpoints(this IEndpointRouteBuilder scheduling)
    {
        var actions = scheduling.MapGroup("/reminder-actions/{token}").WithTags("Reminder links").AllowAnonymous();
        actions.MapGet("", DescribeAsync).WithName("DescribeReminderLink");
        actions.MapPost("", PerformAsync).WithName("UseReminderLink");
    }

    private static async Task<Results<Ok<ReminderActionView>, ProblemHttpResult>> DescribeAsync(string token, ActionLinks links, SchedulingDbContext db,
        AppointmentViews views, TimeProvider clock, CancellationToken ct)
    {
        var found = await FindAsync(token, links, db, clock, ct);
        if (!found.IsSuccess)
        {
            return Problems.From(found.Error!);
        }

        var (link, appointment) = found.Value;
        var view = await views.OneAsync(appointment, withPatientName: false, ct);
        return TypedResults.Ok(new ReminderActionView(link.Action.ToString().ToLowerInvariant(), view.Start, view.ClinicTimeZone, view.ClinicLocal, view.DoctorName,
            view.Kind, view.Status));
    }

    private static async Task<Results<Ok<ReminderActionResult>, ProblemHttpResult>> PerformAsync(string token, ReminderActionRequest? request, ActionLinks links,
        SchedulingDbContext db, ChangeAppointmentStatus change, CancelAppointment cancel, AuditScope audit, TimeProvider clock, CancellationToken ct)
    {
        // The body is optional (a one-tap link sends none), so it is checked here rather than by a validation filter; same limit as a cancellation.
        if (request?.Reason is { Length: > 500 })
        {
            return Problems.From(Error.ValidationFailed(new Dictionary<string, string[]> { ["reason"] = ["Keep the reason under 500 characters."] }));
        }

        var found = await FindAsync(token, links, db, clock, ct);
        if (!found.IsSuccess)
        {
            return Problems.From(found.Error!);
        }

        var (link, appointment) = found.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        // The same rules as the signed-in endpoints (AppointmentActions): the link came with a reminder or a confirmation, which is
        // what asks the patient to confirm, so only the state and the start can refuse it. A refused tap leaves the link unspent.
        var action = link.Action == LinkAction.Confirm ? AppointmentActions.Confirm : AppointmentActions.Cancel;
        if (AppointmentActions.Refusal(action, appointment, AppointmentRole.Patient, now, reminderSent: true) is { } refused)
        {
            return Problems.From(refused);
        }

        var spent = await db.ActionLinks.Where(l => l.TokenHash == link.TokenHash && l.UsedAt == null).ExecuteUpdateAsync(s => s.SetProperty(l => l.UsedAt, now), ct);
        if (spent == 0)
        {
            return Problems.From(SchedulingErrors.LinkExpired);
        }

        var result = link.Action == LinkAction.Confirm
            ? await change.RunAsync(appointment, (a, at) => a.Confirm(at), ct)
            : await cancel.RunAsync(appointment, string.IsNullOrWhiteSpace(request?.Reason) ? "Cancelled from a reminder link" : request.Reason.Trim(), byPatient: true, ct);
        if (!result.IsSuccess)
        {
            return Problems.From(result.Error!);
        }

        audit.Record(link.Action == LinkAction.Confirm ? "appointment.confirmed" : "appointment.cancelled", AuditOutcome.Success, "Appointment",
            appointment.Id.ToString(), "reminder link", actorId: appointment.PatientUserId);
        return TypedResults.Ok(new ReminderActionResult(link.Action.ToString().ToLowerInvariant(), AppointmentViews.StatusName(result.Value.Status)));
    }

    private static async Task<Result<(ActionLink Link, Appointment Appointment)>> FindAsync(string token, ActionLinks links, SchedulingDbContext db,
        TimeProvider clock, CancellationToken ct)
    {
        if (!links.HasValidSignature(token))
        {
            return SchedulingErrors.LinkNotFound;
        }

        var hash = PublicLinks.Hash(token);
        var link = await db.ActionLinks.AsNoTracking().SingleOrDefaultAsync(l => l.TokenHash == hash, ct);
        if (link is null)
        {
            return SchedulingErrors.LinkExpired;   // signed by us but withdrawn (the appointment moved) or cleaned up
        }

        if (link.UsedAt is not null || link.ExpiresAt <= clock.GetUtcNow().UtcDateTime)
        {
            return SchedulingErrors.LinkExpired;
        }

        var appointment = await db.Appointments.SingleOrDefaultAsync(a => a.Id == link.AppointmentId, ct);
        return appointment is null ? SchedulingErrors.LinkExpired : (link, appointment);
    }
}
