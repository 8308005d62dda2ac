using System.Globalization;

namespace Telemed.Host.Analytics;

/// <summary>
/// The dashboard's tables as CSV rows (snake_case headers, invariant culture; money in minor units with its currency; rates as
/// percentages with one decimal, empty when not defined). The layout is documented in docs/analytics.md.
/// </summary>
public static class AnalyticsCsv
{
    /// <summary>The rows of <paramref name="table"/>: <c>doctors</c>, <c>specialties</c>, <c>series</c> or <c>revenue</c>.</summary>
    public static IEnumerable<object> Rows(string table, ClinicAnalytics analytics) => table switch
    {
        "doctors" => analytics.Doctors.Select(d => (object)new
        {
            doctor_id = d.DoctorId, doctor = d.DisplayName, specialty = d.Specialty, completed = d.Completed, no_shows = d.NoShows,
            cancelled = d.Cancelled, booked_minutes = d.BookedMinutes, working_minutes = d.WorkingMinutes,
            utilisation_percent = Format(d.UtilisationPercent), nps_answers = d.Nps.Answers, nps_score = d.Nps.Score?.ToString(CultureInfo.InvariantCulture) ?? "",
        }),
        "specialties" => analytics.BySpecialty.Select(s => (object)new { specialty = s.Specialty, completed = s.Completed, total = s.Total }),
        "series" => analytics.Series.Select(p => (object)new
        {
            period_start = p.PeriodStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), interval = analytics.Interval,
            completed = p.Completed, cancelled = p.Cancelled, no_shows = p.NoShows, upcoming = p.Upcoming,
        }),
        "revenue" => analytics.Revenue.SelectMany(r => r.ByPeriod.Select(p => (object)new
        {
            period_start = p.PeriodStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), interval = analytics.Interval,
            currency = r.Currency, net_minor = p.NetMinor,
        })),
        _ => throw new ArgumentOutOfRangeException(nameof(table), table, "Unknown analytics table."),
    };

    private static string Format(decimal? percent) => percent?.ToString("0.0", CultureInfo.InvariantCulture) ?? "";
}
