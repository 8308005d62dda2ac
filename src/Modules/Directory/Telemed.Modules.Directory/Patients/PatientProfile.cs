using Telemed.BuildingBlocks.Auditing;

namespace Telemed.Modules.Directory.Patients;

/// <summary>Identifying data: encrypted at rest; found by blind indexes on family name, e-mail and phone.</summary>
internal sealed class PatientProfile : IPhiRecord
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid UserId { get; init; }
    public required string GivenName { get; set; }
    public required string FamilyName { get; set; }
    public DateOnly DateOfBirth { get; set; }
    public string Sex { get; set; } = "unknown";
    public string Email { get; set; } = "";
    public string Phone { get; set; } = "";
    public string Address { get; set; } = "";
    public string PreferredLanguage { get; set; } = "en";
    public string InsuranceProvider { get; set; } = "";
    public string InsurancePolicyNumber { get; set; } = "";
    public string FamilyNameLookup { get; set; } = "";
    public string EmailLookup { get; set; } = "";
    public string PhoneLookup { get; set; } = "";
    public DateTime CreatedAt { get; init; }

    /// <summary>The audit trail's record type of a patient's demographics.</summary>
    public const string AuditType = "PatientDemographics";

    public string AuditRecordType => AuditType;
    public Guid AuditRecordId => Id;
    public Guid? AuditPatientId => Id;

    public string DisplayName => $"{GivenName} {FamilyName}";
}

/// <summary>Clinical data kept apart from demographics so that a demographics read never loads it.</summary>
internal sealed class PatientClinicalSummary : IPhiRecord
{
    public Guid PatientId { get; init; }
    public List<string> Allergies { get; set; } = [];
    public List<string> ChronicConditions { get; set; } = [];

    /// <summary>Medications the patient takes as recorded elsewhere (imported from another EHR; free text); null until the first.</summary>
    public List<string>? Medications { get; set; }

    public string AuditRecordType => "PatientClinicalSummary";
    public Guid AuditRecordId => PatientId;
    public Guid? AuditPatientId => PatientId;
}

internal static class PatientLookups
{
    public const string FamilyName = "patient-family-name";
    public const string Email = "patient-email";
    public const string Phone = "patient-phone";

    public static string NormalizeName(string value) => value.Trim().ToUpperInvariant();
    public static string NormalizeEmail(string value) => value.Trim().ToUpperInvariant();
    public static string NormalizePhone(string value) => new(value.Where(char.IsDigit).ToArray());
}
