using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Security;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Directory.Infrastructure;

namespace Telemed.Modules.Directory.Patients.Import;

/// <summary>The directory's side of importing another system's record (see <see cref="IPatientProfileImport"/>).</summary>
internal sealed class PatientProfileImport(DirectoryDbContext db, FieldEncryption encryption) : IPatientProfileImport
{
    public const int MaxEntryLength = PatientProfileLimits.MaxEntryLength;

    public async Task<IReadOnlyList<PatientIdentity>> FindByFamilyNameAndBirthDateAsync(string familyName, DateOnly dateOfBirth,
        CancellationToken cancellationToken = default)
    {
        var normalized = PatientLookups.NormalizeName(familyName);
        if (normalized.Length == 0)
        {
            return [];
        }

        // Names and dates of birth are encrypted: the blind index finds the family name, the date of birth is compared once decrypted.
        var lookup = encryption.BlindIndex(PatientLookups.FamilyName, normalized);
        var found = await db.Patients.AsNoTracking().Where(p => p.FamilyNameLookup == lookup).ToListAsync(cancellationToken);
        return [.. found.Where(p => p.DateOfBirth == dateOfBirth).Select(p => new PatientIdentity(p.Id, p.GivenName, p.FamilyName, p.DateOfBirth, p.Sex))];
    }

    public async Task<ProfileEntryPut> PutProfileEntryAsync(Guid patientId, PatientProfileList list, string? replacingHash, string text,
        CancellationToken cancellationToken = default)
    {
        var entry = text.Trim();
        if (entry.Length is 0 or > MaxEntryLength)
        {
            throw new ArgumentException($"A profile entry has 1 to {MaxEntryLength} characters.", nameof(text));
        }

        var summary = await db.ClinicalSummaries.SingleOrDefaultAsync(c => c.PatientId == patientId, cancellationToken);
        if (summary is null)
        {
            return ProfileEntryPut.UnknownPatient;
        }

        var entries = list switch
        {
            PatientProfileList.Allergies => summary.Allergies,
            PatientProfileList.ChronicConditions => summary.ChronicConditions,
            _ => summary.Medications ??= [],
        };

        // A new list instance, so the encrypted column's change is seen.
        var updated = ProfileEntries.Put(entries, replacingHash, entry);
        if (updated.Count > PatientProfileLimits.MaxEntries && updated.Count > entries.Count)
        {
            return ProfileEntryPut.ListFull;
        }
        switch (list)
        {
            case PatientProfileList.Allergies:
                summary.Allergies = updated;
                break;
            case PatientProfileList.ChronicConditions:
                summary.ChronicConditions = updated;
                break;
            default:
                summary.Medications = updated;
                break;
        }

        await db.SaveChangesAsync(cancellationToken);
        return ProfileEntryPut.Written;
    }
}

/// <summary>The rule for putting an imported entry on a profile list.</summary>
internal static class ProfileEntries
{
    /// <summary>
    /// The list with <paramref name="entry"/> in place of the entry fingerprinted <paramref name="replacingHash"/> (an update from the
    /// source), else with it appended unless the same text (case-insensitive) is already there (the patient or staff wrote it).
    /// </summary>
    public static List<string> Put(IReadOnlyList<string> entries, string? replacingHash, string entry)
    {
        var result = entries.ToList();
        var replaced = replacingHash is null ? -1 : result.FindIndex(e => ProfileEntryHash.Of(e) == replacingHash);
        if (replaced >= 0)
        {
            result[replaced] = entry;
            return result.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        }

        if (!result.Contains(entry, StringComparer.OrdinalIgnoreCase))
        {
            result.Add(entry);
        }

        return result;
    }
}
