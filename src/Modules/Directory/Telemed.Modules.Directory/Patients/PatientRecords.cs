using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Security;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Directory.Infrastructure;

namespace Telemed.Modules.Directory.Patients;

/// <summary>Creates and updates patient profiles, keeping the blind indexes in step with the encrypted values.</summary>
internal sealed class PatientRecords(DirectoryDbContext db, FieldEncryption encryption, TimeProvider clock)
{
    /// <summary>The account's profile: the existing one, else a new one saved now (with <see cref="NewPatientProfile.PatientId"/> as its id when given).</summary>
    public async Task<PatientProfile> EnsureAsync(NewPatientProfile patient, CancellationToken ct)
    {
        // Without a lock first: a redelivery nearly always finds the profile.
        var existing = await db.Patients.SingleOrDefaultAsync(p => p.UserId == patient.UserId, ct);
        if (existing is not null)
        {
            return existing;
        }

        try
        {
            // The front desk's write of a walk-in's profile and the delivery of its PatientRegistered event start at the same moment
            // (the account's commit wakes the outbox). One account's writers go one at a time, so the second finds the first's profile
            // instead of failing on the unique user id: an error in the log and, for the outbox, a retry. PostgreSQL: an advisory lock
            // on the user id for this transaction; SQLite: the write gate, which the transaction holds from its start.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (db.Database.IsPostgres())
            {
                // Every host computes the same key from the id's bytes; two accounts that share it only wait for each other.
                var key = BitConverter.ToInt32(patient.UserId.ToByteArray(), 0);
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({ProfileLockClass}, {key})", ct);
            }

            existing = await db.Patients.SingleOrDefaultAsync(p => p.UserId == patient.UserId, ct);
            if (existing is not null)
            {
                return existing;
            }

            var profile = Add(patient);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return profile;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            // A writer that does not take the lock got there first: the unique user id keeps one profile. With none there the save
            // failed for another reason, which is the caller's (the outbox retries it).
            var raced = await db.Patients.SingleOrDefaultAsync(p => p.UserId == patient.UserId, ct);
            if (raced is null)
            {
                throw;
            }

            return raced;
        }
    }

    /// <summary>The first key of the two-key advisory lock that <see cref="EnsureAsync"/> takes per account ("PRPF").</summary>
    private const int ProfileLockClass = 0x50525046;

    /// <summary>Adds a new profile (and its empty clinical summary) to the context without saving: the caller saves it with what goes with it.</summary>
    public PatientProfile Add(NewPatientProfile patient)
    {
        var profile = new PatientProfile
        {
            Id = patient.PatientId ?? Guid.NewGuid(), UserId = patient.UserId, GivenName = patient.GivenName, FamilyName = patient.FamilyName,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
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
