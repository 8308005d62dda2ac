using Telemed.BuildingBlocks.Cluster;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
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
/// also sent to the other hosts (a <see cref="SchedulingReferenceChanged"/> cluster signal). Every other writer (another host
/// whose signal was lost, the CLI, SQL run by hand) is caught by <see cref="SchedulingReferenceWatch"/> within about a second:
/// the tables' triggers raise a version it reads. <see cref="Lifetime"/> is only the last bound, should that watch fail.
/// </summary>
internal sealed class SchedulingReferenceData(ClusterSignals signals)
{
    /// <summary>
    /// How long an entry is served without being read again: long, since the version watch clears changed data within a second.
    /// It was 30 s, which sent a busy host back to the database (three queries) for every doctor every 30 s.
    /// </summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

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

/// <summary>
/// Clears this host's cached rules or policies when their version in <c>scheduling.reference_versions</c> changes (migration 0009's
/// triggers raise it for every statement that writes weekly hours, exceptions, appointment types or clinic policies).
/// </summary>
internal sealed class SchedulingReferenceWatch(IServiceProvider services, SchedulingReferenceData reference, ILogger<SchedulingReferenceWatch> logger)
    : ReferenceVersionWatch<SchedulingDbContext>(services, logger)
{
    protected override void Changed(string name) =>
        reference.InvalidateHere((Rules: name == "rules", Policies: name == "policies"));
}
