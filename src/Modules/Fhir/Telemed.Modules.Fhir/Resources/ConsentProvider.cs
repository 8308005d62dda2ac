using Hl7.Fhir.Model;
using Telemed.Modules.Fhir.Registry;
using Telemed.Modules.Fhir.Search;
using Telemed.Modules.Privacy.Contracts;

namespace Telemed.Modules.Fhir.Resources;

/// <summary>
/// The patient's consents (Privacy) as Consent resources, one per kind the patient has answered, from the latest answer: status
/// active when it counts (given to the current text version, see <see cref="StatusOf"/>), else inactive (withdrawn, or given to an
/// older version); scope treatment for <c>treatment</c>, patient-privacy for the others; category LOINC 59284-0; dateTime of the
/// answer; policy uri naming the kind and the text version answered; provision permit from when it was first given. Id: the patient id
/// without hyphens, "-" and the kind.
/// </summary>
internal sealed class ConsentProvider(IConsentRecords consents) : IFhirResourceProvider
{
    public const string PolicyBase = "https://telemed.dev/fhir/consent-text/";

    public string ResourceType => "Consent";
    public bool IsPatientData => true;

    public IReadOnlyList<FhirSearchParameter> SearchParameters { get; } =
    [
        new("patient", SearchParamType.Reference, "The patient (Patient/{id}).", r => FhirRefs.References(((Consent)r).Patient))
            { Definition = "http://hl7.org/fhir/SearchParameter/clinical-patient" },
        new("status", SearchParamType.Token, "active (given to the current text) or inactive (withdrawn, or given to an older text).",
            r => ((Consent)r).Status is { } s ? [new FhirToken("http://hl7.org/fhir/consent-state-codes", Hl7.Fhir.Utility.EnumUtility.GetLiteral(s)!)] : [])
            { Definition = "http://hl7.org/fhir/SearchParameter/Consent-status" },
        new("date", SearchParamType.Date, "When the patient last gave or withdrew it.", r => FhirValues.DateOf(((Consent)r).DateTime))
            { Definition = "http://hl7.org/fhir/SearchParameter/clinical-date" },
    ];

    public async Task<FhirFound?> ReadAsync(string id, CancellationToken ct)
    {
        var dash = id.IndexOf('-', StringComparison.Ordinal);
        if (dash != 32 || !Guid.TryParseExact(id[..32], "N", out var patientId) || !ConsentKinds.IsKnown(id[33..]))
        {
            return null;
        }

        return (await consents.ConsentsOfAsync(patientId, ct)).FirstOrDefault(c => c.Kind == id[33..]) is { } consent ? new FhirFound(Map(consent), patientId) : null;
    }

    public async Task<IReadOnlyList<Resource>> LoadAsync(IReadOnlyCollection<Guid>? patientIds, FhirSearch search, CancellationToken ct)
    {
        var found = new List<Resource>();
        foreach (var patientId in patientIds ?? [])
        {
            found.AddRange((await consents.ConsentsOfAsync(patientId, ct)).Select(c => (Resource)Map(c)));
        }

        return found;
    }

    /// <summary>Active only while the consent counts (the Privacy module's rule): given, and to the text version published now.</summary>
    public static Consent.ConsentState StatusOf(ConsentRecord consent) =>
        consent.Given && consent.Version >= consent.CurrentVersion ? Consent.ConsentState.Active : Consent.ConsentState.Inactive;

    /// <summary>treatment → treatment; data processing, recording and notifications → patient-privacy.</summary>
    public static Coding ScopeOf(string kind) => kind == ConsentKinds.Treatment
        ? new Coding("http://terminology.hl7.org/CodeSystem/consentscope", "treatment", "Treatment")
        : new Coding("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy", "Privacy Consent");

    public static Consent Map(ConsentRecord c) => new()
    {
        Id = $"{c.PatientId:N}-{c.Kind}",
        Meta = new Meta { LastUpdated = FhirValues.Utc(c.DecidedAt) },
        Status = StatusOf(c),
        Scope = new CodeableConcept { Coding = [ScopeOf(c.Kind)] },
        Category = [new CodeableConcept("http://loinc.org", "59284-0", "Consent Document", c.Kind)],
        Patient = FhirRefs.To("Patient", c.PatientId),
        DateTimeElement = new FhirDateTime(FhirValues.Utc(c.DecidedAt)),
        Performer = [FhirRefs.To("Patient", c.PatientId)],
        Policy = [new Consent.PolicyComponent { Uri = $"{PolicyBase}{c.Kind}/v{c.Version}" }],
        Provision = new Consent.provisionComponent
        {
            Type = Consent.ConsentProvisionType.Permit,
            Period = c.FirstGivenAt is { } first ? new Period { StartElement = new FhirDateTime(FhirValues.Utc(first)) } : null,
        },
    };
}
