using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Telemed.BuildingBlocks.Auditing;

/// <summary>
/// The cross-cutting half of PHI auditing: every PHI entity that EF materialises is a read, every
/// one it saves is a write. Handlers never call the audit trail for PHI by hand.
/// </summary>
public sealed class PhiAuditInterceptor : IMaterializationInterceptor, ISaveChangesInterceptor
{
    public static PhiAuditInterceptor Instance { get; } = new();

    public object InitializedInstance(MaterializationInterceptionData materializationData, object entity)
    {
        if (entity is IPhiRecord phi && materializationData.Context is Data.ModuleDbContext module)
        {
            module.Audit.RecordPhiAccess(AuditActions.PhiRead, phi.AuditRecordType, phi.AuditRecordId);
        }

        return entity;
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        RecordWrites(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        RecordWrites(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void RecordWrites(DbContext? context)
    {
        if (context is not Data.ModuleDbContext module)
        {
            return;
        }

        foreach (var entry in module.ChangeTracker.Entries<IPhiRecord>())
        {
            var action = entry.State switch
            {
                EntityState.Added => AuditActions.PhiCreate,
                EntityState.Modified => AuditActions.PhiUpdate,
                EntityState.Deleted => AuditActions.PhiDelete,
                _ => null,
            };
            if (action is not null)
            {
                module.Audit.RecordPhiAccess(action, entry.Entity.AuditRecordType, entry.Entity.AuditRecordId);
            }
        }
    }
}
