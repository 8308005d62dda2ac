using Telemed.BuildingBlocks.Access;
using Telemed.Modules.Consultations.Contracts;
using Telemed.Modules.Directory.Contracts;

namespace Telemed.Modules.Feedback.Reviews;

/// <summary>Who speaks for a visit's patient: the patient's own account, or a guardian of theirs (a parent for a child). Staff never do.</summary>
internal static class ReviewAccess
{
    public static async Task<bool> IsPatientOrGuardianAsync(ICurrentUser user, ConsultationRecord? visit, IDirectoryModule directory, CancellationToken ct)
    {
        if (visit is null || user.UserId is not { } me || !user.IsInRole(Roles.Patient))
        {
            return false;
        }

        return visit.PatientUserId == me
            || await directory.FindPatientIdAsync(me, ct) == visit.PatientId
            || await directory.IsGuardianOfAsync(me, visit.PatientId, ct);
    }
}
