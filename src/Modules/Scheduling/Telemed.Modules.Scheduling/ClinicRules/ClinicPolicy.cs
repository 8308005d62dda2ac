namespace Telemed.Modules.Scheduling.ClinicRules;

/// <summary>A clinic's scheduling rules: the late-cancellation cutoff, when reminders go out, and how long a waitlist offer is held.</summary>
internal sealed class ClinicPolicy
{
    public Guid ClinicId { get; init; }
    public int CancellationCutoffHours { get; set; } = 24;

    /// <summary>Hours before the start, comma-separated ("48,2").</summary>
    public string ReminderOffsetsHours { get; set; } = "48,2";
    public int WaitlistHoldMinutes { get; set; } = 30;

    public IReadOnlyList<int> ReminderOffsets => ReminderOffsetsHours.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();

    public static ClinicPolicy DefaultFor(Guid clinicId) => new() { ClinicId = clinicId };
}
