using Hl7.Fhir.Model;
using Telemed.Modules.Fhir.Access;
using Telemed.Modules.Fhir.Search;

namespace Telemed.Modules.Fhir.Registry;

/// <summary>
/// One FHIR resource type the API serves: how to read one by id and how to load the candidates of a search. The registry
/// lists every provider once; the router, the search matcher and the CapabilityStatement all read it, so what
/// <c>/metadata</c> says is exactly what the API does. A new type (e.g. Observation once the Labs facade exists) is one
/// more provider registered in <see cref="FhirModule"/>.
/// </summary>
internal interface IFhirResourceProvider
{
    /// <summary>The FHIR resource type name, e.g. <c>Appointment</c>.</summary>
    string ResourceType { get; }

    /// <summary>
    /// True when the resource belongs to a patient's record (the Patient compartment): only the patient, a doctor with a care
    /// relationship, or a token scoped to that patient may see it. False for directory data any signed-in user may read.
    /// </summary>
    bool IsPatientData { get; }

    /// <summary>The type's own search parameters (besides <c>_id</c> and <c>_count</c>, which every type has).</summary>
    IReadOnlyList<FhirSearchParameter> SearchParameters { get; }

    /// <summary>
    /// The resource with this FHIR id and, for patient data, whose record it is (the patient id the caller must be allowed to
    /// see); null when there is none. The caller checks access before answering.
    /// </summary>
    Task<FhirFound?> ReadAsync(string id, CancellationToken ct);

    /// <summary>
    /// Every resource of the type that belongs to one of <paramref name="patientIds"/> (patient data) or all of them (directory
    /// data: <paramref name="patientIds"/> is null). A provider that cuts what it loads cuts at one more than <see cref="CandidateLimit"/>,
    /// so that the search can tell a cut answer from a whole one and refuse it (<c>fhir.too_costly</c>). The search parameters
    /// are applied afterwards by <see cref="FhirSearchMatcher"/>; <paramref name="search"/> is passed so a provider may narrow
    /// what it loads (e.g. by date) as long as it never drops a match.
    /// </summary>
    Task<IReadOnlyList<Resource>> LoadAsync(IReadOnlyCollection<Guid>? patientIds, FhirSearch search, CancellationToken ct);

    /// <summary>
    /// The most candidates a search of this type considers (default <see cref="FhirSearch.CandidateLimit"/>); a search whose candidates
    /// are more is refused with 400 <c>fhir.too_costly</c> instead of being answered with a total and pages that miss some matches.
    /// </summary>
    int CandidateLimit => FhirSearch.CandidateLimit;

    /// <summary>
    /// A search this type refuses before loading anything (e.g. a Slot window longer than the documented maximum), as a validation
    /// error for a 400; null when the search may run.
    /// </summary>
    Telemed.BuildingBlocks.Results.Error? Refuse(FhirSearch search) => null;
}

/// <summary>A resource found by id; <paramref name="PatientId"/> is the patient whose record it is (null for directory data).</summary>
internal sealed record FhirFound(Resource Resource, Guid? PatientId);
