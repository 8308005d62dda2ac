using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Security;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Directory.Infrastructure;

namespace Telemed.Modules.Directory.Patients;

/// <summary>Creates and updates patient profiles, keeping the blind indexes in step with the encrypted values.</summary>
internal sealed class PatientRecords(DirectoryDbContext db, FieldEncryption encryption, TimeProvider clock)
{
    public async Task<PatientProfile> EnsureAsync(NewPatientProfile patient, CancellationToken ct)
    {
        var existing = await db.Patients.SingleOrDefaultAsync(p => p.UserId == patient.UserId, ct);
        if (existing is not null)
        {
            return existing;
        }

        var profile = new PatientProfile { UserId = patient.UserId, GivenName = patient.GivenName, FamilyName = patient.FamilyName, CreatedAt = clock.GetUtcNow().UtcDateTime };
        Apply(profile, patient);
        db.Patients.Add(profile);
        db.ClinicalSummaries.Add(new PatientClinicalSummary
        {
            PatientId = profile.Id,
            Allergies = patient.Allergies.ToList(),
            ChronicConditions = patient.ChronicConditions.ToList(),
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A duplicate delivery raced us to it: the unique user id keeps one profile.
            db.ChangeTracker.Clear();
            return await db.Patients.SingleAsync(p => p.UserId == patient.UserId, ct);
        }

        return profile;
    }

    public void Apply(PatientProfile profile, NewPatientProfile values)
    {
        profile.GivenName = values.GivenName.Trim();
        profile.FamilyName = values.FamilyName.Trim();
        profile.DateOfBirth = values.DateOfBirth;
        profile.Sex = values.Sex;
        profile.Email = values.Email.Trim();
        profile.Phone = values.Phone.Trim();
        profile.Address = values.Address.Trim();
        profile.PreferredLanguage = values.PreferredLanguage;
        profile.InsuranceProvider = values.InsuranceProvider.Trim();
        profile.InsurancePolicyNumber = values.InsurancePolicyNumber.Trim();
        profile.FamilyNameLookup = encryption.BlindIndex(PatientLookups.FamilyName, PatientLookups.NormalizeName(profile.FamilyName));
        profile.EmailLookup = encryption.BlindIndex(PatientLookups.Email, PatientLookups.NormalizeEmail(profile.Email));
        profile.PhoneLookup = encryption.BlindIndex(PatientLookups.Phone, PatientLookups.NormalizePhone(profile.Phone));
    }

    public IQueryable<PatientProfile> Search(string term)
    {
        var name = encryption.BlindIndex(PatientLookups.FamilyName, PatientLookups.NormalizeName(term));
        var email = encryption.BlindIndex(PatientLookups.Email, PatientLookups.NormalizeEmail(term));
        var phone = encryption.BlindIndex(PatientLookups.Phone, PatientLookups.NormalizePhone(term));
        return db.Patients.Where(p => p.FamilyNameLookup == name || p.EmailLookup == email || p.PhoneLookup == phone);
    }
}
