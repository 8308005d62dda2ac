using Telemed.BuildingBlocks.Results;

namespace Telemed.Modules.Privacy.Subjects;

/// <summary>
/// Errors of the privacy module; codes are the stable contract. Whose privacy rights the caller exercises (their own record, or a
/// dependant's as guardian) is the directory's decision (<c>IPatientRepresentation.ActingForAsync</c>); a refusal is
/// <see cref="PatientNotFound"/>.
/// </summary>
internal static class PrivacyErrors
{
    public static readonly Error PatientNotFound = new("privacy.patient_not_found", "There is no patient record you may act for.", ErrorKind.NotFound);

    public static Error InvalidRange => Error.ValidationFailed(new Dictionary<string, string[]> { ["from"] = ["'from' must not be after 'to'."] });
}
