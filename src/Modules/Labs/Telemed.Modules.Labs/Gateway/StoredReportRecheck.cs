using Microsoft.Extensions.Configuration;
using Telemed.Modules.Labs.Contracts;

namespace Telemed.Modules.Labs.Gateway;

/// <summary>
/// How long, and how often, an order whose report was stored (<c>resultReceived</c>) is still polled, so a report the lab later withdraws
/// (entered-in-error, cancelled: the values were wrong) is seen and marked withdrawn: for <see cref="Window"/> after its last report
/// (<c>Labs:RecheckDays</c>, default 30 days; 0 stops it) at most every <see cref="Every"/> (<c>Labs:RecheckSeconds</c>, default 600
/// seconds, at least 1), slower than a sent order (<c>Labs:PollSeconds</c>) as a change after the result is rare.
/// </summary>
internal sealed record StoredReportRecheck(TimeSpan Window, TimeSpan Every)
{
    public static StoredReportRecheck From(IConfiguration configuration) => new(
        TimeSpan.FromDays(Math.Max(0, configuration.GetValue("Labs:RecheckDays", 30))),
        TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Labs:RecheckSeconds", 600))));

    /// <summary>Orders whose last report arrived at or after this instant are still rechecked.</summary>
    public DateTime LastReportSince(DateTime now) => now - Window;

    /// <summary>Orders polled at or before this instant (or never) are due again.</summary>
    public DateTime PolledBy(DateTime now) => now - Every;

    /// <summary>
    /// Whether an order with <paramref name="status"/>, its last report at <paramref name="lastReportAt"/> and last polled at
    /// <paramref name="lastPolledAt"/> (null: never) is rechecked at <paramref name="now"/>: only a <c>resultReceived</c> order, within the
    /// window, not polled within <see cref="Every"/>. The same rule as the pass's query.
    /// </summary>
    public bool IsDue(string status, DateTime lastReportAt, DateTime? lastPolledAt, DateTime now) =>
        status == LabOrderStatuses.ResultReceived && Window > TimeSpan.Zero && lastReportAt >= LastReportSince(now)
        && (lastPolledAt is null || lastPolledAt <= PolledBy(now));
}
