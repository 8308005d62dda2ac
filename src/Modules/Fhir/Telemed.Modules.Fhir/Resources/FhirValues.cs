using Hl7.Fhir.Model;
using Telemed.Modules.Fhir.Search;

namespace Telemed.Modules.Fhir.Resources;

/// <summary>Value readers and conversions the labs, documents, consents and slot providers share.</summary>
internal static class FhirValues
{
    /// <summary>A UTC <see cref="DateTime"/> (of any kind as stored) as an offset instant at +00:00.</summary>
    public static DateTimeOffset Utc(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    /// <summary>The codings of concepts as search tokens (system and code).</summary>
    public static IEnumerable<object> Codes(params CodeableConcept?[] concepts) =>
        concepts.Where(c => c is not null).SelectMany(c => c!.Coding).Where(c => c.Code is not null).Select(c => (object)new FhirToken(c.System, c.Code!));



    /// <summary>A FHIR dateTime/instant element's value as a date search value (its whole precision range: a day covers the day).</summary>
    public static IEnumerable<object> DateOf(string? value) =>
        value is not null && FhirSearchMatcher.ParseRange(value) is var (lo, hi) ? [new FhirPeriod(lo, value.Length > 10 ? lo : hi)] : [];
}
