using Telemed.BuildingBlocks.Events;
namespace Telemed.Modules.Directory.Contracts;

public sealed record Money(long AmountMinor, string Currency);

public sealed record EducationEntry(string Institution, string Degree, int Year);

/// <summary>
/// A clinic to create. <paramref name="Translations"/>: the clinic's name, address and city in other languages, keyed by
/// language code ("ru"); the positional texts are the English (fallback) ones.
/// </summary>
public sealed record NewClinic(string Name, string Address, string City, double Latitude, double Longitude, string TimeZone,
    IReadOnlyDictionary<string, ClinicTexts>? Translations = null);

/// <summary>A clinic's public texts in one language: name, street address and city.</summary>
public sealed record ClinicTexts(string Name, string Address, string City);

/// <summary>A licence to practise: number, issuing authority and the last valid day.</summary>
public sealed record LicenceRecord(string Number, string Issuer, DateOnly ExpiresOn);

/// <summary>
/// A doctor profile to create or update. <paramref name="Active"/> needs a complete profile, including a
/// <paramref name="VerifiedLicence"/> (seeded as verified); an incomplete one throws. <paramref name="BioTranslations"/>: the bio in other
/// languages, keyed by language code ("ru"); <paramref name="Bio"/> is the English (fallback) one.
/// </summary>
public sealed record NewDoctorProfile(Guid UserId, string DisplayName, IReadOnlyList<string> Specialties, string QualificationCategory,
    IReadOnlyList<EducationEntry> Education, int YearsOfExperience, Money HourlyRate, IReadOnlyList<string> Languages, string Bio,
    IReadOnlyList<Guid> ClinicIds, bool Active, LicenceRecord? VerifiedLicence = null, IReadOnlyDictionary<string, string>? BioTranslations = null);

/// <summary>A patient profile to create for the account <paramref name="UserId"/>.</summary>
/// <param name="PatientId">
/// The profile's id when the caller chose it beforehand (a walk-in's, named in the front desk's answer before the profile may
/// exist, and carried by its <c>PatientRegistered</c> event so that whichever write comes first uses it); null: a new one.
/// </param>
public sealed record NewPatientProfile(Guid UserId, string GivenName, string FamilyName, DateOnly DateOfBirth, string Sex, string Email, string Phone,
    string Address, string PreferredLanguage, string InsuranceProvider, string InsurancePolicyNumber, IReadOnlyList<string> Allergies,
    IReadOnlyList<string> ChronicConditions, Guid? PatientId = null);

/// <summary>
/// A clinic as other modules see it: the English <paramref name="Name"/> and <paramref name="City"/> (what every clinic has), its IANA
/// <paramref name="TimeZone"/>, and <paramref name="Translations"/>, its texts in other languages keyed by language code ("ru"; null or
/// missing: English only). Cached with the clinic list, so a message in the reader's language costs no query.
/// </summary>
public sealed record ClinicSummary(Guid ClinicId, string Name, string City, string TimeZone, IReadOnlyDictionary<string, ClinicTexts>? Translations = null)
{
    /// <summary>The clinic's name for a reader of <paramref name="language"/> ("ru", "ru-RU", "en"…): the stored translation when not blank, else English.</summary>
    public string NameIn(string language) => TextsFor(language) is { Name: { } name } && !string.IsNullOrWhiteSpace(name) ? name : Name;

    /// <summary>The clinic's city for a reader of <paramref name="language"/>: the stored translation when not blank, else English.</summary>
    public string CityIn(string language) => TextsFor(language) is { City: { } city } && !string.IsNullOrWhiteSpace(city) ? city : City;

    private ClinicTexts? TextsFor(string language)
    {
        var code = (language ?? "").Split('-', 2)[0].Trim().ToLowerInvariant();
        return Translations is not null && code.Length > 0 && Translations.TryGetValue(code, out var texts) ? texts : null;
    }
}

/// <summary>
/// An administrator moved a clinic to another IANA time zone. The modules that keep figures by the clinic's local day (the clinic
/// analytics' day roll-ups) rebuild them in the new zone.
/// </summary>
public sealed record ClinicTimeZoneChanged(Guid ClinicId, string TimeZone) : IntegrationEvent;

