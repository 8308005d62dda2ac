using System.Globalization;
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
using Telemed.Modules.Scheduling.Appointments;
using Telemed.Modules.Scheduling.Availability.AffectedVisits;
using Telemed.Modules.Scheduling.Contracts;
using Telemed.Modules.Scheduling.Infrastructure;

using Telemed.Modules.Scheduling.Calendars;

namespace Telemed.Modules.Scheduling.Availability;

public sealed record ClinicRefView(Guid Id, string Name, string City, string TimeZone);
public sealed record WeeklyRangeView(Guid ClinicId, string DayOfWeek, string Start, string End);
public sealed record AppointmentTypeView(AppointmentKind Kind, int DurationMinutes, int BufferBeforeMinutes, int BufferAfterMinutes, int MinimumNoticeMinutes,
    int MaximumHorizonDays, bool Enabled);
public sealed record ExceptionView(Guid Id, Guid ClinicId, DateOnly Date, string Kind, string? Start, string? End);
public sealed record AvailabilityView(Guid DoctorId, IReadOnlyList<ClinicRefView> Clinics, IReadOnlyList<WeeklyRangeView> WeeklyHours,
    IReadOnlyList<AppointmentTypeView> AppointmentTypes, IReadOnlyList<ExceptionView> Exceptions);
/// <summary>New weekly hours and appointment types. <c>AffectedVisits</c>: what to do with open visits the new hours would leave uncovered (required when there are any).</summary>
public sealed record UpdateAvailabilityRequest(IReadOnlyList<WeeklyRangeView> WeeklyHours, IReadOnlyList<AppointmentTypeView> AppointmentTypes,
    AffectedVisitsChoice? AffectedVisits = null);
/// <summary>A day off or extra hours on a clinic-local date. <c>AffectedVisits</c>: what to do with open visits a day off covers (required when there are any).</summary>
public sealed record NewExceptionRequest(Guid ClinicId, DateOnly Date, string Kind, string? Start, string? End, AffectedVisitsChoice? AffectedVisits = null);
public sealed record MyDoctorView(Guid DoctorId, string DisplayName);

internal sealed class UpdateAvailabilityRequestValidator : AbstractValidator<UpdateAvailabilityRequest>
{
    public UpdateAvailabilityRequestValidator()
    {
        RuleFor(r => r.WeeklyHours).Cascade(CascadeMode.Stop).NotNull().Must(w => w.Count <= MaxWeeklyRanges).WithMessage($"At most {MaxWeeklyRanges} working ranges.");
        RuleForEach(r => r.WeeklyHours).Cascade(CascadeMode.Stop).NotNull().WithMessage("A working range cannot be null.")
            .Must(w => IsWeekdayName(w.DayOfWeek)).WithMessage("Use a weekday name such as monday.")
            .Must(w => TimeText.Minutes(w.Start) is not null && TimeText.Minutes(w.End) is not null).WithMessage("Times look like 09:00, on a 5-minute step.")
            .Must(w => TimeText.Minutes(w.End) > TimeText.Minutes(w.Start)).WithMessage("A range must end after it starts.");
        RuleFor(r => r.WeeklyHours).Must(NotOverlap).When(r => r.WeeklyHours is not null).WithMessage("Working ranges on the same day and clinic must not overlap.");
        RuleFor(r => r.AppointmentTypes).Cascade(CascadeMode.Stop).NotNull().Must(t => t.Count <= Enum.GetValues<AppointmentKind>().Length)
            .WithMessage("Give each kind of appointment once.");
        RuleForEach(r => r.AppointmentTypes).NotNull().WithMessage("An appointment type cannot be null.").ChildRules(t =>
        {
            t.RuleFor(x => x.Kind).IsDefinedEnum();
            t.RuleFor(x => x.DurationMinutes).InclusiveBetween(5, 240).Must(m => m % 5 == 0).WithMessage("Durations are 5 to 240 minutes, in steps of 5.");
            t.RuleFor(x => x.BufferBeforeMinutes).InclusiveBetween(0, 120).Must(m => m % 5 == 0).WithMessage("Buffers are 0 to 120 minutes, in steps of 5.");
            t.RuleFor(x => x.BufferAfterMinutes).InclusiveBetween(0, 120).Must(m => m % 5 == 0).WithMessage("Buffers are 0 to 120 minutes, in steps of 5.");
            t.RuleFor(x => x.MinimumNoticeMinutes).InclusiveBetween(0, 60 * 24 * 14);
            t.RuleFor(x => x.MaximumHorizonDays).InclusiveBetween(1, 365);
        });
        RuleFor(r => r.AppointmentTypes).Must(t => t.Where(x => x is not null).Select(x => x.Kind).Distinct().Count() == t.Count)
            .When(r => r.AppointmentTypes is not null).WithMessage("Give each kind of appointment once.");
    }

