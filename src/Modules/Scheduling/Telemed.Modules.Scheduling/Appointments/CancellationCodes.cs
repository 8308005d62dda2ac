namespace Telemed.Modules.Scheduling.Appointments;

/// <summary>
/// Reasons for a cancellation the system words, not a person: stored as a code in <see cref="Appointment.CancellationCode"/>
/// and put into the reader's language by the web app (<c>scheduling.cancellationCodes.*</c>), so a Russian-speaking patient
/// does not read an English sentence. A reason a person typed stays free text in <see cref="Appointment.CancellationReason"/>.
/// </summary>
public static class CancellationCodes
{
    /// <summary>The clinic cancelled the visit because the doctor took the day off (or changed their hours) over it.</summary>
    public const string DoctorUnavailable = "doctor_unavailable";

    /// <summary>
    /// The English sentence such cancellations stored before the code existed; read back as <see cref="DoctorUnavailable"/>
    /// (the column is encrypted, so no migration could rewrite it).
    /// </summary>
    internal const string LegacyDoctorUnavailableSentence = "The doctor is not available that day.";

    /// <summary>The stored (code, reason) as a reader sees them: a legacy system sentence becomes its code and no free text.</summary>
    internal static (string? Code, string? Reason) AsRead(string? code, string? reason) =>
        code is null && reason == LegacyDoctorUnavailableSentence ? (DoctorUnavailable, null) : (code, reason);
}
