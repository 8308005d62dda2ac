using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Directory.Contracts;

namespace Telemed.Modules.Privacy.Subjects;

/// <summary>Errors of the privacy module; codes are the stable contract.</summary>
internal static class PrivacyErrors
{
    public static readonly Error PatientNotFound = new("privacy.patient_not_found", "There is no patient record you may act for.", ErrorKind.NotFound);

    public static Error InvalidRange => Error.ValidationFailed(new Dictionary<string, string[]> { ["from"] = ["'from' must not be after 'to'."] });
}

/// <summary>
/// Whose privacy rights the signed-in patient exercises: their own record, or a dependant's when they are its guardian
/// (the REST API lets guardians act for dependants: booking, prescriptions, refills).
/// </summary>
internal sealed class PrivacySubjects(IDirectoryModule directory, AuditScope audit)
{
    /// <summary>
    /// The directory patient id the caller (<paramref name="userId"/>) acts for: <paramref name="asked"/> when it is their own or a
    /// dependant's, their own when <paramref name="asked"/> is null. Null (and a denial in the trail) otherwise.
    /// </summary>
    public async Task<Guid?> ResolveAsync(Guid userId, Guid? asked, CancellationToken ct)
    {
        var own = await directory.FindPatientIdAsync(userId, ct);
        if (asked is null || asked == own)
        {
            return own;
        }

        if (await directory.IsGuardianOfAsync(userId, asked.Value, ct))
        {
            return asked;
        }

        audit.RecordDenied("Patient", asked.Value, "not the patient or a guardian");
        return null;
    }
}
