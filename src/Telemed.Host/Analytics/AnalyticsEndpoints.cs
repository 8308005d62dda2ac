using Telemed.BuildingBlocks.Exports;
using System.Globalization;
using System.Text;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.BuildingBlocks.Time;
using Telemed.Modules.Directory.Contracts;

namespace Telemed.Host.Analytics;

/// <summary>
/// <c>GET /api/v1/admin/analytics</c> (the dashboard as JSON) and <c>GET /api/v1/admin/analytics/export</c> (one of its tables as
/// CSV), admins only. <c>from</c>/<c>to</c> are local dates (YYYY-MM-DD, inclusive) in the clinic's zone, or UTC for all clinics;
/// without both, the last 30 days up to today. Errors: 400 <c>analytics.invalid_period</c>, 400 <c>analytics.invalid_table</c>,
/// 404 <c>analytics.clinic_not_found</c>.
/// </summary>
public static class AnalyticsEndpoints
{
    /// <summary>The dashboard's default length in days, today included.</summary>
    public const int DefaultDays = 30;

    public static readonly Error ClinicNotFound = new("analytics.clinic_not_found", "There is no such clinic.", ErrorKind.NotFound);
    public static readonly Error InvalidTable = Error.Validation("analytics.invalid_table", "Export one of: doctors, specialties, series, revenue.");

    public static void MapAnalyticsEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/admin/analytics").RequireAuthorization(Policies.Admin).WithTags("Administration");
        group.MapGet("", GetAsync).WithName("GetClinicAnalytics");
        group.MapGet("/export", ExportAsync).Produces(StatusCodes.Status200OK, contentType: "text/csv").WithName("ExportClinicAnalytics");
    }

    private static async Task<Results<Ok<ClinicAnalytics>, ProblemHttpResult>> GetAsync(string? from, string? to, Guid? clinicId,
        IDirectoryModule directory, ClinicAnalyticsComposer composer, TimeProvider clock, CancellationToken ct)
    {
        var request = await PeriodAsync(from, to, clinicId, directory, clock, ct);
        if (!request.IsSuccess)
        {
            return Problems.From(request.Error!);
        }

        var (period, interval) = request.Value;
        return TypedResults.Ok(await composer.ComposeAsync(clinicId, period, interval, ct));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportAsync(string? table, string? from, string? to, Guid? clinicId,
        IDirectoryModule directory, ClinicAnalyticsComposer composer, TimeProvider clock, CancellationToken ct)
    {
        var name = table?.Trim().ToLowerInvariant();
        if (name is not ("doctors" or "specialties" or "series" or "revenue"))
        {
            return Problems.From(InvalidTable);
        }

        var request = await PeriodAsync(from, to, clinicId, directory, clock, ct);
        if (!request.IsSuccess)
        {
            return Problems.From(request.Error!);
        }

        var (period, interval) = request.Value;
        var analytics = await composer.ComposeAsync(clinicId, period, interval, ct);
        var buffer = new StringWriter(CultureInfo.InvariantCulture);
        await using (var csv = SpreadsheetSafeCsv.Writer(buffer))
        {
            await csv.WriteRecordsAsync(AnalyticsCsv.Rows(name, analytics), ct);
        }

        return TypedResults.File(Encoding.UTF8.GetBytes(buffer.ToString()), "text/csv; charset=utf-8",
            $"analytics-{name}-{period.From:yyyyMMdd}-{period.To:yyyyMMdd}.csv");
    }

    private static async Task<Result<(AnalyticsPeriod Period, ReportingInterval Interval)>> PeriodAsync(string? from, string? to, Guid? clinicId,
        IDirectoryModule directory, TimeProvider clock, CancellationToken ct)
    {
        var zone = TimeZoneInfo.Utc;
        if (clinicId is { } clinic)
        {
            var found = (await directory.GetClinicsAsync(ct)).FirstOrDefault(c => c.ClinicId == clinic);
            if (found is null)
            {
                return ClinicNotFound;
            }

            zone = ClinicTimeZone.Find(found.TimeZone);
        }

        DateOnly first, last;
        if (string.IsNullOrWhiteSpace(from) && string.IsNullOrWhiteSpace(to))
        {
            last = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, zone));
            first = last.AddDays(1 - DefaultDays);
        }
        else if (!DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out first)
            || !DateOnly.TryParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out last)
            || first.Year < 2000 || last.Year > 2999)
        {
            return ReportingInterval.InvalidPeriod;
        }

        var interval = ReportingInterval.For(first, last);
        if (!interval.IsSuccess)
        {
            return interval.Error!;
        }

        return (AnalyticsPeriod.Of(first, last, zone), interval.Value);
    }
}
