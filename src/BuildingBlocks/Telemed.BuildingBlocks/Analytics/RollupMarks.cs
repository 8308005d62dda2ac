using Microsoft.EntityFrameworkCore;

namespace Telemed.BuildingBlocks.Analytics;

/// <summary>Marks the UTC days a save changes, so that the roll-ups built from those rows are read around until rebuilt.</summary>
public static class RollupMarks
{
    /// <summary>
    /// Adds a <see cref="RollupMark"/> for the UTC day of each named instant (<see cref="DateTime"/> or nullable) of every added,
    /// modified or deleted <typeparamref name="T"/>, before and after the change, so a visit moved to another day dirties both.
    /// Call it right before the save; the marks are saved in the same transaction as the change (a module context's as rows of
    /// its next save, <see cref="Data.ModuleDbContext.InsertRowsOnSave{T}"/>, untracked).
    /// </summary>
    public static void Collect<T>(DbContext db, params string[] instants) where T : class => CollectScoped<T>(db, scope: null, instants);

    /// <summary>
    /// As <see cref="Collect{T}(DbContext, string[])"/>, with each mark naming the <see cref="Guid"/> property
    /// <paramref name="scope"/> of the changed row (before and after the change), so the refresher rebuilds only that subject's
    /// rows of the day (<see cref="RollupMark.Scope"/>). Without a scope a mark stands for the whole day.
    /// </summary>
    public static void CollectScoped<T>(DbContext db, string? scope, params string[] instants) where T : class
    {
        var days = new HashSet<(DateOnly Day, Guid? Scope)>();
        foreach (var entry in db.ChangeTracker.Entries<T>())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            var subject = scope is null ? null : entry.Property(scope);
            var scopeBefore = subject?.OriginalValue as Guid?;
            var scopeAfter = subject?.CurrentValue as Guid?;
            foreach (var name in instants)
            {
                var property = entry.Property(name);
                if (entry.State != EntityState.Added && property.OriginalValue is DateTime before)
                {
                    days.Add((DateOnly.FromDateTime(before), scopeBefore));
                }

                if (entry.State != EntityState.Deleted && property.CurrentValue is DateTime after)
                {
                    days.Add((DateOnly.FromDateTime(after), scopeAfter));
                }
            }
        }

        if (days.Count == 0)
        {
            return;
        }

        var marks = days.Select(d => new RollupMark { Day = d.Day, Scope = d.Scope }).ToList();
        if (db is Data.ModuleDbContext module)
        {
            // Untracked rows of the next save: attaching each to the change tracker cost about 1 % of the booking host's CPU.
            module.InsertRowsOnSave(marks);
        }
        else
        {
            db.Set<RollupMark>().AddRange(marks);
        }
    }

    /// <summary>
    /// Marks every UTC day that has <typeparamref name="TRollup"/> rows of the clinic, and saves: after the clinic's time zone
    /// changed, its rows' local days are wrong until the refresher rebuilds them, and until then the days are read from the source.
    /// </summary>
    public static async Task MarkClinicAsync<TRollup>(DbContext db, Guid clinicId, CancellationToken ct) where TRollup : class, IDayRollup
    {
        var days = await db.Set<TRollup>().Where(r => r.ClinicId == clinicId).Select(r => r.UtcDay).Distinct().ToListAsync(ct);
        db.Set<RollupMark>().AddRange(days.Select(day => new RollupMark { Day = day }));
        await db.SaveChangesAsync(ct);
    }
}
