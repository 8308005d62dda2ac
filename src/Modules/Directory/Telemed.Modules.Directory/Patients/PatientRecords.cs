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

    /// <summary>Adds a new profile (and its empty clinical summary) to the context without saving: the caller saves it with what goes with it.</summary>
    public PatientProfile Add(NewPatientProfile patient)
    {
        var profile = new PatientProfile { UserId = patient.UserId, GivenName = patient.GivenName, FamilyName = patient.FamilyName, CreatedAt = clock.GetUtcNow().UtcDateTime };
        Apply(profile, patient);
        db.Patients.Add(profile);
        db.ClinicalSummaries.Add(new PatientClinicalSummary
        {
            PatientId = profile.Id,
            Allergies = patient.Allergies.ToList(),
            ChronicConditions = patient.ChronicConditions.ToList(),
        });
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
        profile.FamilyNameLookup = IndexOf(PatientLookups.FamilyName, PatientLookups.NormalizeName(profile.FamilyName));
        profile.EmailLookup = IndexOf(PatientLookups.Email, PatientLookups.NormalizeEmail(profile.Email));
        profile.PhoneLookup = IndexOf(PatientLookups.Phone, PatientLookups.NormalizePhone(profile.Phone));
    }

    /// <summary>
    /// Patients whose family name, e-mail or phone equals the term. Only the indexes the term can
    /// stand for are queried (<see cref="PatientSearchTerm"/>), and a stored blank never matches:
    /// rows written before blanks were left unindexed hold the hash of "", which no query computes.
    /// </summary>
    public IQueryable<PatientProfile> Search(string term)
    {
        var parsed = PatientSearchTerm.Parse(term);
        if (parsed.MatchesNothing)
        {
            return db.Patients.Where(_ => false);
        }

        var name = IndexOf(PatientLookups.FamilyName, parsed.FamilyName);
        var email = IndexOf(PatientLookups.Email, parsed.Email);
        var phone = IndexOf(PatientLookups.Phone, parsed.Phone);
        return db.Patients.Where(p => (name != "" && p.FamilyNameLookup == name) || (email != "" && p.EmailLookup == email)
            || (phone != "" && p.PhoneLookup == phone));
    }

    /// <summary>The blind index of a normalised value; "" (never a hash) for a blank or absent one, so blanks are not searchable.</summary>
    private string IndexOf(string purpose, string? normalized) =>
        string.IsNullOrEmpty(normalized) ? "" : encryption.BlindIndex(purpose, normalized);
}