/// <summary>
/// What scheduling and billing need to know of a doctor: who, what they practise, where, whether patients may book them, the hourly
/// rate (minor units, the doctor's currency) and the qualification category billing prices with (<c>none</c>, <c>second</c>,
/// <c>first</c>, <c>highest</c>). <paramref name="LicenceExpiresOn"/>: the last calendar day the doctor's licence is valid (null while none is
/// recorded); <see cref="DoctorPractisesOnlyWhileLicensed"/> says on which days the doctor may see patients and sign documents.
/// </summary>
public sealed record DoctorSummary(Guid DoctorId, Guid UserId, string DisplayName, IReadOnlyList<string> Specialties, IReadOnlyList<string> Languages,
    Money HourlyRate, IReadOnlyList<Guid> ClinicIds, bool Active, string QualificationCategory = "none", DateOnly? LicenceExpiresOn = null);

public sealed record DoctorFilter(string? Specialty = null, string? Language = null, Guid? ClinicId = null, Guid? DoctorId = null, bool ActiveOnly = true);

/// <summary>How to reach a patient (PHI: reading it is audited).</summary>
public sealed record PatientContact(Guid PatientId, Guid UserId, string DisplayName, string Email, string Phone, string PreferredLanguage);

/// <summary>
/// What a prescriber's checks need of a patient (PHI: reading it is audited): names (for the pharmacy's initials), date of
/// birth (age limits) and the recorded allergies as the patient or staff wrote them (free text, any language).
/// </summary>
public sealed record PatientForPrescribing(Guid PatientId, string GivenName, string FamilyName, DateOnly DateOfBirth, IReadOnlyList<string> Allergies);

/// <summary>
/// A patient's record card for the FHIR API (PHI: reading it is audited): names, date of birth, sex as stored
/// (<c>female</c>, <c>male</c>, <c>other</c> or <c>unknown</c>), contact (a child's is the guardian's), preferred language,
/// and the allergies and chronic conditions as the patient or staff wrote them (free text). <paramref name="CreatedAt"/> is UTC.
/// <paramref name="Medications"/>: medications recorded by another system and imported (free text; empty when none).
/// </summary>
public sealed record PatientCard(Guid PatientId, string GivenName, string FamilyName, DateOnly DateOfBirth, string Sex, string Phone, string Email,
    string PreferredLanguage, IReadOnlyList<string> Allergies, IReadOnlyList<string> ChronicConditions, DateTime CreatedAt,
    IReadOnlyList<string>? Medications = null);

/// <summary>A patient's insurance as recorded: the insurer's name and the policy number (PHI).</summary>
public sealed record PatientInsurance(Guid PatientId, string Provider, string PolicyNumber);

/// <summary>The directory's facade for the host's demo seeding and for scheduling.</summary>
public interface IDirectoryModule
{
    /// <summary>Every clinic, by name. Served from a host-local cache (see <c>DirectoryCache</c>: cleared on every host within about a second of a change).</summary>
    Task<IReadOnlyList<ClinicSummary>> GetClinicsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Doctors matching the filter, ordered by name. A filter on <see cref="DoctorFilter.DoctorId"/> alone is one query, served from a
    /// host-local cache that the directory clears on its own writes (on another host within about a second).
    /// </summary>
    Task<IReadOnlyList<DoctorSummary>> FindDoctorsAsync(DoctorFilter filter, CancellationToken cancellationToken = default);

    /// <summary>One page of the doctors matching the filter, ordered by name, and how many match in all; cached like the doctors.</summary>
    Task<(IReadOnlyList<DoctorSummary> Items, int Total)> FindDoctorsPageAsync(DoctorFilter filter, int skip, int take, CancellationToken cancellationToken = default);

    /// <summary>The doctor profile of a user account, or null; one query, cached like the doctors.</summary>
    Task<DoctorSummary?> GetDoctorByUserAsync(Guid userId, CancellationToken cancellationToken = default);

    /// <summary>Display names of many doctors in one query, keyed by the doctor's user id; unknown ids are left out.</summary>
    Task<IReadOnlyDictionary<Guid, string>> GetDoctorNamesByUserAsync(IReadOnlyCollection<Guid> doctorUserIds, CancellationToken cancellationToken = default);

