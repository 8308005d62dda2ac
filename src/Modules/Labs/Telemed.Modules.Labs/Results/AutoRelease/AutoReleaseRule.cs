using Telemed.Modules.Labs.Contracts;

namespace Telemed.Modules.Labs.Results.AutoRelease;

/// <summary>
/// <c>Labs:AutoRelease</c>: whether results release themselves (<see cref="Enabled"/>, default true) and after how many
/// hours without the doctor's review (<see cref="AfterHours"/>, default 24).
/// </summary>
public sealed class AutoReleaseOptions
{
    public const string Section = "Labs:AutoRelease";

    public bool Enabled { get; set; } = true;
    public int AfterHours { get; set; } = 24;
}

/// <summary>The auto-release rule: when the patient may see results the doctor has not reviewed yet.</summary>
internal static class AutoReleaseRule
{
    /// <summary>
    /// A received report (never a released or withdrawn one) releases itself only when the rule is on, every value is normal (so never one with a critical,
    /// low or high value), and it has waited at least <see cref="AutoReleaseOptions.AfterHours"/> since it arrived.
    /// </summary>
    public static bool ReleasesItself(LabReport report, AutoReleaseOptions options, DateTime now) =>
        options.Enabled && report.Status == LabResultStatuses.Received && report.AllNormal && report.CriticalCount == 0 && now - report.ReceivedAt >= TimeSpan.FromHours(options.AfterHours);
}
