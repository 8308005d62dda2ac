using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Directory.Contracts;

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
    public string Bio { get; set; } = "";
    public string? PhotoUrl { get; set; }
    public DoctorStatus Status { get; private set; } = DoctorStatus.PendingVerification;
    public List<DoctorSpecialty> Specialties { get; init; } = [];
    public List<DoctorLanguage> Languages { get; init; } = [];
    public List<DoctorClinic> Clinics { get; init; } = [];

    public static string Normalize(string name) => name.Trim().ToUpperInvariant();

    public void Rename(string displayName)
    {
        DisplayName = displayName.Trim();
        NormalizedName = Normalize(displayName);
    }

    public static readonly Error InvalidTransition = Error.Conflict("directory.invalid_status_transition", "The doctor cannot move to that status from the current one.");

    /// <summary>pending-verification → active ⇄ suspended; nothing goes back to pending.</summary>
    public Result ChangeStatus(DoctorStatus target) => (Status, target) switch
    {
        (DoctorStatus.PendingVerification, DoctorStatus.Active) or (DoctorStatus.Active, DoctorStatus.Suspended) or (DoctorStatus.Suspended, DoctorStatus.Active)
            or (DoctorStatus.PendingVerification, DoctorStatus.Suspended) => Apply(target),
        _ when Status == target => Result.Success,
        _ => InvalidTransition,
    };

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