    /// <summary>Seven days at a handful of ranges each is plenty; the bound keeps the overlap check and the insert small.</summary>
    public const int MaxWeeklyRanges = 100;

    /// <summary>Names only (any case): <c>Enum.TryParse</c> alone would also take "9" and store a day that does not exist.</summary>
    internal static bool IsWeekdayName(string? day) => day is not null && Enum.GetNames<DayOfWeek>().Contains(day, StringComparer.OrdinalIgnoreCase);

    private static bool NotOverlap(IReadOnlyList<WeeklyRangeView> ranges) => ranges
        .Where(r => r is not null && IsWeekdayName(r.DayOfWeek) && TimeText.Minutes(r.Start) is not null && TimeText.Minutes(r.End) is not null)
        .GroupBy(r => (r.ClinicId, r.DayOfWeek.ToLowerInvariant()))
        .All(g => g.OrderBy(r => TimeText.Minutes(r.Start)).Zip(g.OrderBy(r => TimeText.Minutes(r.Start)).Skip(1))
            .All(pair => TimeText.Minutes(pair.Second.Start) >= TimeText.Minutes(pair.First.End)));
}

internal sealed class NewExceptionRequestValidator : AbstractValidator<NewExceptionRequest>
{
    /// <summary>How far ahead an exception may be set: no doctor's booking horizon reaches further (at most 365 days).</summary>
    public const int MaxDaysAhead = 2 * 366;

    public NewExceptionRequestValidator(TimeProvider clock)
    {
        RuleFor(r => r.ClinicId).NotEmpty().WithMessage("Choose the clinic.");
        // Yesterday is allowed so a clinic west of UTC can still mark its own today; year 1 or 9999 is a client bug.
        RuleFor(r => r.Date).Must(d => IsWithinPlanningRange(d, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)))
            .WithMessage($"Choose a date from today up to {MaxDaysAhead} days ahead.");
        RuleFor(r => r.Kind).Must(k => k is "dayOff" or "extraHours").WithMessage("Use dayOff or extraHours.");
        When(r => r.Kind == "extraHours", () =>
        {
            RuleFor(r => r.Start).Must(s => TimeText.Minutes(s) is not null).WithMessage("Times look like 09:00, on a 5-minute step.");
            RuleFor(r => r.End).Must((r, e) => TimeText.Minutes(e) > TimeText.Minutes(r.Start)).WithMessage("Extra hours must end after they start.");
        });
    }

    /// <summary>From yesterday (UTC) to <see cref="MaxDaysAhead"/> days after today.</summary>
    public static bool IsWithinPlanningRange(DateOnly date, DateOnly todayUtc) =>
        date.DayNumber >= todayUtc.DayNumber - 1 && date.DayNumber <= todayUtc.DayNumber + MaxDaysAhead;
}

internal static class TimeText
{
    public static int? Minutes(string? text) =>
        TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) && t.Minute % 5 == 0 ? t.Hour * 60 + t.Minute
        : text == "24:00" ? 24 * 60 : null;

    public static string Format(int minutes) => $"{minutes / 60:00}:{minutes % 60:00}";
}

internal static class AvailabilityEndpoints
{
    public static void MapAvailabilityEndpoints(this IEndpointRouteBuilder scheduling)
    {
        scheduling.MapGet("/me/doctor", MeAsync).RequireAuthorization(Policies.Doctor).WithTags("Availability").WithName("GetMyDoctorId");
        var availability = scheduling.MapGroup("/doctors/{doctorId:guid}/availability").WithTags("Availability")
            .RequireAuthorization(p => p.RequireRole(Roles.Doctor, Roles.FrontDesk).RequireClaim("telemed:stage", "full"));
        availability.MapGet("", GetAsync).WithName("GetAvailability");
        availability.MapPut("", UpdateAsync).Validate<UpdateAvailabilityRequest>().WithName("UpdateAvailability");
        availability.MapPost("/exceptions", AddExceptionAsync).Validate<NewExceptionRequest>().WithName("AddAvailabilityException");
        availability.MapGet("/affected-visits", AffectedVisitsAsync).WithName("ListVisitsOnADay");
        availability.MapPost("/affected-visits", VisitsOutsideNewHoursAsync).Validate<UpdateAvailabilityRequest>().WithName("ListVisitsOutsideNewHours");
        availability.MapDelete("/exceptions/{exceptionId:guid}", RemoveExceptionAsync).WithName("RemoveAvailabilityException");
    }

