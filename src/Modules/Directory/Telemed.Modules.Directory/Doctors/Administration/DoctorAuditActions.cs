namespace Telemed.Modules.Directory.Doctors.Administration;

/// <summary>Audit actions of the admin's doctor-profile pages; record type <c>DoctorProfile</c>, record id the profile id.</summary>
internal static class DoctorAuditActions
{
    public const string RecordType = "DoctorProfile";
    public const string PracticeUpdated = "doctor.practice_updated";
    public const string LicenceUpdated = "doctor.licence_updated";
    public const string LicenceVerified = "doctor.licence_verified";
}
