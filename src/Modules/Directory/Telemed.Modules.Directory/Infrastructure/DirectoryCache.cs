using Telemed.BuildingBlocks.Cluster;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Telemed.BuildingBlocks.Caching;
using Telemed.Modules.Directory.Clinics;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Directory.Doctors;
using Telemed.Modules.Directory.Patients;

namespace Telemed.Modules.Directory.Infrastructure;

/// <summary>
/// The directory's reference data that every booking and slot search reads: doctor summaries by id, pages of doctor search, the clinic list, the
/// links between patient profiles and user accounts (ids only), and patients' display names (PHI: kept in memory only, and every
/// name served from here is still audited as a read of the patient's demographics by <see cref="DirectoryFacade.GetPatientNamesAsync"/>). Host-local; <see cref="DirectoryDbContext"/> clears
/// what a save touched right after it commits, so this host never serves data older than its own writes, and tells the other
/// hosts (a <see cref="DirectoryReferenceChanged"/> cluster signal), which clear theirs within milliseconds. Every other writer
/// (another host whose signal was lost, the CLI, SQL run by hand) is caught by <see cref="DirectoryReferenceWatch"/> within about
/// a second: the tables' triggers raise a version it reads. <see cref="Lifetime"/> is only the last bound, should that watch fail.
/// </summary>
internal sealed class DirectoryCache(ClusterSignals signals)
{
    /// <summary>
    /// How long an entry is served without being read again: long, since the version watch clears changed data within a second.
    /// It was 30 s, which sent a busy host back to the database for every doctor and patient name every 30 s.
    /// </summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public ReferenceCache<Guid, DoctorSummary> Doctors { get; } = new(Lifetime);

    /// <summary>Doctor summaries by the doctor's user account (chat and the doctor's own pages ask by account).</summary>
    public ReferenceCache<Guid, DoctorSummary> DoctorsByUser { get; } = new(Lifetime);

    /// <summary>Pages of doctor search (filter, skip, take) with the total: slot search asks for the same few pages again and again.</summary>
    public ReferenceCache<(DoctorFilter Filter, int Skip, int Take), (IReadOnlyList<DoctorSummary> Items, int Total)> Pages { get; } = new(Lifetime, maxEntries: 10_000);
    public ReferenceCache<bool, IReadOnlyList<ClinicSummary>> Clinics { get; } = new(Lifetime, maxEntries: 1);
    public ReferenceCache<Guid, Guid> PatientByUser { get; } = new(Lifetime);
    public ReferenceCache<Guid, Guid> UserByPatient { get; } = new(Lifetime);

    /// <summary>
    /// Patients' display names ("given family") by patient id: the booking answer, the front desk's day and the doctor's agenda
    /// show them on every request. Cleared by any change to a patient profile.
    /// </summary>
    public ReferenceCache<Guid, string> PatientNames { get; } = new(Lifetime);

    /// <summary>Clears, on every host, the caches whose data <paramref name="changes"/> touch; call after they commit.</summary>
    public void Invalidate(ChangedReferenceData changes)
    {
        if (changes != ChangedReferenceData.None)
        {
            signals.Publish(new DirectoryReferenceChanged(changes));
        }
    }

    /// <summary>Clears this host's caches whose data <paramref name="changes"/> touch.</summary>
    public void InvalidateHere(ChangedReferenceData changes)
    {
        if (changes.HasFlag(ChangedReferenceData.Doctors) || changes.HasFlag(ChangedReferenceData.Clinics))
        {
            Doctors.Clear();
            DoctorsByUser.Clear();
            Pages.Clear();
        }

        if (changes.HasFlag(ChangedReferenceData.Clinics))
        {
            Clinics.Clear();
        }

        if (changes.HasFlag(ChangedReferenceData.Patients))
        {
            PatientByUser.Clear();
            UserByPatient.Clear();
        }

        if (changes.HasFlag(ChangedReferenceData.Patients) || changes.HasFlag(ChangedReferenceData.PatientNames))
        {
            PatientNames.Clear();
        }
    }

    /// <summary>What reference data a context's pending changes touch (read before saving, since saving resets the states).</summary>
    public static ChangedReferenceData PendingIn(DbContext db)
    {
        var changed = ChangedReferenceData.None;
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            changed |= entry.Entity switch
            {
                DoctorProfile or DoctorSpecialty or DoctorLanguage or DoctorClinic => ChangedReferenceData.Doctors,
                Clinic => ChangedReferenceData.Clinics,
                PatientProfile when entry.State != EntityState.Modified => ChangedReferenceData.Patients,
                // Any edit, not only of the name columns: a rename is rare, and clearing too often only costs a read.
                PatientProfile => ChangedReferenceData.PatientNames,
                _ => ChangedReferenceData.None,
            };
        }

        return changed;
    }
}

/// <summary>A save changed the directory's reference data: every host clears what <paramref name="Changes"/> touch.</summary>
internal sealed record DirectoryReferenceChanged(ChangedReferenceData Changes);

internal sealed class ClearDirectoryCache(DirectoryCache cache) : IClusterSignalHandler<DirectoryReferenceChanged>
{
    public void Handle(DirectoryReferenceChanged signal) => cache.InvalidateHere(signal.Changes);
}

/// <summary>
/// Clears this host's cached directory data when its version in <c>directory.reference_versions</c> changes (migration 0011's
/// triggers raise it for every statement that writes doctors and their links, clinics or patients).
/// </summary>
internal sealed class DirectoryReferenceWatch(IServiceProvider services, DirectoryCache cache, ILogger<DirectoryReferenceWatch> logger)
    : ReferenceVersionWatch<DirectoryDbContext>(services, logger)
{
    protected override void Changed(string name) => cache.InvalidateHere(name switch
    {
        "doctors" => ChangedReferenceData.Doctors,
        "clinics" => ChangedReferenceData.Clinics,
        "patients" => ChangedReferenceData.Patients,
        "patient_names" => ChangedReferenceData.PatientNames,
        _ => ChangedReferenceData.None,
    });
}

[Flags]
internal enum ChangedReferenceData { None = 0, Doctors = 1, Clinics = 2, Patients = 4, PatientNames = 8 }
