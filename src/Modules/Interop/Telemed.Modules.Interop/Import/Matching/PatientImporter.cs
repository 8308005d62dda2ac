using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Security;
using Telemed.BuildingBlocks.Text;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Interop.Infrastructure;
using Telemed.Modules.Interop.Ledger;

namespace Telemed.Modules.Interop.Import.Matching;

/// <summary>
/// Finds the Bundle's patient here (<see cref="PatientMatching"/>) or registers them as the front desk's path does for someone without an
/// account (a directory profile with a reserved account id, no e-mail sent). A matched patient's demographics are left as they are: the
/// clinic's registration wins over another system's copy. Records the patient's source id and identifiers in the ledger (identifiers as
/// blind indexes, never in clear).
/// </summary>
internal sealed class PatientImporter(InteropDbContext db, IDirectoryModule directory, IPatientProfileImport profiles, FieldEncryption encryption,
    TimeProvider clock)
{
    private const string IdentifierPurpose = "interop-patient-identifier";

    /// <summary>The patient id and whether it was created; or the refusal (422 <c>import.patient_incomplete</c>, 409 <c>import.ambiguous_patient</c>).</summary>
    public async Task<(Guid PatientId, bool Created, BundleRefusal? Refusal)> ImportAsync(Patient patient, string sourceSystem, CancellationToken ct)
    {
        if (Demographics(patient, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)) is not { } incoming)
        {
            return (Guid.Empty, false, new BundleRefusal(422, OperationOutcome.IssueType.Required, "import.patient_incomplete",
                $"The Patient needs a family name and a given name of at most {MaxNameLength} characters each, each on one line without invisible "
                + "characters (as a name typed here), and a full birthDate (YYYY-MM-DD) "
                + "after 1900 and not in the future."));
        }

        var keys = IdentifierKeys(patient);
        var sourceKey = LedgerKeys.SourceKeyOf(patient, LedgerKeys.ContentHashOf(patient));
        var known = await KnownPatientsAsync(keys, sourceSystem, sourceKey, ct);
        var candidates = known.Count == 0 ? await profiles.FindByFamilyNameAndBirthDateAsync(incoming.FamilyName, incoming.DateOfBirth, ct) : [];
        var match = PatientMatching.Decide(known, incoming, candidates);
        if (match is PatientMatch.Several several)
        {
            return (Guid.Empty, false, new BundleRefusal(409, OperationOutcome.IssueType.MultipleMatches, "import.ambiguous_patient",
                several.ByIdentifier
                    ? $"The Patient's identifiers name {several.Count} different patients here; resolve the duplicate before importing."
                    : $"{several.Count} patients here have this name, date of birth and sex; add an identifier the clinic knows, or import after merging."));
        }

        var created = match is PatientMatch.Nobody;
        var patientId = match is PatientMatch.One one ? one.PatientId : await RegisterAsync(patient, incoming, ct);
        await RememberAsync(patientId, keys, sourceSystem, sourceKey, ct);
        return (patientId, created, null);
    }

    /// <summary>The longest given or family name a patient is registered with, as on every other way in (registration, walk-in, profile).</summary>
    public const int MaxNameLength = 100;

    // The same rules as a patient registered here by hand: an import is another way in, not a way around them.
    private static IncomingPatient? Demographics(Patient p, DateOnly today)
    {
        var name = p.Name.FirstOrDefault(n => n.Use == HumanName.NameUse.Official) ?? p.Name.FirstOrDefault();
        var given = string.Join(' ', name?.Given.Where(g => !string.IsNullOrWhiteSpace(g)).Select(g => g!.Trim()) ?? []);
        var family = name?.Family?.Trim();
        if (string.IsNullOrEmpty(family) || string.IsNullOrWhiteSpace(given) || p.BirthDate is not { Length: 10 } birth
            || !DateOnly.TryParseExact(birth, "yyyy-MM-dd", out var dob)
            || given.Length > MaxNameLength || family.Length > MaxNameLength
            || UserText.Check(given, singleLine: true) is not null || UserText.Check(family, singleLine: true) is not null
            || dob <= new DateOnly(1900, 1, 1) || dob > today)
        {
            return null;
        }

        var sex = p.Gender switch
        {
            AdministrativeGender.Female => "female",
            AdministrativeGender.Male => "male",
            AdministrativeGender.Other => "other",
            _ => "unknown",
        };
        return new IncomingPatient(given.Trim(), family, dob, sex);
    }

    private List<(string System, string Key)> IdentifierKeys(Patient p) =>
    [
        .. p.Identifier.Where(i => !string.IsNullOrWhiteSpace(i.System) && !string.IsNullOrWhiteSpace(i.Value)
                && i.System.Length <= ImportLedgerEntry.MaxSourceSystemLength)
            .Select(i => (i.System!.Trim(), encryption.BlindIndex(IdentifierPurpose, $"{i.System!.Trim()}|{i.Value!.Trim()}")))
            .Distinct(),
    ];

    /// <summary>Patients an earlier import recorded under one of these identifiers (any source) or under this source's Patient id.</summary>
    private async Task<IReadOnlyList<Guid>> KnownPatientsAsync(List<(string System, string Key)> keys, string sourceSystem, string sourceKey,
        CancellationToken ct)
    {
        var found = await db.Ledger.AsNoTracking()
            .Where(l => l.ResourceType == nameof(Patient) && l.SourceSystem == sourceSystem && l.SourceKey == sourceKey)
            .Select(l => l.PatientId).ToListAsync(ct);
        foreach (var (system, key) in keys)
        {
            found.AddRange(await db.Ledger.AsNoTracking()
                .Where(l => l.ResourceType == LedgerKeys.IdentifierType && l.SourceSystem == system && l.SourceKey == key)
                .Select(l => l.PatientId).ToListAsync(ct));
        }

        return [.. found.Distinct()];
    }

    private async Task<Guid> RegisterAsync(Patient p, IncomingPatient incoming, CancellationToken ct)
    {
        // A phone the registration form would refuse is left out (the profile keeps none; the front desk asks), never stored cut.
        var phone = p.Telecom.FirstOrDefault(t => t.System == ContactPoint.ContactPointSystem.Phone)?.Value?.Trim() ?? "";
        var language = p.Communication.SelectMany(c => c.Language?.Coding ?? []).Select(c => c.Code).FirstOrDefault(c => c is "en" or "ru") ?? "en";
        // No account and no e-mail: the front desk invites the patient later, as for a walk-in. A reserved account id keeps the profile's
        // one-account rule, as for a child on a guardian's account.
        return await directory.EnsurePatientProfileAsync(new NewPatientProfile(Guid.NewGuid(), incoming.GivenName, incoming.FamilyName,
            incoming.DateOfBirth, incoming.Sex, "", ContactRules.IsPhoneNumber(phone) ? phone : "", "", language, "", "", [], []), ct);
    }

    private async Task RememberAsync(Guid patientId, List<(string System, string Key)> keys, string sourceSystem, string sourceKey, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var lines = keys.Select(k => (System: k.System, Type: LedgerKeys.IdentifierType, k.Key)).Append((System: sourceSystem, Type: nameof(Patient), Key: sourceKey));
        foreach (var (system, type, key) in lines)
        {
            if (!await db.Ledger.AnyAsync(l => l.SourceSystem == system && l.ResourceType == type && l.SourceKey == key, ct))
            {
                db.Ledger.Add(new ImportLedgerEntry
                {
                    SourceSystem = system, ResourceType = type, SourceKey = key, ContentHash = "", PatientId = patientId,
                    TargetRef = patientId.ToString(), ImportedAt = now, UpdatedAt = now,
                });
            }
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A concurrent import recorded the same identifiers first: they name this patient already.
            db.ChangeTracker.Clear();
        }
    }
}
