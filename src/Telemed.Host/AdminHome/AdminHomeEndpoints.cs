using Microsoft.AspNetCore.Http.HttpResults;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Events;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Consultations.Contracts;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Identity.Contracts;
using Telemed.Modules.Scheduling.Contracts;

namespace Telemed.Host.AdminHome;

/// <summary>
/// The admin's home page: today's figures, counts only (no names). <c>Day</c> is the local date in <c>TimeZone</c> (the
/// clinic's zone when one is chosen, else the zone the admin's browser sent, else UTC); the visit, registration counts are
/// for that day. <c>ClinicId</c> narrows visits, doctors on duty and licences to one clinic; the on-demand queue, accounts,
/// invitations and outbox belong to no clinic and are the same for every clinic. <c>LongestWaitMinutes</c> is whole minutes
/// (null when nobody waits); <c>LicencesExpiringSoon</c> counts licences (of doctors not suspended) whose last valid day is within the next 30 days or already past;
/// <c>UnverifiedLicences</c> counts active (bookable) doctors whose licence no admin has verified.
/// </summary>
public sealed record AdminHomeFigures(DateOnly Day, string TimeZone, Guid? ClinicId, int VisitsBooked, int VisitsCompleted, int VisitsCancelled,
    int VisitsNoShow, int OnDemandWaiting, int? LongestWaitMinutes, int DoctorsOnDuty, int NewRegistrations, int PendingInvitations,
    int LicencesExpiringSoon, int UnverifiedLicences, int OutboxFailures);

/// <summary>Composes the admin's home figures from the modules' facades (no module's tables are read here).</summary>
public static class AdminHomeEndpoints
{
    /// <summary>How far ahead an expiring licence is counted, in days.</summary>
    public const int LicenceWarningDays = 30;

    public static readonly Error UnknownTimeZone = Error.Validation("admin.unknown_time_zone", "Use an IANA time zone such as Europe/Moscow.");

    public static void MapAdminHomeEndpoints(this IEndpointRouteBuilder api) =>
        api.MapGet("/admin/home", GetAsync).RequireAuthorization(Policies.Admin).WithTags("Administration").WithName("GetAdminHomeFigures");

    /// <summary>Errors: <c>not_found</c> (unknown clinic), <c>admin.unknown_time_zone</c> (400).</summary>
    private static async Task<Results<Ok<AdminHomeFigures>, ProblemHttpResult>> GetAsync(Guid? clinicId, string? timeZone, IDirectoryModule directory,
        IDoctorFigures doctors, IVisitFigures visits, IOnCallFigures onCall, IAccountFigures accounts, OutboxFailures outbox, TimeProvider clock,
        CancellationToken ct)
    {
        var zoneId = string.IsNullOrWhiteSpace(timeZone) ? "UTC" : timeZone.Trim();
        IReadOnlyCollection<Guid>? doctorsAtClinic = null;
        if (clinicId is { } clinic)
        {
            var found = (await directory.GetClinicsAsync(ct)).FirstOrDefault(c => c.ClinicId == clinic);
            if (found is null)
            {
                return Problems.From(Error.NotFound());
            }

            zoneId = found.TimeZone;
            doctorsAtClinic = (await directory.FindDoctorsAsync(new DoctorFilter(ClinicId: clinic, ActiveOnly: false), ct)).Select(d => d.DoctorId).ToList();
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone) || !zone.HasIanaId)
        {
            return Problems.From(UnknownTimeZone);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var today = LocalDay.Containing(now, zone);
        var visitCounts = await visits.CountVisitsAsync(clinicId, today.StartUtc, today.EndUtc, ct);
        var queue = await onCall.OnDemandQueueAsync(ct);
        return TypedResults.Ok(new AdminHomeFigures(
            today.Date, zoneId, clinicId,
            visitCounts.Booked, visitCounts.Completed, visitCounts.Cancelled, visitCounts.NoShows,
            queue.Waiting, queue.LongestWaitingSince is { } since ? WholeMinutesSince(since, now) : null,
            await onCall.CountDoctorsOnDutyAsync(doctorsAtClinic, ct),
            await accounts.CountNewPatientAccountsAsync(today.StartUtc, today.EndUtc, ct),
            await accounts.CountPendingInvitationsAsync(now, ct),
            // Already expired ones count too: a doctor left active past the last day is the most urgent renewal.
            await doctors.CountLicencesExpiringAsync(clinicId, DateOnly.MinValue, today.Date.AddDays(LicenceWarningDays), ct),
            await doctors.CountUnverifiedLicencesAsync(clinicId, ct),
            await outbox.CountAsync(ct)));
    }

    /// <summary>Whole minutes from <paramref name="since"/> to <paramref name="now"/> (UTC), never negative.</summary>
    public static int WholeMinutesSince(DateTime since, DateTime now) => Math.Max(0, (int)Math.Floor((now - since).TotalMinutes));
}
