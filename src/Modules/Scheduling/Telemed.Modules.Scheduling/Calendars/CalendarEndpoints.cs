using Telemed.Modules.Scheduling.Contracts;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Scheduling.Appointments;
using Telemed.Modules.Scheduling.Availability;
using Telemed.Modules.Scheduling.Infrastructure;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Notifications.Contracts;

namespace Telemed.Modules.Scheduling.Calendars;

public sealed record CalendarFeedView(string Url);

/// <summary>The doctor's feed as it stands: <c>Url</c> is null when there is no feed, or for a feed made before URLs could be shown again (rotate it).</summary>
public sealed record CalendarFeedStatusView(bool Exists, string? Url);

internal static class CalendarEndpoints
{
    public static void MapCalendarEndpoints(this IEndpointRouteBuilder scheduling)
    {
        scheduling.MapGet("/appointments/{id:guid}/calendar.ics", AppointmentAsync).RequireAuthorization(Policies.SignedIn).WithTags("Calendars")
            .WithName("DownloadAppointmentCalendar");
        scheduling.MapGet("/doctors/{doctorId:guid}/calendar-feed", GetFeedAsync).RequireAuthorization(Policies.Doctor).WithTags("Calendars").WithName("GetCalendarFeed");
        scheduling.MapPost("/doctors/{doctorId:guid}/calendar-feed", CreateFeedAsync).RequireAuthorization(Policies.Doctor).WithTags("Calendars").WithName("CreateCalendarFeed");
        scheduling.MapDelete("/doctors/{doctorId:guid}/calendar-feed", RevokeFeedAsync).RequireAuthorization(Policies.Doctor).WithTags("Calendars").WithName("RevokeCalendarFeed");
        scheduling.MapGet("/calendar-feeds/{token}.ics", FeedAsync).AllowAnonymous().WithTags("Calendars").WithName("ReadCalendarFeed");
    }

    /// <summary>
    /// The appointment's calendar file in the reader's language: <paramref name="language"/> (<c>ru</c> or <c>en</c>, which
    /// the web app adds to its download link, since a plain link carries the browser's languages, not the app's) or else
    /// the request's Accept-Language.
    /// </summary>
    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> AppointmentAsync(Guid id, string? language, HttpRequest request,
        AppointmentAccess access, AppointmentViews views, ScheduleReader schedules, PublicUrls links, TimeProvider clock, CancellationToken ct)
    {
        var (appointment, _) = await access.FindAsync(id, ct);
        if (appointment is null)
        {
            return Problems.From(SchedulingErrors.AppointmentNotFound);
        }

        var view = await views.OneAsync(appointment, withPatientName: false, ct);
        var clinic = (await schedules.ClinicsAsync(ct)).GetValueOrDefault(appointment.ClinicId)
            ?? new ClinicSummary(appointment.ClinicId, view.ClinicName, "", view.ClinicTimeZone);
        var calendar = AppointmentCalendar.For(appointment, view.DoctorName, clinic, ReaderLanguage.Of(language, request),
            links, clock.GetUtcNow().UtcDateTime);
        return TypedResults.File(calendar, "text/calendar; charset=utf-8", "appointment.ics");
    }

    private static async Task<Results<Ok<CalendarFeedStatusView>, ProblemHttpResult>> GetFeedAsync(Guid doctorId, ICurrentUser user, ScheduleReader schedules,
        SchedulingDbContext db, PublicUrls links, CalendarFeedTokens tokens, AuditScope audit, CancellationToken ct)
    {
        var doctor = await schedules.DoctorAsync(doctorId, ct);
        if (doctor is null || doctor.UserId != user.UserId)
        {
            return Problems.From(SchedulingErrors.DoctorNotFound);
        }

        var feed = await db.CalendarFeeds.AsNoTracking().SingleOrDefaultAsync(f => f.DoctorId == doctorId, ct);
        if (feed is null)
        {
            return TypedResults.Ok(new CalendarFeedStatusView(false, null));
        }

        var token = tokens.TokenFor(doctorId, feed.CreatedAt);
        audit.Record("calendar_feed.viewed", AuditOutcome.Success, "CalendarFeed", doctorId.ToString());
        return TypedResults.Ok(new CalendarFeedStatusView(true,
            PublicLinks.Hash(token) == feed.TokenHash ? links.To($"/api/v1/scheduling/calendar-feeds/{token}.ics") : null));
    }

