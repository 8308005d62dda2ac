using Telemed.BuildingBlocks.Time;
using Telemed.Modules.Billing.Contracts;
using Telemed.Modules.Consultations.Contracts;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Feedback.Contracts;
using Telemed.Modules.Scheduling.Contracts;

namespace Telemed.Host.Analytics;

/// <summary>
/// Builds the dashboard from the modules' analytics facades (each groups in its own database; no module's tables are read here)
/// and the directory's doctors and clinics for names and specialties.
/// </summary>
public sealed class ClinicAnalyticsComposer(IDirectoryModule directory, IVisitAnalytics visits, IConsultationAnalytics consultations,
    IRevenueAnalytics revenue, IFeedbackFigures feedback)
{
    private async Task<(IReadOnlyList<DailyVisitCounts> Daily, IReadOnlyList<DoctorVisitFigures> ByDoctor)> VisitsAsync(Guid? clinicId, AnalyticsPeriod period, CancellationToken ct) =>
        (await visits.CountVisitsByDayAsync(clinicId, period, ct), await visits.VisitsByDoctorAsync(clinicId, period, ct));

    private async Task<(WaitFigures Waits, IReadOnlyList<SpecialtyConsultations> BySpecialty)> ConsultationsAsync(Guid? clinicId, AnalyticsPeriod period, CancellationToken ct) =>
        (await consultations.WaitsAsync(clinicId, period, ct), await consultations.BySpecialtyAsync(clinicId, period, ct));

    /// <summary>The dashboard of <paramref name="period"/> (bucketed by <paramref name="interval"/>) at one clinic, or at all when null.</summary>
    public async Task<ClinicAnalytics> ComposeAsync(Guid? clinicId, AnalyticsPeriod period, ReportingInterval interval, CancellationToken ct)
    {
        // The directory first (names, specialties, clinics); then each module's figures at once: every module has its own
        // DbContext and connection, so PostgreSQL works on them in parallel. Calls on one module stay in sequence.
        var doctors = (await directory.FindDoctorsAsync(new DoctorFilter(ActiveOnly: false), ct)).ToDictionary(d => d.DoctorId);
        var clinics = (await directory.GetClinicsAsync(ct)).ToDictionary(c => c.ClinicId, c => c.Name);
        var visitsTask = VisitsAsync(clinicId, period, ct);
        var consultationsTask = ConsultationsAsync(clinicId, period, ct);
        var moneyTask = revenue.RevenueAsync(clinicId, period, ct);
        var npsTask = feedback.NpsInPeriodAsync(clinicId, period, ct);
        await Task.WhenAll(visitsTask, consultationsTask, moneyTask, npsTask);
        var (daily, byDoctor) = await visitsTask;
        var (waits, bySpecialty) = await consultationsTask;
        var money = await moneyTask;
        var nps = await npsTask;

        string SpecialtyOf(Guid doctorId) => doctors.TryGetValue(doctorId, out var d) ? d.Specialties.FirstOrDefault() ?? "" : "";
        var buckets = interval.Buckets(period.From, period.To);

        var completed = daily.Sum(d => d.Completed);
        var cancelled = daily.Sum(d => d.Cancelled);
        var noShows = daily.Sum(d => d.NoShows);
        var upcoming = daily.Sum(d => d.Upcoming);
        var summary = new VisitSummary(completed + cancelled + noShows + upcoming, upcoming, completed, cancelled, noShows,
            AnalyticsRates.ConversionPercent(completed, cancelled, noShows), AnalyticsRates.NoShowRatePercent(completed, noShows));

        var series = buckets.Select(bucket =>
        {
            var days = daily.Where(d => interval.BucketOf(d.Day, period.From) == bucket).ToList();
            return new VisitSeriesPoint(bucket, days.Sum(d => d.Completed), days.Sum(d => d.Cancelled), days.Sum(d => d.NoShows), days.Sum(d => d.Upcoming));
        }).ToList();

        var revenueRows = money.Select(m => new CurrencyRevenue(m.Currency, m.CapturedMinor, m.RefundedMinor, m.NetMinor,
            m.ByClinic.Select(c => new ClinicRevenueRow(c.ClinicId, clinics.GetValueOrDefault(c.ClinicId, ""), c.NetMinor))
                .OrderByDescending(c => c.NetMinor).ThenBy(c => c.ClinicName, StringComparer.Ordinal).ToList(),
            m.ByDoctor.GroupBy(d => SpecialtyOf(d.DoctorId)).Select(g => new SpecialtyRevenueRow(g.Key, g.Sum(d => d.NetMinor)))
                .OrderByDescending(s => s.NetMinor).ThenBy(s => s.Specialty, StringComparer.Ordinal).ToList(),
            buckets.Select(bucket => new PeriodRevenue(bucket, m.ByDay.Where(d => interval.BucketOf(d.Day, period.From) == bucket).Sum(d => d.NetMinor))).ToList()))
            .ToList();

        var noAnswers = NetPromoterScore.Of([]);
        var doctorRows = byDoctor.Select(f => new DoctorAnalytics(f.DoctorId,
                doctors.TryGetValue(f.DoctorId, out var d) ? d.DisplayName : "", SpecialtyOf(f.DoctorId),
                f.Completed, f.NoShows, f.Cancelled, f.BookedMinutes, f.WorkingMinutes,
                AnalyticsRates.UtilisationPercent(f.BookedMinutes, f.WorkingMinutes), nps.ByDoctor.GetValueOrDefault(f.DoctorId, noAnswers)))
            .OrderBy(d => d.DisplayName, StringComparer.CurrentCulture).ThenBy(d => d.DoctorId)
            .ToList();

        return new ClinicAnalytics(period.From, period.To, clinicId, period.TimeZone, interval.Name, summary, waits, bySpecialty, series,
            revenueRows, nps.Overall, doctorRows);
    }
}
