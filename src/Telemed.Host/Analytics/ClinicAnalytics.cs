using Telemed.Modules.Consultations.Contracts;
using Telemed.Modules.Feedback.Contracts;

namespace Telemed.Host.Analytics;

/// <summary>
/// The clinic analytics dashboard for local dates <c>From</c>..<c>To</c> (inclusive) in <c>TimeZone</c> (the clinic's zone when
/// <c>ClinicId</c> is given, else UTC). <c>Interval</c> is how <c>Series</c> and revenue by period are bucketed: <c>day</c>,
/// <c>week</c> (ISO weeks, Monday first) or <c>month</c>; a bucket's <c>PeriodStart</c> is its first date inside the period.
/// Counts and sums only: no patient appears.
/// </summary>
public sealed record ClinicAnalytics(DateOnly From, DateOnly To, Guid? ClinicId, string TimeZone, string Interval, VisitSummary Visits,
    WaitFigures Waiting, IReadOnlyList<SpecialtyConsultations> BySpecialty, IReadOnlyList<VisitSeriesPoint> Series,
    IReadOnlyList<CurrencyRevenue> Revenue, NpsFigures Nps, IReadOnlyList<DoctorAnalytics> Doctors);

/// <summary>
/// The appointments starting in the period by what became of them; the two rates are percentages with one decimal (see
/// <see cref="AnalyticsRates"/> for their definitions), null when their denominator is zero.
/// </summary>
public sealed record VisitSummary(int Total, int Upcoming, int Completed, int Cancelled, int NoShows, decimal? ConversionPercent, decimal? NoShowRatePercent);

/// <summary>One bucket of the visit series.</summary>
public sealed record VisitSeriesPoint(DateOnly PeriodStart, int Completed, int Cancelled, int NoShows, int Upcoming);

/// <summary>One currency's revenue (minor units; currencies never added together) with its breakdowns.</summary>
public sealed record CurrencyRevenue(string Currency, long CapturedMinor, long RefundedMinor, long NetMinor, IReadOnlyList<ClinicRevenueRow> ByClinic,
    IReadOnlyList<SpecialtyRevenueRow> BySpecialty, IReadOnlyList<PeriodRevenue> ByPeriod);

/// <summary>Net revenue (minor units) of one clinic.</summary>
public sealed record ClinicRevenueRow(Guid ClinicId, string ClinicName, long NetMinor);

/// <summary>Net revenue (minor units) of one specialty: a doctor's revenue counts for their first (main) specialty.</summary>
public sealed record SpecialtyRevenueRow(string Specialty, long NetMinor);

/// <summary>Net revenue (minor units) of one bucket of the series.</summary>
public sealed record PeriodRevenue(DateOnly PeriodStart, long NetMinor);

/// <summary>
/// One doctor's figures: visits, <c>BookedMinutes</c> (appointment lengths of the visits not cancelled), <c>WorkingMinutes</c>
/// (working hours in the period), <c>UtilisationPercent</c> = booked ÷ working × 100 with one decimal (null without working
/// hours), and the NPS of the answers given in the period.
/// </summary>
public sealed record DoctorAnalytics(Guid DoctorId, string DisplayName, string Specialty, int Completed, int NoShows, int Cancelled,
    int BookedMinutes, int WorkingMinutes, decimal? UtilisationPercent, NpsFigures Nps);
