using Hl7.Fhir.Model;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Fhir.Registry;
using Telemed.Modules.Fhir.Search;

namespace Telemed.Modules.Fhir.Resources;

/// <summary>The patient's demographics (directory profile). Id: the patient profile id. Reading one is an audited PHI read.</summary>
internal sealed class PatientProvider(IDirectoryModule directory) : IFhirResourceProvider
{
    public string ResourceType => "Patient";
    public bool IsPatientData => true;

    public IReadOnlyList<FhirSearchParameter> SearchParameters { get; } =
    [
        new("name", SearchParamType.String, "Given or family name (prefix, case-insensitive).",
            r => ((Patient)r).Name.SelectMany(n => n.Given.Append(n.Family)).OfType<string>()) { Definition = "http://hl7.org/fhir/SearchParameter/individual-given" },
        new("birthdate", SearchParamType.Date, "Date of birth.", r => DateOnly.TryParseExact(((Patient)r).BirthDate, "yyyy-MM-dd", out var d)
            ? [FhirRefs.Day(d)] : []) { Definition = "http://hl7.org/fhir/SearchParameter/individual-birthdate" },
        new("gender", SearchParamType.Token, "female, male, other or unknown.", r => ((Patient)r).Gender is { } g
            ? [new FhirToken("http://hl7.org/fhir/administrative-gender", g.ToString().ToLowerInvariant())] : []) { Definition = "http://hl7.org/fhir/SearchParameter/individual-gender" },
    ];

    public async Task<FhirFound?> ReadAsync(string id, CancellationToken ct) =>
        FhirRefs.Guid(id) is { } patientId && await directory.GetPatientCardAsync(patientId, ct) is { } card ? new FhirFound(Map(card), patientId) : null;

    public async Task<IReadOnlyList<Resource>> LoadAsync(IReadOnlyCollection<Guid>? patientIds, FhirSearch search, CancellationToken ct)
    {
        var found = new List<Resource>();
        foreach (var id in patientIds ?? [])
        {
            if (await directory.GetPatientCardAsync(id, ct) is { } card)
            {
                found.Add(Map(card));
            }
        }

        return found;
    }

    public static Patient Map(PatientCard card) => new()
    {
        Id = FhirRefs.Id(card.PatientId),
        Meta = FhirMeta.Updated(card.CreatedAt),
        Active = true,
        Name = [new HumanName { Use = HumanName.NameUse.Official, Family = card.FamilyName, Given = [card.GivenName] }],
        Gender = card.Sex switch
        {
            "female" => AdministrativeGender.Female,
            "male" => AdministrativeGender.Male,
            "other" => AdministrativeGender.Other,
            _ => AdministrativeGender.Unknown,
        },
        BirthDate = card.DateOfBirth.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        Telecom =
        [
            .. string.IsNullOrWhiteSpace(card.Phone) ? [] : new[] { new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Mobile, card.Phone) },
            .. string.IsNullOrWhiteSpace(card.Email) ? [] : new[] { new ContactPoint(ContactPoint.ContactPointSystem.Email, null, card.Email) },
        ],
        Communication = [new Patient.CommunicationComponent { Language = new CodeableConcept("urn:ietf:bcp:47", card.PreferredLanguage), Preferred = true }],
    };
}

/// <summary>
/// The allergies recorded on the patient's profile (free text as written, so <c>code.text</c> only). Id: the patient id without
/// hyphens, "-a" and the entry's position.
/// </summary>
internal sealed class AllergyIntoleranceProvider(IDirectoryModule directory) : IFhirResourceProvider
{
    public string ResourceType => "AllergyIntolerance";
    public bool IsPatientData => true;

    public IReadOnlyList<FhirSearchParameter> SearchParameters { get; } =
    [
        new("patient", SearchParamType.Reference, "The patient (Patient/{id}).", r => FhirRefs.References(((AllergyIntolerance)r).Patient))
            { Definition = "http://hl7.org/fhir/SearchParameter/clinical-patient" },
    ];

    public async Task<FhirFound?> ReadAsync(string id, CancellationToken ct) =>
        await PatientListEntries.ReadAsync(directory, id, "a", c => c.Allergies, Map, ct);

    public async Task<IReadOnlyList<Resource>> LoadAsync(IReadOnlyCollection<Guid>? patientIds, FhirSearch search, CancellationToken ct) =>
        await PatientListEntries.LoadAsync(directory, patientIds, c => c.Allergies, Map, ct);

    private static Resource Map(Guid patientId, int index, string text) => new AllergyIntolerance
    {
        Id = PatientListEntries.IdOf(patientId, "a", index),
        ClinicalStatus = new CodeableConcept("http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", "active"),
        VerificationStatus = new CodeableConcept("http://terminology.hl7.org/CodeSystem/allergyintolerance-verification", "unconfirmed"),
        Code = new CodeableConcept { Text = text },
        Patient = FhirRefs.To("Patient", patientId),
    };
}

/// <summary>Resources made from a list of free-text entries on the patient's profile (allergies, chronic conditions).</summary>
internal static class PatientListEntries
{
    public static string IdOf(Guid patientId, string kind, int index) => $"{patientId:N}-{kind}{index}";

    public static async Task<FhirFound?> ReadAsync(IDirectoryModule directory, string id, string kind, Func<PatientCard, IReadOnlyList<string>> entries,
        Func<Guid, int, string, Resource> map, CancellationToken ct)
    {
        var parts = id.Split('-');
        if (parts.Length != 2 || !Guid.TryParseExact(parts[0], "N", out var patientId) || !parts[1].StartsWith(kind, StringComparison.Ordinal)
            || !int.TryParse(parts[1][kind.Length..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index))
        {
            return null;
        }

        var card = await directory.GetPatientCardAsync(patientId, ct);
        return card is not null && index < entries(card).Count ? new FhirFound(Stamped(map(patientId, index, entries(card)[index]), card), patientId) : null;
    }

    public static async Task<IReadOnlyList<Resource>> LoadAsync(IDirectoryModule directory, IReadOnlyCollection<Guid>? patientIds,
        Func<PatientCard, IReadOnlyList<string>> entries, Func<Guid, int, string, Resource> map, CancellationToken ct)
    {
        var found = new List<Resource>();
        foreach (var id in patientIds ?? [])
        {
            if (await directory.GetPatientCardAsync(id, ct) is { } card)
            {
                found.AddRange(entries(card).Select((text, i) => Stamped(map(id, i, text), card)));
            }
        }

        return found;
    }

    // The profile keeps no per-entry or update time: its creation is the only instant the source has.
    private static Resource Stamped(Resource resource, PatientCard card)
    {
        resource.Meta = FhirMeta.Updated(card.CreatedAt);
        return resource;
    }
}
