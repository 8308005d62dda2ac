using System.Globalization;
using Microsoft.AspNetCore.Http;
using Telemed.BuildingBlocks.Results;

namespace Telemed.Modules.Fhir.Search;

/// <summary>
/// A parsed FHIR search: the criteria (each parameter's values; repeats are ANDed, commas inside one are ORed), the page
/// size <c>_count</c> (1–100, default 20) and the page start <c>_offset</c> (0-based; the <c>next</c>/<c>previous</c> links carry
/// it). Unknown parameters are refused (400 <c>fhir.unknown_parameter</c>) rather than ignored, so a client never mistakes an
/// unfiltered answer for a filtered one (FHIR R4 §3.1.1.5.1 allows either; see docs/fhir.md).
/// </summary>
internal sealed class FhirSearch
{
    public const int DefaultCount = 20;
    public const int MaxCount = 100;

    /// <summary>The most candidates one search considers before filtering and paging (see docs/fhir.md).</summary>
    public const int CandidateLimit = 2000;

    private static readonly HashSet<string> ResultParameters = ["_count", "_offset", "_format"];

    /// <summary>The parameters every type has besides the result parameters: <c>_id</c> and <c>_lastUpdated</c> (meta.lastUpdated).</summary>
    public static readonly IReadOnlyList<string> CommonParameters = ["_id", "_lastUpdated"];

    public required IReadOnlyList<(string Name, string Value)> Criteria { get; init; }
    public int Count { get; init; } = DefaultCount;
    public int Offset { get; init; }

    /// <summary>The values given for <paramref name="name"/> (each a comma-separated OR list), in order.</summary>
    public IEnumerable<string> ValuesOf(string name) => Criteria.Where(c => c.Name == name).Select(c => c.Value);

    /// <summary>
    /// Parses <paramref name="query"/> against <paramref name="supported"/> parameter names (plus <c>_id</c>, <c>_lastUpdated</c>, <c>_count</c>,
    /// <c>_offset</c>, <c>_format</c> for JSON). Errors: <c>fhir.unknown_parameter</c>, <c>fhir.invalid_parameter</c> (bad _count/_offset,
    /// modifiers, empty values, a non-JSON _format).
    /// </summary>
    public static Result<FhirSearch> Parse(IQueryCollection query, IReadOnlyCollection<string> supported)
    {
        var criteria = new List<(string, string)>();
        var count = DefaultCount;
        var offset = 0;
        foreach (var (name, values) in query)
        {
            if (name.Contains(':', StringComparison.Ordinal))
            {
                return Error.Validation("fhir.invalid_parameter", "Search modifiers are not supported.");
            }

            if (!ResultParameters.Contains(name) && !CommonParameters.Contains(name) && !supported.Contains(name))
            {
                return Error.Validation("fhir.unknown_parameter", "The search uses a parameter this resource type does not support; see /fhir/R4/metadata.");
            }

            foreach (var value in values)
            {
                if (string.IsNullOrWhiteSpace(value))
                {
                    return Error.Validation("fhir.invalid_parameter", "A search parameter has no value.");
                }

                switch (name)
                {
                    case "_count" when !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxCount:
                        return Error.Validation("fhir.invalid_parameter", $"_count is a whole number from 1 to {MaxCount}.");
                    case "_offset" when !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out offset) || offset > 1_000_000:
                        return Error.Validation("fhir.invalid_parameter", "_offset is a whole number from 0.");
                    case "_format" when value is not ("json" or "application/json" or "application/fhir+json"):
                        return Error.Validation("fhir.invalid_parameter", "Only JSON is served.");
                    case "_count" or "_offset" or "_format":
                        break;
                    default:
                        criteria.Add((name, value!));
                        break;
                }
            }
        }

        return new FhirSearch { Criteria = criteria, Count = count, Offset = offset };
    }

    /// <summary>
    /// The query of an interaction that takes no parameters but <c>_format</c> (read, <c>$everything</c>, <c>metadata</c>): anything else
    /// is refused as on a search (<c>fhir.unknown_parameter</c>; a non-JSON <c>_format</c> or an empty value is <c>fhir.invalid_parameter</c>), so
    /// that <c>$everything?_type=Observation</c> or <c>?_elements=id</c> is never answered in full as if it had been applied.
    /// </summary>
    public static Error? RefuseParameters(IQueryCollection query)
    {
        var parsed = Parse(query, []);
        if (!parsed.IsSuccess)
        {
            return parsed.Error;
        }

        return query.Keys.Any(k => k != "_format")
            ? Error.Validation("fhir.unknown_parameter", "This interaction takes no parameters but _format; see /fhir/R4/metadata.")
            : null;
    }

    /// <summary>The query string of this search at another page (criteria in the order given, then _count and _offset).</summary>
    public string QueryAt(int offset) =>
        string.Join('&', Criteria.Select(c => $"{Uri.EscapeDataString(c.Name)}={Uri.EscapeDataString(c.Value)}")
            .Append($"_count={Count}").Append($"_offset={offset}"));
}
