using Microsoft.EntityFrameworkCore;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Directory.Infrastructure;

namespace Telemed.Modules.Directory.Doctors.Administration;

/// <summary>Licences about to expire and active doctors' unverified licences, as counts for the admin's home page.</summary>
internal sealed class DoctorFiguresReader(DirectoryDbContext db) : IDoctorFigures
{
    public Task<int> CountLicencesExpiringAsync(Guid? clinicId, DateOnly from, DateOnly until, CancellationToken cancellationToken = default)
    {
        var doctors = db.Doctors.AsNoTracking()
            .Where(d => d.Status != DoctorStatus.Suspended && d.LicenceExpiresOn != null && d.LicenceExpiresOn >= from && d.LicenceExpiresOn <= until);
        if (clinicId is { } clinic)
        {
            doctors = doctors.Where(d => d.Clinics.Any(c => c.ClinicId == clinic));
        }

        return doctors.CountAsync(cancellationToken);
    }

    public Task<int> CountUnverifiedLicencesAsync(Guid? clinicId, CancellationToken cancellationToken = default)
    {
        var doctors = db.Doctors.AsNoTracking().Where(d => d.Status == DoctorStatus.Active && d.LicenceVerifiedAt == null);
        if (clinicId is { } clinic)
        {
            doctors = doctors.Where(d => d.Clinics.Any(c => c.ClinicId == clinic));
        }

        return doctors.CountAsync(cancellationToken);
    }
}
