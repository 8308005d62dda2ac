using Hl7.Fhir.Model;
using Telemed.Modules.Fhir.Search;

namespace Telemed.Modules.Fhir.Resources;

/// <summary>How Telemed ids become FHIR ids and references, and the value readers search parameters share.</summary>
internal static class FhirRefs
{
    /// <summary>A Guid as a FHIR id (lower-case, hyphenated: 36 of the 64 characters FHIR allows).</summary>
    public static string Id(Guid id) => id.ToString("D");

    /// <summary>The Guid in a FHIR id, or null when it is not one (such ids name nothing here: 404).</summary>
    public static Guid? Guid(string id) => System.Guid.TryParseExact(id, "D", out var g) ? g : null;

    public static ResourceReference To(string type, Guid id, string? display = null) => new($"{type}/{Id(id)}", display);

    /// <summary>The UTC instant as a FHIR instant/dateTime string.</summary>
    public static string Instant(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToString("yyyy-MM-ddTHH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture);

    public static FhirPeriod Period(DateTime startUtc, DateTime endUtc) =>
        new(new DateTimeOffset(DateTime.SpecifyKind(startUtc, DateTimeKind.Utc)), new DateTimeOffset(DateTime.SpecifyKind(endUtc, DateTimeKind.Utc)));

    /// <summary>A calendar date as the whole UTC day it names (for date searches on birth dates and the like).</summary>
    public static FhirPeriod Day(DateOnly date)
    {
        var start = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return new FhirPeriod(start, start.AddDays(1));
    }

    /// <summary>The reference strings of a resource's references, for reference search parameters.</summary>
    public static IEnumerable<object> References(params ResourceReference?[] references) =>
        references.Where(r => r?.Reference is not null).Select(r => (object)r!.Reference!);
}

/// <summary>The <c>meta</c> every resource carries: <c>lastUpdated</c> from the source's updated (else created) time.</summary>
internal static class FhirMeta
{
    /// <summary>Meta with <c>lastUpdated</c> = <paramref name="updatedUtc"/> (a UTC instant).</summary>
    public static Meta Updated(DateTime updatedUtc) => new() { LastUpdatedElement = new Instant(new DateTimeOffset(DateTime.SpecifyKind(updatedUtc, DateTimeKind.Utc))) };
}
