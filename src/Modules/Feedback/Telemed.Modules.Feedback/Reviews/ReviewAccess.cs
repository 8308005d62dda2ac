using Telemed.BuildingBlocks.Access;
using Telemed.Modules.Consultations.Contracts;
using Telemed.Modules.Directory.Contracts;

namespace Telemed.Modules.Feedback.Reviews;

/// <summary>Who speaks for a visit's patient: the patient's own account, or a guardian of theirs (a parent for a child). Staff never do.</summary>
internal static class ReviewAccess
{
    /// <summary>
    /// True when the signed-in patient is the visit's patient account or acts for its patient (<see cref="IPatientRepresentation"/>: their
    /// own record or a dependant's); false for no visit, staff and anyone else.
    /// </summary>
    public static async Task<bool> IsPatientOrGuardianAsync(ICurrentUser user, ConsultationRecord? visit, IPatientRepresentation representation, CancellationToken ct)
    {
        if (visit is null || user.UserId is not { } me || !user.IsInRole(Roles.Patient))
        {
            return false;
        }

        return visit.PatientUserId == me || await representation.ActsForAsync(me, visit.PatientId, ct);
    }
}
