using System.Text.Json;
using System.Text.RegularExpressions;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.IntegrationTests.Scenarios.ContractFuzz;

namespace Telemed.IntegrationTests.Scenarios.Security.AccessMatrix;

/// <summary>
/// Every id a user can reach through the API, with the kinds of record it seems to name: the user's client reads every
/// <c>GET</c> operation of the OpenAPI document that needs no id, then every one whose ids it has found by then (two rounds),
/// and keeps each GUID of each JSON answer with the kind its place suggests (<c>appointmentId</c> → appointment; an <c>id</c>
/// under <c>"doctor"</c> → doctor; an item's <c>id</c> in <c>GET …/prescriptions</c> → prescription; a GUID in a link after
/// <c>/lab-results/</c> → labresult). The kinds only choose which ids to try first; nothing depends on them being right.
/// </summary>
public sealed partial class IdHarvest(OpenApiOperations openApi, IReadOnlyList<ApiOperation> operations)
{
    /// <summary>Kind → ids found under it, and every answer's text by URL (for the before/after comparison).</summary>
    public sealed class Found
    {
        public Dictionary<Guid, HashSet<string>> Kinds { get; } = [];

        public Dictionary<string, string> Answers { get; } = [];

        public void Add(Guid id, string kind)
        {
            if (id == Guid.Empty || id == OpenApiOperations.UnknownId)
            {
                return;
            }

            if (!Kinds.TryGetValue(id, out var kinds))
            {
                Kinds[id] = kinds = [];
            }

            kinds.Add(kind);
        }
    }

    /// <summary>Reads everything <paramref name="client"/> may read, starting from <paramref name="known"/> ids (id, kind).</summary>
    public async Task<Found> CrawlAsync(ApiClient client, IEnumerable<(Guid Id, string Kind)> known)
    {
        var found = new Found();
        foreach (var (id, kind) in known)
        {
            found.Add(id, kind);
        }

        var gets = operations.Where(o => o.Method == "GET" && !Skipped(o)).ToList();
        foreach (var op in gets.Where(o => o.Parameters.All(p => p.In != "path")))
        {
            await ReadAsync(client, Url(op, _ => null), found);
        }

        for (var round = 0; round < 2; round++)
        {
            var ids = found.Kinds.ToList();
            foreach (var op in gets.Where(o => o.Parameters.Any(p => p.In == "path")))
            {
                var pathIds = op.Parameters.Where(p => p.In == "path").Select(p => (p.Name, Candidates: IsGuid(p) ? Matching(op, p, ids).Take(4).ToList() : [])).ToList();
                if (pathIds.Any(p => p.Candidates.Count == 0))
                {
                    continue;   // an id it has not found (or a token or code): nothing to read
                }

                // Each candidate of each id in turn, the other ids at their first candidate: enough to reach a nested record.
                foreach (var (name, candidates) in pathIds)
                {
                    foreach (var candidate in candidates)
                    {
                        var url = Url(op, p => p.Name == name ? candidate.ToString() : pathIds.First(x => x.Name == p.Name).Candidates[0].ToString());
                        if (!found.Answers.ContainsKey(url))
                        {
                            await ReadAsync(client, url, found);
                        }
                    }
                }
            }
        }

        return found;
    }

    /// <summary>
    /// What <paramref name="client"/> reads, read twice: the first crawl, and its answers that were the same both times (those that
    /// change on their own, such as clocks and counters, cannot be compared after a probe).
    /// </summary>
    public async Task<(Found Found, Dictionary<string, string> Stable)> CrawlTwiceAsync(ApiClient client, IReadOnlyList<(Guid Id, string Kind)> known)
    {
        var first = await CrawlAsync(client, known);
        var again = await CrawlAsync(client, known);
        return (first, first.Answers.Where(a => again.Answers.TryGetValue(a.Key, out var text) && text == a.Value).ToDictionary(a => a.Key, a => a.Value));
    }

    /// <summary>The URLs of <paramref name="stable"/> whose answer to <paramref name="client"/> is not the same now.</summary>
    public async Task<List<string>> ChangedAsync(ApiClient client, IReadOnlyList<(Guid Id, string Kind)> known, Dictionary<string, string> stable)
    {
        var now = await CrawlAsync(client, known);
        return stable.Where(a => !now.Answers.TryGetValue(a.Key, out var text) || text != a.Value).Select(a => a.Key).ToList();
    }

    /// <summary>Ids of <paramref name="ids"/> whose kinds fit the route parameter, best first (the route's own kind, then ids of any kind).</summary>
    public static IEnumerable<Guid> Matching(ApiOperation op, OperationParameter parameter, IEnumerable<KeyValuePair<Guid, HashSet<string>>> ids)
    {
        var wanted = ParameterKind(op, parameter);
        return ids.Where(i => i.Value.Any(k => k == wanted || k.EndsWith(wanted, StringComparison.Ordinal))).Select(i => i.Key);
    }

