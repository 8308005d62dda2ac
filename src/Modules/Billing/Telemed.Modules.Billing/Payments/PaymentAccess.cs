using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Auditing;
using Telemed.Modules.Directory.Contracts;

namespace Telemed.Modules.Billing.Payments;

/// <summary>How much of a payment the caller may see: all of it (the payer), its status only (front desk, admin), or nothing.</summary>
internal enum PaymentVisibility { None, StatusOnly, Payer }

/// <summary>
/// Decides who sees a payment, at every call: the patient whose visit it is, or their guardian, sees it all and pays; front desk and
/// administrators see its status and amounts but never the card; anyone else is told it does not exist (and the refusal is audited).
/// </summary>
internal sealed class PaymentAccess(ICurrentUser user, IPatientRepresentation representation, AuditScope audit)
{
    /// <summary>Front desk and administrators: they see every payment's status and amounts (never the card).</summary>
    public bool SeesEveryStatus => user.IsInRole(Roles.FrontDesk) || user.IsInRole(Roles.Admin);

    /// <summary>What the caller may see of the payment <paramref name="recordId"/> of <paramref name="patientId"/>; a refusal is audited.</summary>
    public async Task<PaymentVisibility> VisibilityAsync(Guid patientId, Guid recordId, CancellationToken ct)
    {
        var me = user.RequireUserId();
        if (await representation.ActsForAsync(me, patientId, ct))
        {
            return PaymentVisibility.Payer;
        }

        if (SeesEveryStatus)
        {
            return PaymentVisibility.StatusOnly;
        }

        audit.RecordDenied("Payment", recordId, "not the patient, a guardian, front desk or admin");
        return PaymentVisibility.None;
    }
}
