using Telemed.BuildingBlocks.Time;

namespace Telemed.Modules.Consultations.Contracts;

/// <summary>
/// Waits in the period: <c>Accepted</c> counts consultations that entered the waiting room in the period and were accepted by a
/// doctor; <c>AverageWaitSeconds</c> is the mean of (accepted − entered the waiting room) in whole seconds, rounded half away from
/// zero, or null when none was accepted. Patients who left or were diverted before anyone accepted them have no wait to average.
/// </summary>
public sealed record WaitFigures(int Accepted, int? AverageWaitSeconds);

/// <summary>
/// The consultations of one specialty in the period: <c>Total</c> all of them (scheduled ones by their start, on-demand ones by
/// when they were asked for), <c>Completed</c> those that ended normally.
/// </summary>
public sealed record SpecialtyConsultations(string Specialty, int Completed, int Total);

/// <summary>Consultation figures for the clinic analytics: counts and durations, never a patient (no PHI leaves the module).</summary>
public interface IConsultationAnalytics
{
    /// <summary>Waits of consultations at the clinic (or at all, with on-demand ones, when null) entering the waiting room in the period.</summary>
    Task<WaitFigures> WaitsAsync(Guid? clinicId, AnalyticsPeriod period, CancellationToken cancellationToken = default);

    /// <summary>Consultations per specialty in the period, most completed first.</summary>
    Task<IReadOnlyList<SpecialtyConsultations>> BySpecialtyAsync(Guid? clinicId, AnalyticsPeriod period, CancellationToken cancellationToken = default);
}
