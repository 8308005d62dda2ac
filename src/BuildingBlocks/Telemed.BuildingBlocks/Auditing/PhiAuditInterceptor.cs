using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Telemed.BuildingBlocks.Auditing;

/// <summary>
/// The cross-cutting half of PHI auditing: every PHI entity that EF materialises is a read (writes are recorded by
/// <see cref="Data.ModuleDbContext.SaveChangesAsync(bool, CancellationToken)"/>, in the write's own transaction).
/// Handlers never call the audit trail for PHI by hand.
/// </summary>
public sealed class PhiAuditInterceptor : IMaterializationInterceptor
{
    public static PhiAuditInterceptor Instance { get; } = new();

    public object InitializedInstance(MaterializationInterceptionData materializationData, object entity)
    {
        if (entity is IPhiRecord phi && materializationData.Context is Data.ModuleDbContext module)
        {
            module.Audit.RecordPhiAccess(AuditActions.PhiRead, phi.AuditRecordType, phi.AuditRecordId, phi.AuditPatientId);
        }

        return entity;
    }
}
