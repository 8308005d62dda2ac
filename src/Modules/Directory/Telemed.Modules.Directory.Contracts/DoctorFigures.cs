namespace Telemed.Modules.Directory.Contracts;

/// <summary>Figures the admin's home page reads from the directory (counts only).</summary>
public interface IDoctorFigures
{
    /// <summary>
    /// Doctors (not suspended) whose licence's last valid day falls in [<paramref name="from"/>, <paramref name="until"/>]
    /// (both inclusive, calendar dates); at one clinic or, when null, at all.
    /// </summary>
    Task<int> CountLicencesExpiringAsync(Guid? clinicId, DateOnly from, DateOnly until, CancellationToken cancellationToken = default);

    /// <summary>
    /// Active (bookable) doctors whose licence no admin has verified, at one clinic or, when null, at all. Saving a changed licence
    /// on an active doctor now needs verification in the same act, but doctors left that way before (or by a direct database
    /// edit) are only found by counting them.
    /// </summary>
    Task<int> CountUnverifiedLicencesAsync(Guid? clinicId, CancellationToken cancellationToken = default);
}