    /// <summary>The kind a route parameter names: <c>consultationId</c> → consultation; <c>{id}</c> after <c>/lab-orders/</c> → laborder.</summary>
    public static string ParameterKind(ApiOperation op, OperationParameter parameter)
    {
        if (!parameter.Name.Equals("id", StringComparison.OrdinalIgnoreCase))
        {
            return Kind(parameter.Name);
        }

        var segments = op.PathTemplate.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var at = Array.IndexOf(segments, "{" + parameter.Name + "}");
        return at > 0 ? Kind(segments[at - 1]) : "id";
    }

    public static bool IsGuid(OperationParameter parameter) => OpenApiOperations.FormatOf(parameter.Schema) == "uuid";

    /// <summary>Files, feeds and the FHIR API answer other shapes, and signing out or enrolling a key would change the reader.</summary>
    private static bool Skipped(ApiOperation op) =>
        op.PathTemplate.StartsWith("/api/v1/fhir", StringComparison.Ordinal) || op.PathTemplate.Contains("/mfa/", StringComparison.Ordinal)
        || op.PathTemplate.EndsWith("/mfa/enrolment", StringComparison.Ordinal);

    /// <summary>The operation's URL with its path parameters from <paramref name="value"/> (a sample where it gives null) and its required query parameters sampled.</summary>
    public string Url(ApiOperation op, Func<OperationParameter, string?> value)
    {
        var path = op.PathTemplate;
        foreach (var p in op.Parameters.Where(p => p.In == "path"))
        {
            path = path.Replace("{" + p.Name + "}", Uri.EscapeDataString(value(p) ?? SampleText(p)), StringComparison.Ordinal);
        }

        var query = op.Parameters.Where(p => p.In == "query" && p.Required).Select(p => $"{p.Name}={Uri.EscapeDataString(SampleText(p))}").ToList();
        return query.Count == 0 ? path : $"{path}?{string.Join('&', query)}";
    }

    private string SampleText(OperationParameter parameter)
    {
        var sample = openApi.Sample(parameter.Schema);
        return sample is null ? "x" : sample.GetValueKind() == JsonValueKind.String ? sample.GetValue<string>() : sample.ToJsonString();
    }

    private static async Task ReadAsync(ApiClient client, string url, Found found)
    {
        using var response = await client.GetAsync(url);
        if (!response.IsSuccessStatusCode || response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) != true)
        {
            return;
        }

        var text = await response.Content.ReadAsStringAsync();
        found.Answers[url] = text;
        try
        {
            using var json = JsonDocument.Parse(text);
            var path = url.Split('?')[0];
            var lastStatic = path.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(s => !Guid.TryParse(s, out _)) ?? "";
            Walk(json.RootElement, null, lastStatic, found);
        }
        catch (JsonException)
        {
            // Not JSON after all: nothing to harvest.
        }
    }

    private static void Walk(JsonElement element, string? key, string source, Found found)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name.Equals("id", StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.String && Guid.TryParse(property.Value.GetString(), out var own))
                    {
                        // An object's own id: of the kind its member name says ("doctor": {"id"}), or, for an item of a list, of the list's route.
                        found.Add(own, key is null or "items" or "results" or "entries" or "data" ? Kind(source) : Kind(key));
                    }
                    else
                    {
                        Walk(property.Value, property.Name, source, found);
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, key, source, found);
                }

                break;
            case JsonValueKind.String:
                var text = element.GetString()!;
                if (Guid.TryParse(text, out var id))
                {
                    found.Add(id, key is null ? Kind(source) : Kind(key));
                }
                else if (text.Length < 500)
                {
                    // Links name their record by the route segment before it: "/doctor/lab-results/{id}".
                    foreach (Match link in LinkedId().Matches(text))
                    {
                        found.Add(Guid.Parse(link.Groups[2].Value), Kind(link.Groups[1].Value));
                    }
                }

                break;
        }
    }

    /// <summary>A name reduced to its kind: lower case, no separators, no <c>Id</c>/<c>Ids</c> suffix, singular.</summary>
    public static string Kind(string name)
    {
        var kind = name.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();
        if (kind.Length > 3 && kind.EndsWith("ids", StringComparison.Ordinal))
        {
            kind = kind[..^3];
        }
        else if (kind.Length > 2 && kind.EndsWith("id", StringComparison.Ordinal))
        {
            kind = kind[..^2];
        }

        return kind.EndsWith("ies", StringComparison.Ordinal) ? kind[..^3] + "y"
            : kind.EndsWith('s') && !kind.EndsWith("ss", StringComparison.Ordinal) ? kind[..^1]
            : kind;
    }

    [GeneratedRegex("/([a-z][a-z-]*)/([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})")]
    private static partial Regex LinkedId();
}
