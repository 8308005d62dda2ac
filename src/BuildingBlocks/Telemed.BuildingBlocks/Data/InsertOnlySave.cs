using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Telemed.BuildingBlocks.Data;

/// <summary>
/// A save whose every change is a new row, written as multi-row <c>INSERT</c>s in ONE command. On PostgreSQL a command of
/// several statements runs as one implicit transaction (the statements before the protocol's Sync commit together or not at
/// all), so such a save outside a caller's transaction costs one round trip and one commit, where EF Core's own path costs
/// three (BEGIN with the first statements, its batch, COMMIT). See docs/adr/0005-a-booking-is-one-transaction.md.
/// </summary>
internal static class InsertOnlySave
{
    /// <summary>
    /// The tracked changes as groups of new rows per entity type, principals before dependents; null when the save is not
    /// insert-only, or a row needs something only EF Core's own path does: a value the database generates (identity, default
    /// or computed column, row version), an owned or complex type, inheritance, or a cycle between the types.
    /// </summary>
    public static List<(IEntityType Type, List<EntityEntry> Rows)>? Groups(DbContext db)
    {
        var groups = new List<(IEntityType Type, List<EntityEntry> Rows)>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            switch (entry.State)
            {
                case EntityState.Unchanged or EntityState.Detached:
                    continue;
                case not EntityState.Added:
                    return null;
            }

            var index = groups.FindIndex(g => g.Type == entry.Metadata);
            if (index < 0)
            {
                if (!Plain(entry.Metadata))
                {
                    return null;
                }

                groups.Add((entry.Metadata, []));
                index = groups.Count - 1;
            }

            groups[index].Rows.Add(entry);
        }

        return Ordered(groups);
    }

    /// <summary>Appends the groups' INSERTs to <paramref name="text"/>, with parameter names that start with <paramref name="prefix"/>.</summary>
    public static void Append(DbContext db, List<(IEntityType Type, List<EntityEntry> Rows)> groups, StringBuilder text, List<object?> parameters,
        string prefix)
    {
        for (var g = 0; g < groups.Count; g++)
        {
            var (type, rows) = groups[g];
            var perStatement = Math.Max(1, 30_000 / Math.Max(1, type.GetProperties().Count()));
            for (var start = 0; start < rows.Count; start += perStatement)
            {
                var chunk = rows.Skip(start).Take(perStatement).ToList();
                MultiRowInsert.AppendInsert(db, type, chunk.Count, (row, property) => chunk[row].CurrentValues[property], text, parameters,
                    $"{prefix}g{g}s{start}");
            }
        }
    }

    /// <summary>A type whose rows are exactly its columns' current values: no store-generated value, no owned, complex or derived types.</summary>
    private static bool Plain(IEntityType type) =>
        type.GetTableName() is not null && !type.IsOwned() && type.BaseType is null && !type.GetDirectlyDerivedTypes().Any()
        && !type.GetComplexProperties().Any() && !type.GetNavigations().Any(n => n.TargetEntityType.IsOwned())
        && type.GetProperties().All(p => p.GetDefaultValueSql() is null && p.GetComputedColumnSql() is null
            && p.FindAnnotation(RelationalAnnotationNames.DefaultValue) is null
            && (p.ValueGenerated == ValueGenerated.Never || (p.ValueGenerated == ValueGenerated.OnAdd && p.ClrType == typeof(Guid) && p.IsPrimaryKey())));

    /// <summary>Orders the groups so that a type comes after every other type in the save its foreign keys point to.</summary>
    private static List<(IEntityType Type, List<EntityEntry> Rows)>? Ordered(List<(IEntityType Type, List<EntityEntry> Rows)> groups)
    {
        var ordered = new List<(IEntityType Type, List<EntityEntry> Rows)>(groups.Count);
        var left = new List<(IEntityType Type, List<EntityEntry> Rows)>(groups);
        while (left.Count > 0)
        {
            var next = left.FindIndex(g => g.Type.GetForeignKeys().All(fk => fk.PrincipalEntityType == g.Type
                || ordered.Exists(o => o.Type == fk.PrincipalEntityType) || !left.Exists(l => l.Type == fk.PrincipalEntityType)));
            if (next < 0)
            {
                return null;
            }

            ordered.Add(left[next]);
            left.RemoveAt(next);
        }

        return ordered;
    }
}
