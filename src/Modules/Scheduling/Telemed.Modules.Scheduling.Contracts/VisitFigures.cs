namespace Telemed.Modules.Scheduling.Contracts;

/// <summary>
/// Counts of the visits that start in a window, by what became of them (no names, no ids). <c>Booked</c> counts those
/// still ahead or under way (booked, confirmed, checked in); the others count completed, cancelled and no-show visits.
/// </summary>
public sealed record VisitCounts(int Booked, int Completed, int Cancelled, int NoShows);

/// <summary>Figures the admin's home page reads from scheduling (counts only: no PHI leaves the module).</summary>
public interface IVisitFigures
{
    /// <summary>The visits starting in [<paramref name="fromUtc"/>, <paramref name="untilUtc"/>) (UTC instants), at one clinic or, when null, at all.</summary>
    Task<VisitCounts> CountVisitsAsync(Guid? clinicId, DateTime fromUtc, DateTime untilUtc, CancellationToken cancellationToken = default);
}
