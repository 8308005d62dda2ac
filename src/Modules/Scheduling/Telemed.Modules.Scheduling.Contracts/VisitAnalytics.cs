using Telemed.BuildingBlocks.Time;

namespace Telemed.Modules.Scheduling.Contracts;

/// <summary>
/// The visits of one local day by what became of them. <c>Upcoming</c> counts those not settled yet (booked, confirmed,
/// checked in); the others count completed, cancelled and no-show visits.
/// </summary>
public sealed record DailyVisitCounts(DateOnly Day, int Upcoming, int Completed, int Cancelled, int NoShows);

/// <summary>
/// One doctor's visits in a period (by <c>DoctorId</c>, the directory's doctor id) and time: <c>BookedMinutes</c> is the
/// appointments' own length (no buffers) of every visit not cancelled; <c>WorkingMinutes</c> the doctor's working hours in
/// the period from the weekly hours and exceptions (at the filtered clinic, or at all clinics).
/// </summary>
public sealed record DoctorVisitFigures(Guid DoctorId, int Upcoming, int Completed, int Cancelled, int NoShows, int BookedMinutes, int WorkingMinutes);

/// <summary>Visit figures for the clinic analytics: counts and minutes, never a patient (no PHI leaves the module).</summary>
public interface IVisitAnalytics
{
    /// <summary>The visits starting in the period, per local day of the period's zone; days without visits are left out.</summary>
    Task<IReadOnlyList<DailyVisitCounts>> CountVisitsByDayAsync(Guid? clinicId, AnalyticsPeriod period, CancellationToken cancellationToken = default);

    /// <summary>Each doctor who had a visit or working hours in the period (at the clinic, when given).</summary>
    Task<IReadOnlyList<DoctorVisitFigures>> VisitsByDoctorAsync(Guid? clinicId, AnalyticsPeriod period, CancellationToken cancellationToken = default);
}
