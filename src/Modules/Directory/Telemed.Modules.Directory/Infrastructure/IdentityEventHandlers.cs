using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Events;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Directory.Doctors;
using Telemed.Modules.Directory.Patients;
using Telemed.Modules.Identity.Contracts;

namespace Telemed.Modules.Directory.Infrastructure;

/// <summary>A newly registered patient gets a profile; idempotent through the unique user id.</summary>
internal sealed class CreateProfileWhenPatientRegistered(PatientRecords records) : IIntegrationEventHandler<PatientRegistered>
{
    public Task HandleAsync(PatientRegistered e, CancellationToken ct) =>
        records.EnsureAsync(new NewPatientProfile(e.UserId, e.GivenName, e.FamilyName, e.DateOfBirth, "unknown", e.Email, "", "", e.PreferredLanguage, "", "", [], []), ct);
}

/// <summary>An invited doctor gets a profile that waits for an admin's verification.</summary>
internal sealed class CreateDoctorProfileWhenStaffCreated(DirectoryDbContext db) : IIntegrationEventHandler<StaffAccountCreated>
{
    public async Task HandleAsync(StaffAccountCreated e, CancellationToken ct)
    {
        if (!e.Roles.Contains(BuildingBlocks.Access.Roles.Doctor) || await db.Doctors.AnyAsync(d => d.UserId == e.UserId, ct))
        {
            return;
        }

        var doctor = new DoctorProfile { UserId = e.UserId, DisplayName = e.DisplayName };
        doctor.Rename(e.DisplayName);
        db.Doctors.Add(doctor);
        await db.SaveChangesAsync(ct);
    }
}
