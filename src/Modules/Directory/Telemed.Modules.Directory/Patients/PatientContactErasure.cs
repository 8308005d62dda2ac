using Microsoft.EntityFrameworkCore;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Directory.Infrastructure;

namespace Telemed.Modules.Directory.Patients;

/// <summary><see cref="IPatientContactErasure"/>: the profile's contact details emptied (an audited PHI write).</summary>
internal sealed class PatientContactErasure(DirectoryDbContext db) : IPatientContactErasure
{
    public async Task EraseContactDetailsAsync(Guid patientId, CancellationToken cancellationToken = default)
    {
        var profile = await db.Patients.SingleOrDefaultAsync(p => p.Id == patientId, cancellationToken);
        if (profile is null || (profile.Email == "" && profile.Phone == "" && profile.Address == "" && profile.InsurancePolicyNumber == ""))
        {
            return;
        }

        profile.Email = "";
        profile.Phone = "";
        profile.Address = "";
        profile.InsuranceProvider = "";
        profile.InsurancePolicyNumber = "";
        profile.EmailLookup = "";
        profile.PhoneLookup = "";
        await db.SaveChangesAsync(cancellationToken);
    }
}
