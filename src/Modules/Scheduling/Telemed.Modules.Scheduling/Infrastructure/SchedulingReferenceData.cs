using Telemed.BuildingBlocks.Cluster;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Caching;
using Telemed.Modules.Scheduling.Availability;
using Telemed.Modules.Scheduling.ClinicRules;

namespace Telemed.Modules.Scheduling.Infrastructure;

/// <summary>
/// A doctor's booking rules as stored: weekly hours (all clinics), appointment type settings, and the dated exceptions from
/// <paramref name="ExceptionsFrom"/> on (every later one). Shared between requests: never modify the lists or their items.
/// </summary>
internal sealed record DoctorRules(IReadOnlyList<WeeklyHours> Weekly, IReadOnlyList<AppointmentTypeSettings> Types,
    IReadOnlyList<AvailabilityException> Exceptions, DateOnly ExceptionsFrom);

/// <summary>
/// Scheduling's own reference data, read by every booking and slot search and written rarely: doctors' rules and clinic
/// policies. Host-local; <see cref="SchedulingDbContext"/> clears it after a save that changed such rows, and the use cases that
/// change them with a statement of their own (or in an explicit transaction) clear it again after their commit. Every clear is
/// also sent to the other hosts (a <see cref="SchedulingReferenceChanged"/> cluster signal); should it be lost (Redis down),
/// another host serves a value for at most <see cref="Lifetime"/> after a change (30 s). The directory's data (doctors,
/// clinics) is cached by the directory itself (its facade), which clears on its writes.
/// </summary>
internal sealed class SchedulingReferenceData(ClusterSignals signals)
{
    /// <summary>How stale a value can be on a host that did not make the change.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    public ReferenceCache<Guid, DoctorRules> Doctors { get; } = new(Lifetime);
    public ReferenceCache<Guid, ClinicPolicy> Policies { get; } = new(Lifetime);

    /// <summary>Clears what the context's pending changes touch. Read them before saving (saving resets the states); clear after the commit.</summary>
    public static (bool Rules, bool Policies) PendingIn(DbContext db)
    {
        var (rules, policies) = (false, false);
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            {
                rules |= entry.Entity is WeeklyHours or AvailabilityException or AppointmentTypeSettings;
                policies |= entry.Entity is ClinicPolicy;
            }
        }

        return (rules, policies);
    }

    /// <summary>Clears, on every host, what <paramref name="changed"/> says; call after the commit.</summary>
    public void Invalidate((bool Rules, bool Policies) changed)
    {
        if (changed.Rules || changed.Policies)
        {
            signals.Publish(new SchedulingReferenceChanged(changed.Rules, changed.Policies));
        }
    }

    /// <summary>Clears this host's caches.</summary>
    public void InvalidateHere((bool Rules, bool Policies) changed)
    {
        if (changed.Rules)
        {
            Doctors.Clear();
        }

        if (changed.Policies)
        {
            Policies.Clear();
        }
    }
}

/// <summary>A save changed doctors' rules or clinic policies: every host clears its cached copies.</summary>
internal sealed record SchedulingReferenceChanged(bool Rules, bool Policies);

internal sealed class ClearSchedulingReferenceData(SchedulingReferenceData reference) : IClusterSignalHandler<SchedulingReferenceChanged>
{
    public void Handle(SchedulingReferenceChanged signal) => reference.InvalidateHere((signal.Rules, signal.Policies));
}
