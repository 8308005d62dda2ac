namespace Telemed.Modules.Consultations.Calls.Recording;

/// <summary>
/// A clinic's rule on recording calls (table <c>call_recording_policies</c>). Without a row a clinic does not record: recording is
/// something a clinic decides to offer, never a default. <see cref="RetentionDays"/>: days a recording is kept after it is stored.
/// </summary>
internal sealed class RecordingPolicy
{
    public const int DefaultRetentionDays = 30;

    public Guid ClinicId { get; set; }

    public bool Allowed { get; set; }

    public int RetentionDays { get; set; } = DefaultRetentionDays;

    public static RecordingPolicy Forbidden(Guid clinicId) => new() { ClinicId = clinicId, Allowed = false };
}
