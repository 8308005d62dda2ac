using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.EntityFrameworkCore.Query.Internal;
using Microsoft.EntityFrameworkCore.Storage;

namespace Telemed.BuildingBlocks.Auditing;

/// <summary>
/// The cross-cutting half of PHI auditing: every <see cref="IPhiRecord"/> entity that EF Core materialises is recorded as a
/// <c>phi.read</c> in its context's unit of work (writes are recorded by <see cref="Data.ModuleDbContext"/>'s save, in the
/// write's own transaction). Handlers never call the audit trail for PHI by hand.
/// </summary>
/// <remarks>
/// Why not an <c>IMaterializationInterceptor</c>, as before: EF Core applies one to every entity type of the context and, for
/// each row, builds a dictionary holding two freshly created delegates per property (closures it compiles as nested lambdas,
/// each one a <c>DynamicMethod.CreateDelegate</c> call into the runtime). A profile of the booking load found 9 % of the host's
/// CPU there, on rows that are not PHI at all (audit entries, outbox messages, care relationships; docs/benchmarks.md,
/// "Materialising without the interceptor"). Here EF's own materializer builds the entity and only the PHI types get one
/// call added to the end of it, compiled once into the query's shaper.
/// </remarks>
#pragma warning disable EF1001 // RelationalStructuralTypeMaterializerSource is EF's internal default, wrapped rather than rebuilt.
public sealed class PhiReadAuditingMaterializerSource(StructuralTypeMaterializerSourceDependencies dependencies) : IStructuralTypeMaterializerSource
{
    private static readonly MethodInfo RecordReadMethod =
        typeof(PhiReadAuditingMaterializerSource).GetMethod(nameof(RecordRead), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly IStructuralTypeMaterializerSource _inner = new RelationalStructuralTypeMaterializerSource(dependencies);

    /// <inheritdoc />
    public Expression CreateMaterializeExpression(StructuralTypeMaterializerSourceParameters parameters, Expression materializationContextExpression)
    {
        var materialize = _inner.CreateMaterializeExpression(parameters, materializationContextExpression);
        if (parameters.StructuralType is not IEntityType entityType || !IsPhi(entityType))
        {
            return materialize;
        }

        var context = Expression.Property(materializationContextExpression, nameof(MaterializationContext.Context));
        return Expression.Call(RecordReadMethod.MakeGenericMethod(materialize.Type), context, materialize);
    }

    /// <inheritdoc />
    public Func<MaterializationContext, object> GetMaterializer(IEntityType entityType)
    {
        var materialize = _inner.GetMaterializer(entityType);
        return IsPhi(entityType) ? context => RecordRead(context.Context, materialize(context)) : materialize;
    }

    /// <inheritdoc />
    public Func<MaterializationContext, object> GetMaterializer(IComplexType complexType) => _inner.GetMaterializer(complexType);

    /// <inheritdoc />
    public Func<MaterializationContext, object> GetEmptyMaterializer(IEntityType entityType) => _inner.GetEmptyMaterializer(entityType);

    /// <inheritdoc />
    public Func<MaterializationContext, object> GetEmptyMaterializer(IComplexType complexType) => _inner.GetEmptyMaterializer(complexType);

    private static bool IsPhi(IEntityType entityType) => typeof(IPhiRecord).IsAssignableFrom(entityType.ClrType);

    private static T RecordRead<T>(DbContext context, T entity)
    {
        if (entity is IPhiRecord phi && context is Data.ModuleDbContext module)
        {
            module.Audit.RecordPhiAccess(AuditActions.PhiRead, phi.AuditRecordType, phi.AuditRecordId, phi.AuditPatientId);
        }

        return entity;
    }
}
#pragma warning restore EF1001
