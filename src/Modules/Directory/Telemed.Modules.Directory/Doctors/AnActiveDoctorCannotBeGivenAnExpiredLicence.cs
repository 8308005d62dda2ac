using Telemed.BuildingBlocks.Results;

namespace Telemed.Modules.Directory.Doctors;

/// <summary>
/// An active doctor cannot be given a licence that has already expired: saving a licence record whose last valid day is before
/// the doctor's today (see <see cref="DoctorsToday"/>) is refused while the doctor is active. The admin renews the licence (a new
/// expiry) or suspends the doctor first. Activation refuses the same licence (<see cref="ActivationRequiresCompleteProfile.LicenceExpired"/>),
/// so an expired licence can never be typed onto a bookable doctor. A pending or suspended doctor's record may hold an expired
/// licence (its history): activation stops it there. Other edits of an active doctor whose licence ran out by itself (practice,
/// clinics, rate) stay allowed: bookings after its last day are refused anyway (<c>DoctorPractisesOnlyWhileLicensed</c>).
/// </summary>
internal static class AnActiveDoctorCannotBeGivenAnExpiredLicence
{
    public const string Code = "directory.licence_expired";

    public static readonly Error Expired = new(Code,
        "This licence has already expired and the doctor is active. Enter the renewed licence, or suspend the doctor first.", ErrorKind.Unprocessable);

    /// <summary>The refusal, or null when <paramref name="doctor"/> may be given a licence valid through <paramref name="expiresOn"/> on <paramref name="today"/>.</summary>
    public static Error? Check(DoctorProfile doctor, DateOnly expiresOn, DateOnly today) =>
        doctor.Status == DoctorStatus.Active && expiresOn < today ? Expired : null;
}
