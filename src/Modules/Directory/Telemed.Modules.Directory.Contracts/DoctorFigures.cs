namespace Telemed.Modules.Directory.Contracts;

/// <summary>Figures the admin's home page reads from the directory (counts only).</summary>
public interface IDoctorFigures
{
    /// <summary>
    /// Doctors (not suspended) whose licence's last valid day falls in [<paramref name="from"/>, <paramref name="until"/>]
    /// (both inclusive, calendar dates); at one clinic or, when null, at all.
    /// </summary>
    Task<int> CountLicencesExpiringAsync(Guid? clinicId, DateOnly from, DateOnly until, CancellationToken cancellationToken = default);
}
