using Microsoft.EntityFrameworkCore;
using Telemed.Modules.Directory.Clinics;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Directory.Doctors;
using Telemed.Modules.Directory.Patients;

namespace Telemed.Modules.Directory.Infrastructure;

internal sealed class DirectoryFacade(DirectoryDbContext db, PatientRecords patients) : IDirectoryModule
{
    public async Task<Guid> EnsureClinicAsync(NewClinic clinic, CancellationToken cancellationToken = default)
    {
        if (!Clinic.IsValidTimeZone(clinic.TimeZone))
        {
            throw new ArgumentException($"Unknown IANA time zone '{clinic.TimeZone}'.", nameof(clinic));
        }

        var existing = await db.Clinics.SingleOrDefaultAsync(c => c.Name == clinic.Name, cancellationToken);
        if (existing is not null)
        {
            return existing.Id;
        }

        var created = new Clinic { Name = clinic.Name, Address = clinic.Address, City = clinic.City, Latitude = clinic.Latitude, Longitude = clinic.Longitude, TimeZone = clinic.TimeZone };
        db.Clinics.Add(created);
        await db.SaveChangesAsync(cancellationToken);
        return created.Id;
    }

    public async Task<Guid> EnsureDoctorProfileAsync(NewDoctorProfile d, CancellationToken cancellationToken = default)
    {
        var doctor = await db.Doctors.Include(x => x.Specialties).Include(x => x.Languages).Include(x => x.Clinics)
            .SingleOrDefaultAsync(x => x.UserId == d.UserId, cancellationToken);
        if (doctor is null)
        {
            doctor = new DoctorProfile { UserId = d.UserId, DisplayName = d.DisplayName };
            db.Doctors.Add(doctor);
        }

        doctor.Rename(d.DisplayName);
        doctor.SetSpecialties(d.Specialties.Where(Specialties.IsKnown));
        doctor.SetLanguages(d.Languages);
        doctor.QualificationCategory = Enum.Parse<QualificationCategory>(d.QualificationCategory, ignoreCase: true);
        doctor.Education = d.Education.ToList();
        doctor.YearsOfExperience = d.YearsOfExperience;
        doctor.HourlyRateMinor = d.HourlyRate.AmountMinor;
        doctor.Currency = d.HourlyRate.Currency;
        doctor.Bio = d.Bio;
        doctor.Clinics.Clear();
        doctor.Clinics.AddRange(d.ClinicIds.Distinct().Select(c => new DoctorClinic { DoctorId = doctor.Id, ClinicId = c }));
        if (d.Active)
        {
            doctor.ChangeStatus(DoctorStatus.Active);
        }

        await db.SaveChangesAsync(cancellationToken);
        return doctor.Id;
    }

    public async Task<Guid> EnsurePatientProfileAsync(NewPatientProfile patient, CancellationToken cancellationToken = default) =>
        (await patients.EnsureAsync(patient, cancellationToken)).Id;
}
