using System.Security.Cryptography;
using System.Text;

namespace Telemed.Modules.Directory.Contracts;

/// <summary>The free-text lists on a patient's profile that another system's record can add to.</summary>
public enum PatientProfileList
{
    Allergies,
    ChronicConditions,
    Medications,
}

/// <summary>
/// How many entries each of a profile's lists holds at most, and how long one is (characters): the same bounds for what the
/// patient types and for what an import adds, so an imported record never leaves a profile its owner can no longer save.
/// </summary>
public static class PatientProfileLimits
{
    /// <summary>Entries per list (allergies, chronic conditions, medications).</summary>
    public const int MaxEntries = 50;

    /// <summary>Characters per entry.</summary>
    public const int MaxEntryLength = 200;
}

/// <summary>What putting an imported entry on a profile list did.</summary>
public enum ProfileEntryPut
{
    /// <summary>Written (appended, replaced, or already there in the same words).</summary>
    Written,

    /// <summary>No such patient.</summary>
    UnknownPatient,

    /// <summary>The list holds <see cref="PatientProfileLimits.MaxEntries"/> entries already; nothing was written.</summary>
    ListFull,
}

/// <summary>Who a patient is, for matching an imported record (PHI: reading it is audited). Sex as stored (female, male, other, unknown).</summary>
public sealed record PatientIdentity(Guid PatientId, string GivenName, string FamilyName, DateOnly DateOfBirth, string Sex);

/// <summary>
/// What importing a record from another system (issue 13 item 5) needs of the directory: candidates for matching and
/// additions to the profile's lists. Writes are audited (phi.update) in the directory's own transaction.
/// </summary>
public interface IPatientProfileImport
{
    /// <summary>
    /// Patients whose family name equals <paramref name="familyName"/> (case and surrounding spaces ignored, via the blind index)
    /// and who were born on <paramref name="dateOfBirth"/>; the caller compares the rest.
    /// </summary>
    Task<IReadOnlyList<PatientIdentity>> FindByFamilyNameAndBirthDateAsync(string familyName, DateOnly dateOfBirth, CancellationToken cancellationToken = default);

    /// <summary>
    /// Puts <paramref name="text"/> (at most <see cref="PatientProfileLimits.MaxEntryLength"/> characters) on the patient's
    /// <paramref name="list"/>: in place of the entry whose <see cref="ProfileEntryHash.Of"/> is <paramref name="replacingHash"/> when
    /// there is one, else appended unless an equal entry is there already, or refused (<see cref="ProfileEntryPut.ListFull"/>) when
    /// appending would pass <see cref="PatientProfileLimits.MaxEntries"/>.
    /// </summary>
    Task<ProfileEntryPut> PutProfileEntryAsync(Guid patientId, PatientProfileList list, string? replacingHash, string text, CancellationToken cancellationToken = default);
}

/// <summary>A profile entry's fingerprint, so an importer can say which entry it wrote without keeping the text (lower-case hex SHA-256).</summary>
public static class ProfileEntryHash
{
    public static string Of(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.Trim())));
}
