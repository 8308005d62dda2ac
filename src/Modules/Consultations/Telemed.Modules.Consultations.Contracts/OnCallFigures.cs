namespace Telemed.Modules.Consultations.Contracts;

/// <summary>
/// The live on-demand queue as counts: how many requests wait for a doctor now and since when the longest has waited
/// (UTC instant; null when nobody waits). On-demand requests belong to no clinic, so this is the same for every clinic.
/// </summary>
public sealed record OnDemandQueueFigures(int Waiting, DateTime? LongestWaitingSince);

/// <summary>Figures the admin's home page reads from consultations (counts only: no PHI leaves the module).</summary>
public interface IOnCallFigures
{
    Task<OnDemandQueueFigures> OnDemandQueueAsync(CancellationToken cancellationToken = default);

    /// <summary>How many doctors are on duty now; with <paramref name="doctorIds"/> (directory doctor ids), only among those.</summary>
    Task<int> CountDoctorsOnDutyAsync(IReadOnlyCollection<Guid>? doctorIds, CancellationToken cancellationToken = default);
}
