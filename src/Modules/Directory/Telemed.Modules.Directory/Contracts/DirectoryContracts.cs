namespace Telemed.Modules.Directory.Contracts;

public sealed record Money(long AmountMinor, string Currency);

public sealed record EducationEntry(string Institution, string Degree, int Year);

public sealed record NewClinic(string Name, string Address, string City, double Latitude, double Longitude, string TimeZone);

public sealed record NewDoctorProfile(Guid UserId, string DisplayName, IReadOnlyList<string> Specialties, string QualificationCategory,
    IReadOnlyList<EducationEntry> Education, int YearsOfExperience, Money HourlyRate, IReadOnlyList<string> Languages, string Bio,
    IReadOnlyList<Guid> ClinicIds, bool Active);

public sealed record NewPatientProfile(Guid UserId, string GivenName, string FamilyName, DateOnly DateOfBirth, string Sex, string Email, string Phone,
    string Address, string PreferredLanguage, string InsuranceProvider, string InsurancePolicyNumber, IReadOnlyList<string> Allergies,
    IReadOnlyList<string> ChronicConditions);

/// <summary>The directory's facade: used by the host's demo seeding and, later, by scheduling.</summary>
public interface IDirectoryModule
{
    Task<Guid> EnsureClinicAsync(NewClinic clinic, CancellationToken cancellationToken = default);
    Task<Guid> EnsureDoctorProfileAsync(NewDoctorProfile doctor, CancellationToken cancellationToken = default);
    Task<Guid> EnsurePatientProfileAsync(NewPatientProfile patient, CancellationToken cancellationToken = default);
}