    private static async Task<Results<Ok<MyDoctorView>, ProblemHttpResult>> MeAsync(ICurrentUser user, IDirectoryModule directory, CancellationToken ct) =>
        await directory.GetDoctorByUserAsync(user.RequireUserId(), ct) is { } d
            ? TypedResults.Ok(new MyDoctorView(d.DoctorId, d.DisplayName))
            : Problems.From(SchedulingErrors.DoctorNotFound);

    /// <summary>A doctor edits their own availability; the front desk edits anyone's.</summary>
    internal static async Task<DoctorSummary?> EditableDoctorAsync(Guid doctorId, ICurrentUser user, ScheduleReader schedules, CancellationToken ct)
    {
        var doctor = await schedules.DoctorAsync(doctorId, ct);
        return doctor is not null && (user.IsInRole(Roles.FrontDesk) || doctor.UserId == user.UserId) ? doctor : null;
    }

    private static async Task<Results<Ok<AvailabilityView>, ProblemHttpResult>> GetAsync(Guid doctorId, ICurrentUser user, ScheduleReader schedules,
        SchedulingDbContext db, CancellationToken ct)
    {
        var doctor = await EditableDoctorAsync(doctorId, user, schedules, ct);
        return doctor is null ? Problems.From(SchedulingErrors.DoctorNotFound) : TypedResults.Ok(await ViewAsync(doctor, schedules, db, ct));
    }