    /// <summary>
    /// The patient profile of a user account, or null; cached (the link never changes once made). Whether an account may act for a
    /// patient (its own record or a dependant's) is <see cref="IPatientRepresentation"/>'s decision, not a comparison with this.
    /// </summary>
    Task<Guid?> FindPatientIdAsync(Guid userId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The user account that acts for a patient, or null when there is no such patient: the patient's own, or for a child
    /// (a dependent) the guardian's, who books, sees and joins the child's visits and gets the notices. No PHI is read
    /// (so no audit record), cached.
    /// </summary>
    Task<Guid?> FindPatientUserIdAsync(Guid patientId, CancellationToken cancellationToken = default);

    Task<PatientContact?> GetPatientContactAsync(Guid patientId, CancellationToken cancellationToken = default);

    /// <summary>
    /// <see cref="GetPatientContactAsync"/> for several patients at once (a batch of bookings' notices): keyed by patient id, unknown
    /// patients left out; two reads (and a third when some are dependents) however many patients.
    /// </summary>
    Task<IReadOnlyDictionary<Guid, PatientContact>> GetPatientContactsAsync(IReadOnlyCollection<Guid> patientIds, CancellationToken cancellationToken = default);

    /// <summary>Name, date of birth and recorded allergies of a patient for prescription checks; null for an unknown patient.</summary>
    Task<PatientForPrescribing?> GetPatientForPrescribingAsync(Guid patientId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Who a patient is (<see cref="PatientIdentity"/>: names, date of birth, sex), reading nothing of their clinical summary, so a reader
    /// that needs no more (a pharmacy's initials and birth year) neither loads nor is recorded as opening it; null for an unknown patient.
    /// </summary>
    Task<PatientIdentity?> GetPatientIdentityAsync(Guid patientId, CancellationToken cancellationToken = default);

    /// <summary>The patient's record card (see <see cref="PatientCard"/>), or null for an unknown patient. No access check: the caller decides.</summary>
    Task<PatientCard?> GetPatientCardAsync(Guid patientId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The insurance on the patient's record (insurer and policy number as the patient or staff wrote them), or null when the patient is
    /// unknown or has no insurer recorded. PHI: the read is audited. No access check: the caller decides (billing, for claims).
    /// </summary>
    Task<PatientInsurance?> GetInsuranceAsync(Guid patientId, CancellationToken cancellationToken = default);

    Task<IReadOnlyDictionary<Guid, string>> GetPatientNamesAsync(IReadOnlyCollection<Guid> patientIds, CancellationToken cancellationToken = default);

    Task<Guid> EnsureClinicAsync(NewClinic clinic, CancellationToken cancellationToken = default);
    Task<Guid> EnsureDoctorProfileAsync(NewDoctorProfile doctor, CancellationToken cancellationToken = default);

    /// <summary>
    /// The profile of the account <see cref="NewPatientProfile.UserId"/>: the existing one (left as it is), else a new one. Safe to
    /// call twice or side by side with the <c>PatientRegistered</c> delivery: the unique user id keeps one profile. Returns its id.
    /// </summary>
    Task<Guid> EnsurePatientProfileAsync(NewPatientProfile patient, CancellationToken cancellationToken = default);

    /// <summary>
    /// A child on a guardian's account (demo seeding): the existing one with the same given name and date of birth, else a
    /// new patient record (its own reserved account id, the guardian's contact) linked to the guardian. Returns its patient id.
    /// </summary>
    Task<Guid> EnsureDependentAsync(Guid guardianUserId, string givenName, string familyName, DateOnly dateOfBirth, string sex,
        CancellationToken cancellationToken = default);
}

/// <summary>
/// The patient's contact details removed when their erasure request is carried out (Privacy module, docs/privacy.md). Name, date of
/// birth and sex stay: the medical record that must be retained has to identify whose it is.
/// </summary>
public interface IPatientContactErasure
{
    /// <summary>Empties e-mail, phone, address and insurance of the patient profile (and their search indexes). Idempotent; an unknown patient is a no-op.</summary>
    Task EraseContactDetailsAsync(Guid patientId, CancellationToken cancellationToken = default);
}

/// <summary>
/// The clinics' IANA time zones, for the local date of a UTC instant at a clinic. An unknown clinic, none (on-demand
/// consultations) or a zone id this machine does not know count as UTC.
/// </summary>
public sealed class ClinicZones
{
    private readonly Dictionary<Guid, TimeZoneInfo> _zones;

    private ClinicZones(Dictionary<Guid, TimeZoneInfo> zones) => _zones = zones;

    /// <summary>The zones of every clinic in the directory, as they are now.</summary>
    public static async Task<ClinicZones> LoadAsync(IDirectoryModule directory, CancellationToken cancellationToken = default) =>
        Of(await directory.GetClinicsAsync(cancellationToken));

    /// <summary>The zones of these clinics.</summary>
    public static ClinicZones Of(IEnumerable<ClinicSummary> clinics) =>
        new(clinics.ToDictionary(c => c.ClinicId, c => ClinicTimeZone.Find(c.TimeZone)));

    /// <summary>The date of <paramref name="utc"/> (a UTC instant) in the clinic's zone.</summary>
    public DateOnly LocalDate(Guid? clinicId, DateTime utc) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc),
            clinicId is { } clinic ? _zones.GetValueOrDefault(clinic, TimeZoneInfo.Utc) : TimeZoneInfo.Utc));
}
