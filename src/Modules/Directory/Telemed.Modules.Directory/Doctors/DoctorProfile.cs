using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Directory.Localisation;

namespace Telemed.Modules.Directory.Doctors;

internal enum DoctorStatus { PendingVerification, Active, Suspended }

internal enum QualificationCategory { None, Second, First, Highest }

/// <summary>A doctor's public profile. Only an admin moves it between verification states.</summary>
internal sealed class DoctorProfile
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid UserId { get; init; }
    public required string DisplayName { get; set; }
    public string NormalizedName { get; set; } = "";
    public QualificationCategory QualificationCategory { get; set; }
    public List<EducationEntry> Education { get; set; } = [];
    public int YearsOfExperience { get; set; }
    public long HourlyRateMinor { get; set; }
    public string Currency { get; set; } = "RUB";
    /// <summary>The English bio; other languages fall back to it.</summary>
    public string Bio { get; set; } = "";

    /// <summary>The bio in other languages (key: "ru"), stored as JSON.</summary>
    public Dictionary<string, string> BioTranslations { get; set; } = [];
    public string? PhotoUrl { get; set; }
    public DoctorStatus Status { get; private set; } = DoctorStatus.PendingVerification;
    public List<DoctorSpecialty> Specialties { get; init; } = [];
    public List<DoctorLanguage> Languages { get; init; } = [];
    public List<DoctorClinic> Clinics { get; init; } = [];

    /// <summary>The licence to practise as recorded by an admin; empty until entered.</summary>
    public string LicenceNumber { get; private set; } = "";
    public string LicenceIssuer { get; private set; } = "";

    /// <summary>The last day the licence is valid (calendar day, inclusive); null until entered.</summary>
    public DateOnly? LicenceExpiresOn { get; private set; }

    /// <summary>When (UTC) and by which admin user the licence record was checked; cleared when the record changes.</summary>
    public DateTime? LicenceVerifiedAt { get; private set; }
    public Guid? LicenceVerifiedBy { get; private set; }

    /// <summary>The bio a reader of <paramref name="language"/> ("en" or "ru") sees: its translation when written, else the English one.</summary>
    public string BioIn(string language) => ContentLanguage.Pick(Bio, BioTranslations, language);

    /// <summary>Stores bio translations for the translatable languages only, trimmed; blank ones are dropped.</summary>
    public void TranslateBio(IReadOnlyDictionary<string, string> translations) =>
        BioTranslations = translations.Where(p => ContentLanguage.Translatable.Contains(p.Key) && !string.IsNullOrWhiteSpace(p.Value))
            .ToDictionary(p => p.Key, p => p.Value.Trim());

    public static string Normalize(string name) => name.Trim().ToUpperInvariant();

    public void Rename(string displayName)
    {
        DisplayName = displayName.Trim();
        NormalizedName = Normalize(displayName);
    }

    public static readonly Error InvalidTransition = Error.Conflict("directory.invalid_status_transition", "The doctor cannot move to that status from the current one.");

    public static readonly Error LicenceMissing = new("directory.licence_missing", "Record the licence number, issuer and expiry before verifying it.", ErrorKind.Unprocessable);

    /// <summary>
    /// pending-verification → active ⇄ suspended; nothing goes back to pending. Becoming active needs a complete profile
    /// on <paramref name="today"/> (<see cref="ActivationRequiresCompleteProfile"/>): else <c>directory.profile_incomplete</c> (422)
    /// listing what is missing under <c>errors.missing</c>.
    /// </summary>
    public Result ChangeStatus(DoctorStatus target, DateOnly today) => (Status, target) switch
    {
        _ when Status == target => Result.Success,
        (DoctorStatus.PendingVerification, DoctorStatus.Active) or (DoctorStatus.Suspended, DoctorStatus.Active) => ActivateIfComplete(today),
        (DoctorStatus.Active, DoctorStatus.Suspended) or (DoctorStatus.PendingVerification, DoctorStatus.Suspended) => Apply(target),
        _ => InvalidTransition,
    };

    private Result ActivateIfComplete(DateOnly today)
    {
        var missing = ActivationRequiresCompleteProfile.MissingFrom(this, today);
        return missing.Count == 0 ? Apply(DoctorStatus.Active) : ActivationRequiresCompleteProfile.Incomplete(missing);
    }

    /// <summary>Whether the recorded licence is this one (number and issuer compared trimmed, as they are stored).</summary>
    public bool HoldsLicence(string number, string issuer, DateOnly expiresOn) =>
        number.Trim() == LicenceNumber && issuer.Trim() == LicenceIssuer && expiresOn == LicenceExpiresOn;

    /// <summary>
    /// Records the licence; a changed record needs a new verification (so a verified number cannot be swapped silently), which
    /// <paramref name="verifiedNow"/> gives in the same act (the admin user, null for the demo seeder, and the UTC instant). An active
    /// doctor must never be left with an unverified licence (<see cref="AnActiveDoctorHoldsOnlyAVerifiedLicence"/>): callers check that
    /// rule first, and a call that would break it throws, before anything changes.
    /// </summary>
    public void RecordLicence(string number, string issuer, DateOnly expiresOn, (Guid? By, DateTime At)? verifiedNow = null)
    {
        if (AnActiveDoctorHoldsOnlyAVerifiedLicence.Check(this, number, issuer, expiresOn, verifiedNow is not null) is not null)
        {
            throw new InvalidOperationException("An active doctor's changed licence must be verified in the same act.");
        }

        if (!HoldsLicence(number, issuer, expiresOn))
        {
            LicenceNumber = number.Trim();
            LicenceIssuer = issuer.Trim();
            LicenceExpiresOn = expiresOn;
            LicenceVerifiedAt = null;
            LicenceVerifiedBy = null;
        }

        if (verifiedNow is { } verified)
        {
            VerifyLicence(verified.By, verified.At);
        }
    }

    /// <summary>
    /// An admin (<paramref name="adminUserId"/>; null for the demo seeder) confirms the recorded licence at <paramref name="at"/> (UTC).
    /// Errors: <c>directory.licence_missing</c> (422).
    /// </summary>
    public Result VerifyLicence(Guid? adminUserId, DateTime at)
    {
        if (LicenceNumber.Length == 0 || LicenceIssuer.Length == 0 || LicenceExpiresOn is null)
        {
            return LicenceMissing;
        }

        LicenceVerifiedAt = at;
        LicenceVerifiedBy = adminUserId;
        return Result.Success;
    }

    public void SetClinics(IEnumerable<Guid> clinicIds)
    {
        Clinics.Clear();
        Clinics.AddRange(clinicIds.Distinct().Select(c => new DoctorClinic { DoctorId = Id, ClinicId = c }));
    }

    private Result Apply(DoctorStatus target)
    {
        Status = target;
        return Result.Success;
    }

    public void SetLanguages(IEnumerable<string> codes)
    {
        Languages.Clear();
        Languages.AddRange(codes.Distinct().Select(c => new DoctorLanguage { DoctorId = Id, Code = c }));
    }

    public void SetSpecialties(IEnumerable<string> codes)
    {
        Specialties.Clear();
        Specialties.AddRange(codes.Distinct().Select(c => new DoctorSpecialty { DoctorId = Id, Code = c }));
    }
}

internal sealed class DoctorSpecialty
{
    public Guid DoctorId { get; init; }
    public required string Code { get; init; }
}

internal sealed class DoctorLanguage
{
    public Guid DoctorId { get; init; }
    public required string Code { get; init; }
}

internal sealed class DoctorClinic
{
    public Guid DoctorId { get; init; }
    public Guid ClinicId { get; init; }
}