    private static async Task<Results<Ok<CalendarFeedView>, ProblemHttpResult>> CreateFeedAsync(Guid doctorId, ICurrentUser user, ScheduleReader schedules,
        SchedulingDbContext db, PublicUrls links, CalendarFeedTokens tokens, TimeProvider clock, AuditScope audit, CancellationToken ct)
    {
        var doctor = await schedules.DoctorAsync(doctorId, ct);
        if (doctor is null || doctor.UserId != user.UserId)
        {
            return Problems.From(SchedulingErrors.DoctorNotFound);
        }

        var feed = await db.CalendarFeeds.SingleOrDefaultAsync(f => f.DoctorId == doctorId, ct);
        var createdAt = CalendarFeedTokens.Stamp(clock.GetUtcNow().UtcDateTime, feed?.CreatedAt);
        var token = tokens.TokenFor(doctorId, createdAt);
        var hash = PublicLinks.Hash(token);
        if (feed is null)
        {
            db.CalendarFeeds.Add(new CalendarFeed { DoctorId = doctorId, TokenHash = hash, CreatedAt = createdAt });
        }
        else
        {
            feed.TokenHash = hash;
            feed.CreatedAt = createdAt;
        }

        await db.SaveChangesAsync(ct);
        audit.Record("calendar_feed.created", AuditOutcome.Success, "CalendarFeed", doctorId.ToString());
        return TypedResults.Ok(new CalendarFeedView(links.To($"/api/v1/scheduling/calendar-feeds/{token}.ics")));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeFeedAsync(Guid doctorId, ICurrentUser user, ScheduleReader schedules,
        SchedulingDbContext db, AuditScope audit, CancellationToken ct)
    {
        var doctor = await schedules.DoctorAsync(doctorId, ct);
        if (doctor is null || doctor.UserId != user.UserId)
        {
            return Problems.From(SchedulingErrors.DoctorNotFound);
        }

        await db.CalendarFeeds.Where(f => f.DoctorId == doctorId).ExecuteDeleteAsync(ct);
        audit.Record("calendar_feed.revoked", AuditOutcome.Success, "CalendarFeed", doctorId.ToString());
        return TypedResults.NoContent();
    }

    /// <summary>The feed is read by calendar apps without a session: the token is the credential, and the events name no patient.</summary>
    /// <remarks>In the doctor's own language (their account's), since calendar apps fetch it without saying whose it is.</remarks>
    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> FeedAsync(string token, SchedulingDbContext db, ScheduleReader schedules,
        IRecipientLanguage languages, PublicUrls links, TimeProvider clock, CancellationToken ct)
    {
        var hash = PublicLinks.Hash(token);
        var feed = await db.CalendarFeeds.AsNoTracking().SingleOrDefaultAsync(f => f.TokenHash == hash, ct);
        if (feed is null)
        {
            return Problems.From(Error.NotFound());
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var from = now.AddDays(-30);
        var until = now.AddDays(180);
        var appointments = await db.Appointments.AsNoTracking()
            .Where(a => a.DoctorId == feed.DoctorId && a.Start >= from && a.Start < until).OrderBy(a => a.Start).ToListAsync(ct);
        var clinics = await schedules.ClinicsAsync(ct);
        var doctor = await schedules.DoctorAsync(feed.DoctorId, ct);
        var language = ReaderLanguage.Of(doctor is null ? null : await languages.GetPreferredLanguageAsync(doctor.UserId, ct));
        var events = appointments.Select(a => new CalendarEvent(a.Id, a.Start, a.End, clinics.TryGetValue(a.ClinicId, out var c) ? c.TimeZone : "UTC",
            CalendarTexts.Title(a.Kind, language), a.Kind == AppointmentKind.InPerson && c is not null ? c.NameIn(language) : CalendarTexts.Online(language), null,
            links.To("/doctor/schedule"), a.Status == AppointmentStatus.Cancelled, a.Version)).ToList();
        return TypedResults.File(Encoding.UTF8.GetBytes(IcsWriter.Write(CalendarTexts.ScheduleName(language), events, now)), "text/calendar; charset=utf-8",
            "telemed.ics");
    }
}
