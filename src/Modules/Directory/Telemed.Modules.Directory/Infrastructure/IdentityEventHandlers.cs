using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Events;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Directory.Doctors;
using Telemed.Modules.Directory.Patients;
using Telemed.Modules.Identity.Contracts;

namespace Telemed.Modules.Directory.Infrastructure;

/// <summary>
/// A newly registered patient gets a profile, self-registered or registered at the front desk (whose request writes it too: whichever
/// comes second finds it and does nothing); idempotent through the unique user id, so a redelivery creates no second profile.
/// </summary>
internal sealed class CreateProfileWhenPatientRegistered(PatientRecords records, AuditScope audit) : IIntegrationEventHandler<PatientRegistered>
{
    public Task HandleAsync(PatientRegistered e, CancellationToken ct)
    {
        // A walk-in's profile is the front desk's work even when it is written here, later: the trail names them, as when their own
        // request wrote it.
        audit.ActorId = e.RegisteredBy ?? audit.ActorId;
        return records.EnsureAsync(new NewPatientProfile(e.UserId, e.GivenName, e.FamilyName, e.DateOfBirth, e.Sex, e.Email, e.Phone, "", e.PreferredLanguage, "", "",
            [], [], e.PatientId), ct);
    }
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