    private static async Task<Results<Ok<AvailabilityView>, ProblemHttpResult>> UpdateAsync(Guid doctorId, UpdateAvailabilityRequest request, ICurrentUser user,
        ScheduleReader schedules, SchedulingDbContext db, VisitsOutsideHours visits, TimeProvider clock, AuditScope audit, CancellationToken ct)
    {
        var doctor = await EditableDoctorAsync(doctorId, user, schedules, ct);
        if (doctor is null)
        {
            return Problems.From(SchedulingErrors.DoctorNotFound);
        }

        if (request.WeeklyHours.FirstOrDefault(w => !doctor.ClinicIds.Contains(w.ClinicId)) is not null)
        {
            return Problems.From(Error.ValidationFailed(new Dictionary<string, string[]> { ["weeklyHours"] = ["The doctor does not work at that clinic."] }));
        }

        var affected = await visits.OutsideHoursAsync(doctorId, NewWeeklyHours(doctorId, request), clock.GetUtcNow().UtcDateTime, ct);
        if (affected.Count > 0 && request.AffectedVisits is null)
        {
            return Problems.From(VisitsOutsideHours.VisitsAffected);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.WeeklyHours.Where(w => w.DoctorId == doctorId).ExecuteDeleteAsync(ct);
        await db.AppointmentTypes.Where(t => t.DoctorId == doctorId).ExecuteDeleteAsync(ct);
        db.WeeklyHours.AddRange(NewWeeklyHours(doctorId, request));
        db.AppointmentTypes.AddRange(request.AppointmentTypes.Select(t => new AppointmentTypeSettings
        {
            DoctorId = doctorId, Kind = t.Kind, DurationMinutes = t.DurationMinutes, BufferBeforeMinutes = t.BufferBeforeMinutes,
            BufferAfterMinutes = t.BufferAfterMinutes, MinimumNoticeMinutes = t.MinimumNoticeMinutes, MaximumHorizonDays = t.MaximumHorizonDays, Enabled = t.Enabled,
        }));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.Reference.Invalidate((Rules: true, Policies: false)); // after the commit: a search between the save and the commit may have cached the old rules
        audit.Record("availability.updated", AuditOutcome.Success, "DoctorAvailability", doctorId.ToString());
        // The new hours are committed: the visits they leave out are settled whatever becomes of the request, or they would stay
        // booked at times the doctor no longer works with no one told.
        if (affected.Count > 0 && await SettleAsync(visits, affected, request.AffectedVisits!.Value, "new hours", audit, CancellationToken.None) is { } failed)
        {
            return Problems.From(failed);
        }

        return TypedResults.Ok(await ViewAsync(doctor, schedules, db, ct));
    }

    private static List<WeeklyHours> NewWeeklyHours(Guid doctorId, UpdateAvailabilityRequest request) => request.WeeklyHours.Select(w => new WeeklyHours
    {
        DoctorId = doctorId, ClinicId = w.ClinicId, DayOfWeek = Enum.Parse<DayOfWeek>(w.DayOfWeek, ignoreCase: true),
        StartMinute = TimeText.Minutes(w.Start)!.Value, EndMinute = TimeText.Minutes(w.End)!.Value,
    }).ToList();

    /// <summary>Settles the visits as chosen and audits each one settled; returns the first failure, or null.</summary>
    private static async Task<Error?> SettleAsync(VisitsOutsideHours visits, IReadOnlyList<Appointment> affected, AffectedVisitsChoice choice, string why,
        AuditScope audit, CancellationToken ct)
    {
        var starts = affected.ToDictionary(v => v.Id, v => v.Start);
        var settled = await visits.SettleAsync(affected, choice, ct);
        foreach (var visit in affected.Where(v => !v.IsOpen || v.Start != starts[v.Id]))
        {
            audit.Record(choice == AffectedVisitsChoice.Move ? "appointment.rescheduled" : "appointment.cancelled", AuditOutcome.Success,
                "Appointment", visit.Id.ToString(), why);
        }

        return settled.IsSuccess ? null : settled.Error;
    }

    /// <summary>The open visits from now on that the proposed weekly hours would leave uncovered, with patient names; each audited as read.</summary>
    private static async Task<Results<Ok<IReadOnlyList<AppointmentView>>, ProblemHttpResult>> VisitsOutsideNewHoursAsync(Guid doctorId,
        UpdateAvailabilityRequest request, ICurrentUser user, ScheduleReader schedules, VisitsOutsideHours visits, AppointmentViews views, TimeProvider clock,
        AuditScope audit, CancellationToken ct)
    {
        var doctor = await EditableDoctorAsync(doctorId, user, schedules, ct);
        if (doctor is null)
        {
            return Problems.From(SchedulingErrors.DoctorNotFound);
        }

        var found = await visits.OutsideHoursAsync(doctorId, NewWeeklyHours(doctorId, request), clock.GetUtcNow().UtcDateTime, ct);
        foreach (var visit in found)
        {
            audit.Record("appointment.read", AuditOutcome.Success, "Appointment", visit.Id.ToString(), "new hours preview");
        }

        return TypedResults.Ok(await views.ManyAsync(found, withPatientNames: true, ct, doctor.UserId == user.UserId ? AppointmentRole.Doctor : AppointmentRole.FrontDesk));
    }

    /// <summary>The open visits a day off on the clinic-local <paramref name="date"/> at <paramref name="clinicId"/> would cover, with patient names (the doctor's own, or the desk's).</summary>
    private static async Task<Results<Ok<IReadOnlyList<AppointmentView>>, ProblemHttpResult>> AffectedVisitsAsync(Guid doctorId, Guid clinicId, DateOnly date,
        ICurrentUser user, ScheduleReader schedules, VisitsOutsideHours visits, AppointmentViews views, AuditScope audit, CancellationToken ct)
    {
        if (!ServiceYears.Contain(date))
        {
            return Problems.From(ServiceYears.OutsideFor("date"));
        }

        var doctor = await EditableDoctorAsync(doctorId, user, schedules, ct);
        if (doctor is null)
        {
            return Problems.From(SchedulingErrors.DoctorNotFound);
        }

        var found = await visits.FindAsync(doctorId, clinicId, date, ct);
        foreach (var visit in found)
        {
            audit.Record("appointment.read", AuditOutcome.Success, "Appointment", visit.Id.ToString(), "day off preview");
        }

        return TypedResults.Ok(await views.ManyAsync(found, withPatientNames: true, ct, doctor.UserId == user.UserId ? AppointmentRole.Doctor : AppointmentRole.FrontDesk));
    }

    private static async Task<Results<Created<ExceptionView>, ProblemHttpResult>> AddExceptionAsync(Guid doctorId, NewExceptionRequest request,
        ICurrentUser user, ScheduleReader schedules, SchedulingDbContext db, VisitsOutsideHours visits, AuditScope audit, CancellationToken ct)
    {
        var doctor = await EditableDoctorAsync(doctorId, user, schedules, ct);
        if (doctor is null)
        {
            return Problems.From(SchedulingErrors.DoctorNotFound);
        }

        if (!doctor.ClinicIds.Contains(request.ClinicId))
        {
            return Problems.From(Error.ValidationFailed(new Dictionary<string, string[]> { ["clinicId"] = ["The doctor does not work at that clinic."] }));
        }

        var extra = request.Kind == "extraHours";
        var affected = extra ? [] : await visits.FindAsync(doctorId, request.ClinicId, request.Date, ct);
        if (affected.Count > 0 && request.AffectedVisits is null)
        {
            return Problems.From(VisitsOutsideHours.VisitsAffected);
        }

        var exception = new AvailabilityException
        {
            DoctorId = doctorId, ClinicId = request.ClinicId, Date = request.Date, Kind = extra ? ExceptionKind.ExtraHours : ExceptionKind.DayOff,
            StartMinute = extra ? TimeText.Minutes(request.Start) : null, EndMinute = extra ? TimeText.Minutes(request.End) : null,
        };
        db.Exceptions.Add(exception);
        await db.SaveChangesAsync(ct);
        db.Reference.Invalidate((Rules: true, Policies: false)); // the day off must hide that day's times from the moves below and from searches
        audit.Record("availability.exception_added", AuditOutcome.Success, "DoctorAvailability", doctorId.ToString());
        // Committed: the day's visits are settled whatever becomes of the request (see the new hours above).
        if (affected.Count > 0 && await SettleAsync(visits, affected, request.AffectedVisits!.Value, "day off", audit, CancellationToken.None) is { } failed)
        {
            return Problems.From(failed);
        }

        return TypedResults.Created($"/api/v1/scheduling/doctors/{doctorId}/availability/exceptions/{exception.Id}", ExceptionViewOf(exception));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveExceptionAsync(Guid doctorId, Guid exceptionId, ICurrentUser user,
        ScheduleReader schedules, SchedulingDbContext db, AuditScope audit, CancellationToken ct)
    {
        var doctor = await EditableDoctorAsync(doctorId, user, schedules, ct);
        var removed = doctor is null ? 0 : await db.Exceptions.Where(e => e.Id == exceptionId && e.DoctorId == doctorId).ExecuteDeleteAsync(ct);
        db.Reference.Invalidate((Rules: true, Policies: false));
        if (removed == 0)
        {
            return Problems.From(Error.NotFound());
        }

        audit.Record("availability.exception_removed", AuditOutcome.Success, "DoctorAvailability", doctorId.ToString());
        return TypedResults.NoContent();
    }

    private static async Task<AvailabilityView> ViewAsync(DoctorSummary doctor, ScheduleReader schedules, SchedulingDbContext db, CancellationToken ct)
    {
        var clinics = await schedules.ClinicsAsync(ct);
        var weekly = await db.WeeklyHours.AsNoTracking().Where(w => w.DoctorId == doctor.DoctorId).ToListAsync(ct);
        var types = await db.AppointmentTypes.AsNoTracking().Where(t => t.DoctorId == doctor.DoctorId).ToListAsync(ct);
        var exceptions = await db.Exceptions.AsNoTracking().Where(e => e.DoctorId == doctor.DoctorId).OrderBy(e => e.Date).ToListAsync(ct);
        return new AvailabilityView(doctor.DoctorId,
            doctor.ClinicIds.Where(clinics.ContainsKey).Select(c => clinics[c]).Select(c => new ClinicRefView(c.ClinicId, c.Name, c.City, c.TimeZone)).ToList(),
            weekly.OrderBy(w => ((int)w.DayOfWeek + 6) % 7).ThenBy(w => w.StartMinute)
                .Select(w => new WeeklyRangeView(w.ClinicId, w.DayOfWeek.ToString().ToLowerInvariant(), TimeText.Format(w.StartMinute), TimeText.Format(w.EndMinute))).ToList(),
            Enum.GetValues<AppointmentKind>().Select(k => types.SingleOrDefault(t => t.Kind == k) ?? AppointmentTypeSettings.DefaultFor(doctor.DoctorId, k))
                .Select(t => new AppointmentTypeView(t.Kind, t.DurationMinutes, t.BufferBeforeMinutes, t.BufferAfterMinutes, t.MinimumNoticeMinutes, t.MaximumHorizonDays, t.Enabled)).ToList(),
            exceptions.Select(ExceptionViewOf).ToList());
    }

    private static ExceptionView ExceptionViewOf(AvailabilityException e) => new(e.Id, e.ClinicId, e.Date, e.Kind == ExceptionKind.DayOff ? "dayOff" : "extraHours",
        e.StartMinute is { } s ? TimeText.Format(s) : null, e.EndMinute is { } x ? TimeText.Format(x) : null);
}
