using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Scheduling.Infrastructure;

namespace Telemed.Modules.Scheduling.Appointments.LicenceWarning;

/// <summary>
/// A doctor's licence against their booked visits: <c>LicenceExpiresOn</c> the licence's last valid day (null while none is recorded),
/// <c>BookedVisitsAfter</c> how many booked or confirmed visits fall on a later day (the clinic's local date), and
/// <c>FirstVisitAfter</c> the earliest of them (UTC), null when none. These visits were booked before the licence's end was known
/// or changed; they are kept, not cancelled, so that staff can move them to another doctor or cancel them with the patient.
/// </summary>
public sealed record VisitsAfterLicence(Guid DoctorId, DateOnly? LicenceExpiresOn, int BookedVisitsAfter, DateTime? FirstVisitAfter);

internal static class VisitsAfterLicenceEndpoint
{
    public static void MapVisitsAfterLicenceEndpoint(this IEndpointRouteBuilder scheduling) =>
        scheduling.MapGet("/doctors/{doctorId:guid}/visits-after-licence", GetAsync).RequireAuthorization(Policies.Admin)
            .WithTags("Administration").WithName("GetVisitsAfterDoctorLicence");

    /// <summary>Errors: <c>scheduling.doctor_not_found</c>. Reads the visits' clinic and start only, never who booked them (no PHI).</summary>
    private static async Task<Results<Ok<VisitsAfterLicence>, ProblemHttpResult>> GetAsync(Guid doctorId, ScheduleReader schedules, SchedulingDbContext db,
        CancellationToken ct)
    {
        var doctor = await schedules.DoctorAsync(doctorId, ct);
        if (doctor is null)
        {
            return Problems.From(SchedulingErrors.DoctorNotFound);
        }

        if (doctor.LicenceExpiresOn is not { } last)
        {
            return TypedResults.Ok(new VisitsAfterLicence(doctorId, null, 0, null));
        }

        // The day after the last one begins at the earliest 14 hours before its UTC midnight (UTC+14); the clinic's zone decides.
        var from = last.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-14);
        var open = await db.Appointments.AsNoTracking()
            .Where(a => a.DoctorId == doctorId && a.Start >= from && (a.Status == AppointmentStatus.Booked || a.Status == AppointmentStatus.Confirmed))
            .Select(a => new { a.ClinicId, a.Start }).ToListAsync(ct);
        var clinics = await schedules.ClinicsAsync(ct);
        var after = open.Where(a =>
        {
            var zone = ScheduleReader.Zone(clinics.TryGetValue(a.ClinicId, out var clinic) ? clinic.TimeZone : "UTC");
            var local = Instant.FromDateTimeUtc(DateTime.SpecifyKind(a.Start, DateTimeKind.Utc)).InZone(zone).Date;
            return !DoctorPractisesOnlyWhileLicensed.Covers(last, new DateOnly(local.Year, local.Month, local.Day));
        }).Select(a => a.Start).Order().ToList();
        return TypedResults.Ok(new VisitsAfterLicence(doctorId, last, after.Count, after.Count == 0 ? null : DateTime.SpecifyKind(after[0], DateTimeKind.Utc)));
    }
}
