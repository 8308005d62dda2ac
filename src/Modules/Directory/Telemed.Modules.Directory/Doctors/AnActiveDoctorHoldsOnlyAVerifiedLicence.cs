using Telemed.BuildingBlocks.Results;

namespace Telemed.Modules.Directory.Doctors;

/// <summary>
/// An active (bookable) doctor never holds an unverified licence. Activation already needs a verified licence
/// (<see cref="ActivationRequiresCompleteProfile.LicenceVerified"/>), but saving a changed licence record clears its verification
/// (a verified number must not be swapped silently), and an active doctor used to stay active with the new, unchecked record.
/// Verification is an admin's attestation (who and when) that needs nothing but the recorded fields, so the admin who enters the
/// renewed licence of an active doctor verifies it in the same act (<c>verify: true</c>); a changed record without it is refused
/// with 422 <c>directory.licence_verification_required</c> and nothing changes. Saving the same record again changes nothing and
/// is allowed. A pending or suspended doctor's record may stay unverified: activation stops it there.
/// </summary>
internal static class AnActiveDoctorHoldsOnlyAVerifiedLicence
{
    public const string Code = "directory.licence_verification_required";

    public static readonly Error Unverified = new(Code,
        "The doctor is active, so a changed licence must be verified when it is saved. Check it and save it as verified, or suspend the doctor first.",
        ErrorKind.Unprocessable);

    /// <summary>
    /// The refusal, or null when <paramref name="doctor"/> may be given the licence <paramref name="number"/>, <paramref name="issuer"/>,
    /// <paramref name="expiresOn"/> (compared as <see cref="DoctorProfile.RecordLicence"/> stores them) with or without verifying it now.
    /// </summary>
    public static Error? Check(DoctorProfile doctor, string number, string issuer, DateOnly expiresOn, bool verifiedNow) =>
        doctor.Status == DoctorStatus.Active && !verifiedNow && !doctor.HoldsLicence(number, issuer, expiresOn) ? Unverified : null;
}
