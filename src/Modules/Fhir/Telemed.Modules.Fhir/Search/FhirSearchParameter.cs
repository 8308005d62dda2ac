using Hl7.Fhir.Model;

namespace Telemed.Modules.Fhir.Search;

/// <summary>
/// A search parameter a resource type supports: its name, FHIR type (token, date, reference, string), what it means, and
/// how to read the values it matches from a resource. <see cref="FhirSearchMatcher"/> matches with <see cref="Values"/>; the
/// CapabilityStatement lists the same objects.
/// </summary>
/// <param name="Values">
/// The resource's values for the parameter: <see cref="FhirToken"/> for tokens, <see cref="FhirPeriod"/> for dates,
/// reference strings (<c>Patient/{id}</c>) for references, strings for strings.
/// </param>
internal sealed record FhirSearchParameter(string Name, SearchParamType Type, string Documentation, Func<Resource, IEnumerable<object>> Values)
{
    /// <summary>The canonical URL of the base R4 definition, e.g. <c>http://hl7.org/fhir/SearchParameter/Appointment-date</c>.</summary>
    public string? Definition { get; init; }
}

/// <summary>A coded value: <paramref name="System"/> may be null (matches <c>code</c> or <c>|code</c> searches as FHIR says).</summary>
internal sealed record FhirToken(string? System, string Code);

/// <summary>A date value as an interval of instants (a date alone covers its whole day, UTC).</summary>
internal sealed record FhirPeriod(DateTimeOffset Start, DateTimeOffset End);
