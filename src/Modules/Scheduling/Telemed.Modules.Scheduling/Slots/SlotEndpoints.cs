using Telemed.Modules.Scheduling.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using NodaTime;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Scheduling.Appointments;
using Telemed.Modules.Scheduling.Availability;
using Telemed.Modules.Scheduling.Infrastructure;

namespace Telemed.Modules.Scheduling.Slots;

public sealed record SlotView(DateTime Start, DateTime End, string Kind, Guid ClinicId, string ClinicName, string ClinicTimeZone, string ClinicLocal,
    string PatientTimeZone, string PatientLocal);

public sealed record DoctorSlots(Guid DoctorId, string DisplayName, IReadOnlyList<string> Specialties, IReadOnlyList<string> Languages, Money HourlyRate,
    IReadOnlyList<SlotView> Slots);

internal static class SlotEndpoints
{
    public const int MaxRangeDays = 62;

    /// <summary>How far from today a search may start: a year back, two years ahead (no booking horizon is longer; year 1 or 9999 is a client bug).</summary>
    public const int MaxDaysBack = 366;

    public const int MaxDaysAhead = 2 * 366;

    public static void MapSlotEndpoints(this IEndpointRouteBuilder scheduling)
    {
        // Public: free times are no one's PHI (a slot says when a doctor is free, never who booked the others), so visitors
        // can pick a time before signing in; booking itself needs a signed-in patient.
        scheduling.MapGet("/slots", SearchAsync).PublicRead().WithTags("Slots").WithName("SearchSlots");
        scheduling.MapGet("/doctors/{doctorId:guid}/slots", DoctorAsync).PublicRead().WithTags("Slots").WithName("GetDoctorSlots");
    }

    private static async Task<Results<Ok<PagedResult<DoctorSlots>>, ProblemHttpResult>> SearchAsync(string? specialty, Guid? doctorId, string? language,
        string? kind, Guid? clinicId, DateOnly? from, DateOnly? to, string? timeZone, int? perDoctor, int? page, int? pageSize,
        IDirectoryModule directory, ScheduleReader schedules, SlotFinder finder, CancellationToken ct)
    {
        var range = Range(from, to, timeZone, finder.Now);
        if (!range.IsSuccess)
        {
            return Problems.From(range.Error!);
        }

        if (ParseKind(kind) is not { } appointmentKind)
        {
            return Problems.From(Error.ValidationFailed(new Dictionary<string, string[]> { ["kind"] = ["Use video, inPerson or chat."] }));
        }

        var paging = PageRequest.From(page, pageSize);
        var (onPage, total) = await directory.FindDoctorsPageAsync(new DoctorFilter(specialty, language, clinicId, doctorId), paging.Skip, paging.PageSize, ct);
        var items = await SlotsOfAsync(onPage, appointmentKind, clinicId, range.Value, Math.Clamp(perDoctor ?? 6, 1, 50), schedules, finder, ct);
        return TypedResults.Ok(new PagedResult<DoctorSlots>(items, total, paging.Page, paging.PageSize));
    }

    private static async Task<Results<Ok<DoctorSlots>, ProblemHttpResult>> DoctorAsync(Guid doctorId, string? kind, Guid? clinicId, DateOnly? from,
        DateOnly? to, string? timeZone, ScheduleReader schedules, SlotFinder finder, CancellationToken ct)
    {
        var range = Range(from, to, timeZone, finder.Now);
        if (!range.IsSuccess)
        {
            return Problems.From(range.Error!);
        }

        if (ParseKind(kind) is not { } appointmentKind)
        {
            return Problems.From(Error.ValidationFailed(new Dictionary<string, string[]> { ["kind"] = ["Use video, inPerson or chat."] }));
        }

        var doctor = await schedules.DoctorAsync(doctorId, ct);
        if (doctor is null || !doctor.Active)
        {
            return Problems.From(SchedulingErrors.DoctorNotFound);
        }

        return TypedResults.Ok((await SlotsOfAsync([doctor], appointmentKind, clinicId, range.Value, null, schedules, finder, ct)).Single());
    }

    /// <summary>The kind by name (any case), video when absent; null for anything else, numbers included ("1").</summary>
    private static AppointmentKind? ParseKind(string? kind) =>
        FilterValues.TryParse<AppointmentKind>(kind, out var parsed) ? parsed ?? AppointmentKind.Video : null;

    internal sealed record SearchRange(Instant From, Instant To, DateOnly FromDate, DateOnly ToDate, DateTimeZone PatientZone);

    private static async Task<IReadOnlyList<DoctorSlots>> SlotsOfAsync(IReadOnlyList<DoctorSummary> doctors, AppointmentKind kind, Guid? clinicId,
        SearchRange range, int? perDoctor, ScheduleReader schedules, SlotFinder finder, CancellationToken ct)
    {
        var loaded = await schedules.LoadAsync(doctors, range.FromDate, range.ToDate, ct);
        var free = await finder.FreeSlotsAsync(loaded, kind, clinicId, range.From, range.To, perDoctor, ct);
        var clinics = await schedules.ClinicsAsync(ct);
        return doctors.Select(d => new DoctorSlots(d.DoctorId, d.DisplayName, d.Specialties, d.Languages, d.HourlyRate,
            free[d.DoctorId].Select(s =>
            {
                var clinic = clinics[s.ClinicId];
                var start = s.Start.ToDateTimeUtc();
                return new SlotView(start, s.End.ToDateTimeUtc(), AppointmentViews.KindName(kind), clinic.ClinicId, clinic.Name, clinic.TimeZone,
                    AppointmentViews.Local(start, clinic.TimeZone), range.PatientZone.Id, AppointmentViews.Local(start, range.PatientZone.Id));
            }).ToList())).ToList();
    }

    /// <summary>The dates are the patient's: from the start of <paramref name="from"/> to the end of <paramref name="to"/> in their zone.</summary>
    private static Result<SearchRange> Range(DateOnly? from, DateOnly? to, string? timeZone, Instant now)
    {
        var zone = string.IsNullOrWhiteSpace(timeZone) ? DateTimeZone.Utc : (ClinicTimeZone.CanonicalId(timeZone) is { } known ? DateTimeZoneProviders.Tzdb[known] : null);
        if (zone is null)
        {
            return Error.ValidationFailed(new Dictionary<string, string[]> { ["timeZone"] = ["Use an IANA time zone such as Europe/Berlin."] });
        }

        var today = now.InZone(zone).Date;
        var fromDate = from is { } f ? new LocalDate(f.Year, f.Month, f.Day) : today;
        if (Period.Between(today, fromDate, PeriodUnits.Days).Days is < -MaxDaysBack or > MaxDaysAhead)
        {
            return Error.ValidationFailed(new Dictionary<string, string[]> { ["from"] = [$"Choose a start date within {MaxDaysBack} days before and {MaxDaysAhead} days after today."] });
        }

        var toDate = to is { } t ? new LocalDate(t.Year, t.Month, t.Day) : fromDate.PlusDays(6);
        if (toDate < fromDate || Period.Between(fromDate, toDate, PeriodUnits.Days).Days > MaxRangeDays)
        {
            return Error.ValidationFailed(new Dictionary<string, string[]> { ["to"] = [$"Choose an end date on or after the start, at most {MaxRangeDays} days later."] });
        }

        return new SearchRange(fromDate.AtStartOfDayInZone(zone).ToInstant(), toDate.PlusDays(1).AtStartOfDayInZone(zone).ToInstant(),
            new DateOnly(fromDate.Year, fromDate.Month, fromDate.Day), new DateOnly(toDate.Year, toDate.Month, toDate.Day), zone);
    }
}
