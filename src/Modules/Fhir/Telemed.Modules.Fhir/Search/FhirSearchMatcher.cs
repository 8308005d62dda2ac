using System.Globalization;
using Hl7.Fhir.Model;
using Telemed.BuildingBlocks.Results;

namespace Telemed.Modules.Fhir.Search;

/// <summary>
/// Applies a search's criteria to loaded resources with the parameters' own value readers: tokens (<c>code</c>, <c>system|code</c>,
/// <c>|code</c>, <c>system|</c>), dates with the prefixes <c>eq</c> (default), <c>lt</c>, <c>le</c>, <c>gt</c>, <c>ge</c> at year, month,
/// day or instant precision, references (<c>Patient/{id}</c> or a bare id), strings (case-insensitive prefix) and <c>_id</c>.
/// </summary>
internal static class FhirSearchMatcher
{
    /// <summary>The resources matching every criterion. Errors: <c>fhir.invalid_parameter</c> for a value that cannot be read (e.g. a bad date).</summary>
    public static Result<List<Resource>> Filter(IEnumerable<Resource> resources, FhirSearch search, IReadOnlyList<FhirSearchParameter> parameters)
    {
        var tests = new List<Func<Resource, bool>>();
        foreach (var (name, value) in search.Criteria)
        {
            var alternatives = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (name == "_id")
            {
                // Parsed as reads parse ids: a GUID written in upper case names the same resource.
                var ids = alternatives.Select(CanonicalId).ToHashSet(StringComparer.Ordinal);
                tests.Add(r => r.Id is { } id && ids.Contains(CanonicalId(id)));
                continue;
            }

            var parameter = name == LastUpdated.Name ? LastUpdated : parameters.Single(p => p.Name == name);
            var predicates = new List<Func<object, bool>>();
            foreach (var alternative in alternatives)
            {
                var predicate = Predicate(parameter.Type, alternative);
                if (predicate is null)
                {
                    return Error.Validation("fhir.invalid_parameter", $"The value of '{name}' cannot be read as a {parameter.Type.ToString().ToLowerInvariant()}.");
                }

                predicates.Add(predicate);
            }

            tests.Add(r => parameter.Values(r).Any(v => predicates.Any(p => p(v))));
        }

        return resources.Where(r => tests.All(t => t(r))).ToList();
    }

