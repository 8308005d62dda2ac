using Telemed.BuildingBlocks.Results;

namespace Telemed.Modules.Directory.Doctors;

/// <summary>
/// A doctor becomes bookable only with a complete profile: at least one specialty, at least one clinic, a positive
/// hourly rate, a licence number, and that licence verified by an admin and not expired. Patients otherwise saw
/// "0,00 ₽, clinics: none" on a doctor activated with one click (issue 11, item 3).
/// </summary>
internal static class ActivationRequiresCompleteProfile
{
    /// <summary>Stable names of what can be missing; clients translate them.</summary>
    public const string Specialty = "specialty";
    public const string Clinic = "clinic";
    public const string HourlyRate = "hourlyRate";
    public const string LicenceNumber = "licenceNumber";
    public const string LicenceVerified = "licenceVerified";
    public const string LicenceExpired = "licenceExpired";

    public const string IncompleteCode = "directory.profile_incomplete";

    /// <summary>
    /// What <paramref name="doctor"/> still lacks on <paramref name="today"/> (the doctor's day, <see cref="DoctorsToday"/>), in a fixed
    /// order; empty when it may be activated.
    /// </summary>
    public static IReadOnlyList<string> MissingFrom(DoctorProfile doctor, DateOnly today)
    {
        var missing = new List<string>();
        if (doctor.Specialties.Count == 0) missing.Add(Specialty);
        if (doctor.Clinics.Count == 0) missing.Add(Clinic);
        if (doctor.HourlyRateMinor <= 0) missing.Add(HourlyRate);
        if (doctor.LicenceNumber.Length == 0) missing.Add(LicenceNumber);
        if (doctor.LicenceVerifiedAt is null) missing.Add(LicenceVerified);
        if (doctor.LicenceExpiresOn is { } expires && expires < today) missing.Add(LicenceExpired);
        return missing;
    }

    /// <summary>The 422 answer: <c>directory.profile_incomplete</c> with <c>errors.missing</c> listing the names above.</summary>
    public static Error Incomplete(IReadOnlyList<string> missing) => new(IncompleteCode,
        "The doctor's profile is incomplete: " + string.Join(", ", missing) + ".", ErrorKind.Unprocessable,
        new Dictionary<string, string[]> { ["missing"] = [.. missing] });
}