    /// <summary>
    /// A FHIR id as reads parse it. Reads take the GUIDs in an id in any case (<c>Guid.TryParseExact</c>): a whole hyphenated GUID
    /// (Patient, Appointment, Encounter…), or 32- and 64-hex-digit parts of a composite id (a Schedule's doctor and clinic, an
    /// allergy's <c>{patient}-a0</c>, a slot's <c>{doctor}-{start}-v</c>); the other parts of a composite id must match exactly. So
    /// those GUIDs are written in lower case, as ids are served, and the rest is left as it is.
    /// </summary>
    internal static string CanonicalId(string id)
    {
        if (Resources.FhirRefs.Guid(id) is { } guid)
        {
            return Resources.FhirRefs.Id(guid);
        }

        var parts = id.Split('-');
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].Length is 32 or 64 && IsHex(parts[i]))
            {
                parts[i] = parts[i].ToLowerInvariant();
            }
        }

        return string.Join('-', parts);
    }

    private static bool IsHex(string text) => text.All(char.IsAsciiHexDigit);

    /// <summary><c>_lastUpdated</c>: every type's <c>meta.lastUpdated</c> (an instant), searched as a date.</summary>
    public static readonly FhirSearchParameter LastUpdated = new("_lastUpdated", SearchParamType.Date, "When the resource last changed (meta.lastUpdated).",
        r => r.Meta?.LastUpdated is { } at ? [new FhirPeriod(at, at)] : []) { Definition = "http://hl7.org/fhir/SearchParameter/Resource-lastUpdated" };

    private static Func<object, bool>? Predicate(SearchParamType type, string value) => type switch
    {
        SearchParamType.Token => TokenPredicate(value),
        SearchParamType.Reference => v => v is string reference && ReferenceMatches(reference, value),
        SearchParamType.String => v => v is string s && s.StartsWith(value, StringComparison.OrdinalIgnoreCase),
        SearchParamType.Date => DatePredicate(value),
        _ => null,
    };

    private static Func<object, bool> TokenPredicate(string value)
    {
        var bar = value.IndexOf('|', StringComparison.Ordinal);
        if (bar < 0)
        {
            return v => v is FhirToken t && string.Equals(t.Code, value, StringComparison.OrdinalIgnoreCase);
        }

        var (system, code) = (value[..bar], value[(bar + 1)..]);
        return v => v is FhirToken t
            && (system.Length == 0 ? t.System is null : string.Equals(t.System, system, StringComparison.Ordinal))
            && (code.Length == 0 || string.Equals(t.Code, code, StringComparison.OrdinalIgnoreCase));
    }

    private static bool ReferenceMatches(string reference, string value)
    {
        // "Patient/123", "123" or an absolute URL ending in "Patient/123" all name the same resource; a GUID id matches in any case.
        var slash = value.LastIndexOf('/');
        value = value[..(slash + 1)] + CanonicalId(value[(slash + 1)..]);
        var wanted = value.Contains('/', StringComparison.Ordinal) ? value : null;
        return wanted is null
            ? reference.EndsWith("/" + value, StringComparison.Ordinal)
            : reference == wanted || wanted.EndsWith("/" + reference, StringComparison.Ordinal);
    }

    private static Func<object, bool>? DatePredicate(string value)
    {
        var hasPrefix = value.Length > 2 && char.IsLetter(value[0]) && char.IsLetter(value[1]);
        var prefix = hasPrefix ? value[..2] : "eq";
        var literal = hasPrefix ? value[2..] : value;
        if (ParseRange(literal) is not var (lo, hi))
        {
            return null;
        }

        return prefix switch
        {
            "eq" => v => v is FhirPeriod p && p.Start >= lo && p.End <= hi,
            "lt" => v => v is FhirPeriod p && p.Start < lo,
            "le" => v => v is FhirPeriod p && p.Start < hi,
            "gt" => v => v is FhirPeriod p && p.End > hi,
            "ge" => v => v is FhirPeriod p && p.End > lo,
            _ => null,
        };
    }

    /// <summary>
    /// The latest year a date search value may name: the interval's end (the next year, month, day or tick) and the windows built on it
    /// (a Slot search adds days) must stay inside <see cref="DateTime"/>'s range, which ends with 9999.
    /// </summary>
    public const int MaxYear = 9998;

    /// <summary>The interval a date search value covers: a year, month or day (UTC) or one instant; null when it cannot be read or is after <see cref="MaxYear"/>.</summary>
    internal static (DateTimeOffset Lo, DateTimeOffset Hi)? ParseRange(string literal) =>
        Interval(literal) is var (lo, hi) && lo.UtcDateTime.Year <= MaxYear ? (lo, hi) : null;

    private static (DateTimeOffset Lo, DateTimeOffset Hi)? Interval(string literal)
    {
        var c = CultureInfo.InvariantCulture;
        if (literal.Length >= 4 && int.TryParse(literal.AsSpan(0, 4), NumberStyles.None, c, out var year) && year > MaxYear)
        {
            return null;
        }

        if (DateTime.TryParseExact(literal, "yyyy", c, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var y))
        {
            return (new DateTimeOffset(y, TimeSpan.Zero), new DateTimeOffset(y.AddYears(1), TimeSpan.Zero));
        }

        if (DateTime.TryParseExact(literal, "yyyy-MM", c, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var m))
        {
            return (new DateTimeOffset(m, TimeSpan.Zero), new DateTimeOffset(m.AddMonths(1), TimeSpan.Zero));
        }

        if (DateTime.TryParseExact(literal, "yyyy-MM-dd", c, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var d))
        {
            return (new DateTimeOffset(d, TimeSpan.Zero), new DateTimeOffset(d.AddDays(1), TimeSpan.Zero));
        }

        // An instant must carry its offset (FHIR: "if hours and minutes are specified, a time zone SHALL be populated").
        return literal.Length > 19 && literal.Contains('T', StringComparison.Ordinal) && DateTimeOffset.TryParse(literal, c, DateTimeStyles.None, out var instant)
            ? (instant, instant.AddTicks(1))
            : null;
    }
}
