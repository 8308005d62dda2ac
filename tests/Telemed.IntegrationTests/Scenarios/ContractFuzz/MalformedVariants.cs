using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Telemed.IntegrationTests.Scenarios.ContractFuzz;

/// <summary>One malformed request: what was changed, and how to build it (content can be sent only once, so it is a factory).</summary>
public sealed record FuzzRequest(ApiOperation Operation, string Variant, HttpMethod Method, string Url, Func<HttpContent?> Content)
{
    /// <summary>Variants every caller gets: the ones that found 500s before (empty object, null or missing members).</summary>
    public bool Essential { get; init; }

    public override string ToString() => $"{Operation} [{Variant}]";
}

/// <summary>
/// Derives malformed requests from an operation's schema: each member null, missing or of the wrong type;
/// extreme, impossible and DST-gap dates; huge strings; deep nesting; unknown enum values; control
/// characters and lone surrogates; wrong content types; multipart without or with the wrong boundary;
/// non-GUID and very long route ids; unreadable query values.
/// </summary>
/// <remarks>
/// <paramref name="knownIds"/> (parameter name → an id that exists, e.g. <c>clinicId</c>, <c>doctorId</c>): a read's query values
/// are sent a second time with those ids in its route and query. With unknown ids only, a read answered 404 before it looked at
/// its query, so a clinic's day with <c>date=0001-01-01</c> answered 500 for a real clinic and the fuzz never saw it.
/// </remarks>
public sealed class MalformedVariants(OpenApiOperations openApi, IReadOnlyDictionary<string, string>? knownIds = null)
{
    /// <summary>Put into every string the fuzz sends, so a test can prove no log line quotes a request value.</summary>
    public const string Marker = "FUZZMARK";

    /// <summary>The variant that puts a right-to-left override into a text member: it must never be answered 2xx.</summary>
    public const string RefusedTextVariant = "bidi-override";

    private const string LoneSurrogateToken = "@@LONE_SURROGATE@@";
    private const string DeepNestingToken = "@@DEEP_NESTING@@";
    private static readonly string Deep = new string('[', 10_000) + new string(']', 10_000);
    private static readonly string Huge = Marker + new string('x', 100_000);

    public IEnumerable<FuzzRequest> For(ApiOperation op)
    {
        var method = new HttpMethod(op.Method);
        var baseRoute = op.Parameters.Where(p => p.In == "path").ToDictionary(p => p.Name, p => SampleParameter(p));
        var baseQuery = op.Parameters.Where(p => p.In == "query" && IsRequired(p)).ToDictionary(p => p.Name, p => SampleParameter(p));
        var baseBody = op.JsonBody is { } schema ? openApi.Sample(schema) : null;
        var baseJson = baseBody?.ToJsonString() ?? "{}";
        string Url(IReadOnlyDictionary<string, string> route, IEnumerable<KeyValuePair<string, string>> query) => BuildUrl(op.PathTemplate, route, query);
        var url = Url(baseRoute, baseQuery);
        var hasBody = op.Method is "POST" or "PUT" or "PATCH";
        HttpContent? BaseContent() => hasBody ? Json(baseJson) : null;

        yield return new FuzzRequest(op, "base", method, url, BaseContent) { Essential = true };

        // Route values: not a GUID, very long, control characters, traversal.
        foreach (var p in op.Parameters.Where(p => p.In == "path"))
        {
            foreach (var (name, value) in new[]
            {
                ("not-a-guid", "not-a-guid"), ("5000-chars", Marker + new string('a', 4_992)), ("nul-byte", "%00" + Marker), ("traversal", "..%2F..%2F" + Marker),
                ("lone-surrogate", "%ED%A0%80" + Marker), ("empty-guid", Guid.Empty.ToString()),
            })
            {
                var route = new Dictionary<string, string>(baseRoute) { [p.Name] = value };
                yield return new FuzzRequest(op, $"route {p.Name}={name}", method, Url(route, baseQuery), BaseContent) { Essential = name == "not-a-guid" };
            }
        }

        // Query values: wrong types, extremes, impossible and DST-gap dates, unknown zones, control characters, repeats.
        foreach (var p in op.Parameters.Where(p => p.In == "query"))
        {
            foreach (var (name, value) in QueryValues(p))
            {
                var query = new Dictionary<string, string>(baseQuery) { [p.Name] = value };
                yield return new FuzzRequest(op, $"query {p.Name}={name}", method, Url(baseRoute, query), BaseContent);
            }

            var repeated = baseQuery.Where(kv => kv.Key != p.Name).Append(new(p.Name, SampleParameter(p))).Append(new(p.Name, SampleParameter(p)));
            yield return new FuzzRequest(op, $"query {p.Name} twice", method, Url(baseRoute, repeated), BaseContent);
        }

        // The same query values again where the route and required query name things that exist, so the read gets past its 404.
        if (op.Method == "GET" && knownIds is not null)
        {
            var knownRoute = baseRoute.ToDictionary(kv => kv.Key, kv => knownIds.GetValueOrDefault(kv.Key, kv.Value));
            var knownQuery = baseQuery.ToDictionary(kv => kv.Key, kv => knownIds.GetValueOrDefault(kv.Key, kv.Value));
            if (!knownRoute.SequenceEqual(baseRoute) || !knownQuery.SequenceEqual(baseQuery))
            {
                foreach (var p in op.Parameters.Where(p => p.In == "query" && !knownIds.ContainsKey(p.Name)))
                {
                    foreach (var (name, value) in QueryValues(p))
                    {
                        var query = new Dictionary<string, string>(knownQuery) { [p.Name] = value };
                        yield return new FuzzRequest(op, $"query {p.Name}={name} (known ids)", method, Url(knownRoute, query), BaseContent) { Essential = true };
                    }
                }
            }
        }

        if (!hasBody)
        {
            yield break;
        }

        // Whole-body variants, for every operation that takes a body (declared or read by hand, like uploads).
        foreach (var (name, content, essential) in WholeBodies(baseJson))
        {
            yield return new FuzzRequest(op, $"body {name}", method, url, content) { Essential = essential };
        }

        if (baseBody is not JsonObject)
        {
            yield break;
        }

        // Member variants: one member changed at a time, the rest as in the base body.
        foreach (var (path, memberSchema) in MemberPaths(op.JsonBody!.Value))
        {
            var label = string.Join('.', path.Select(s => s is int i ? $"[{i}]" : s.ToString()));
            foreach (var (name, change, essential) in MemberChanges(memberSchema, path[^1] is int))
            {
                var body = baseBody.DeepClone();
                if (!Apply(body, path, change))
                {
                    continue;
                }

                var json = body.ToJsonString()
                    .Replace($"\"{LoneSurrogateToken}\"", $"\"\\ud800{Marker}\"", StringComparison.Ordinal)
                    .Replace($"\"{DeepNestingToken}\"", Deep, StringComparison.Ordinal);
                yield return new FuzzRequest(op, $"member {label} {name}", method, url, () => Json(json)) { Essential = essential };
            }
        }
    }

    private static bool IsRequired(OperationParameter p) => p.Required || p.In == "path";

    private string SampleParameter(OperationParameter p)
    {
        if (p.Name.Contains("timeZone", StringComparison.OrdinalIgnoreCase))
        {
            return "Europe/Berlin";
        }

        var sample = p.Schema.ValueKind == JsonValueKind.Undefined ? null : openApi.Sample(p.Schema);
        return sample switch
        {
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonValue v => v.ToJsonString(),
            _ => OpenApiOperations.UnknownId.ToString(),
        };
    }

    private IEnumerable<(string Name, string Value)> QueryValues(OperationParameter p)
    {
        var (type, schema) = p.Schema.ValueKind == JsonValueKind.Undefined ? ("string", p.Schema) : openApi.TypeOf(p.Schema);
        var format = OpenApiOperations.FormatOf(schema);
        yield return ("empty", "");
        yield return ("long", Marker + new string('q', 3_000));
        yield return ("control-chars", "%00%07%1B" + Marker);
        yield return ("invalid-utf8", "%ED%A0%80%FF" + Marker);
        if (p.Name.Contains("timeZone", StringComparison.OrdinalIgnoreCase))
        {
            yield return ("unknown-zone", "Mars%2FOlympus_Mons");
            yield return ("posix-zone", "EST5EDT%2C" + Marker);
        }

        switch (type, format)
        {
            case ("integer", _) or ("number", _):
                yield return ("not-a-number", Marker);
                yield return ("overflow", "99999999999999999999");
                yield return ("negative", "-2147483648");
                yield return ("fraction", "1.5");
                break;
            case (_, "date"):
                yield return ("year-1", "0001-01-01");
                yield return ("year-9999", "9999-12-31");
                yield return ("feb-30", "2026-02-30");
                yield return ("not-a-date", Marker);
                break;
            case (_, "date-time"):
                yield return ("year-1", "0001-01-01T00:00:00Z");
                yield return ("year-9999", "9999-12-31T23:59:59Z");
                yield return ("feb-30", "2026-02-30T10:00:00Z");
                yield return ("dst-gap", "2026-03-29T02:30:00");
                break;
            case (_, "uuid"):
                yield return ("not-a-guid", Marker);
                break;
            case ("boolean", _):
                yield return ("not-a-bool", "maybe");
                break;
            case ("enum", _):
                yield return ("unknown-enum", "noSuchValue");
                yield return ("enum-number", "999");
                break;
        }
    }

    private static IEnumerable<(string Name, Func<HttpContent?> Content, bool Essential)> WholeBodies(string baseJson)
    {
        yield return ("{}", () => Json("{}"), true);
        yield return ("null", () => Json("null"), true);
        yield return ("empty", () => Json(""), true);
        yield return ("array", () => Json("[]"), false);
        yield return ("number", () => Json("42"), false);
        yield return ("string", () => Json($"\"{Marker}\""), false);
        yield return ("truncated", () => Json(baseJson[..Math.Max(1, baseJson.Length / 2)]), false);
        yield return ("not-json", () => Json($"{Marker} this is not JSON"), false);
        yield return ("deep-arrays", () => Json(Deep), true);
        yield return ("deep-objects", () => Json(string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000)), false);
        yield return ("duplicate-members", () => Json("{\"a\":1,\"a\":2," + baseJson.TrimStart('{')), false);
        yield return ("text/plain", () => new StringContent(baseJson, Encoding.UTF8, "text/plain"), false);
        yield return ("xml", () => new StringContent($"<a>{Marker}</a>", Encoding.UTF8, "application/xml"), false);
        yield return ("form-urlencoded", () => new StringContent($"a={Marker}&b=%ZZ", Encoding.UTF8, "application/x-www-form-urlencoded"), false);
        yield return ("no-content-type", () => { var c = new ByteArrayContent(Encoding.UTF8.GetBytes(baseJson)); c.Headers.ContentType = null; return c; }, false);
        yield return ("unknown-charset", () => Raw(baseJson, "application/json; charset=klingon"), false);
        yield return ("utf16-label-utf8-body", () => Raw(baseJson, "application/json; charset=utf-16"), false);
        yield return ("multipart-no-boundary", () => Raw(Multipart("BBB"), "multipart/form-data"), true);
        yield return ("multipart-wrong-boundary", () => Raw(Multipart("BBB"), "multipart/form-data; boundary=AAA"), true);
        yield return ("multipart-truncated", () => Raw(Multipart("BBB")[..60], "multipart/form-data; boundary=BBB"), false);
        yield return ("multipart-huge-boundary", () => Raw(Multipart("BBB"), "multipart/form-data; boundary=" + new string('b', 200)), false);
        yield return ("multipart-no-file", () => Raw($"--BBB\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\n{Marker}\r\n--BBB--\r\n", "multipart/form-data; boundary=BBB"), false);
    }

    private static string Multipart(string boundary) =>
        $"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{Marker}.png\"\r\nContent-Type: image/png\r\n\r\n\u0089PNG{Marker}\r\n--{boundary}--\r\n";

    private IEnumerable<(object[] Path, JsonElement Schema)> MemberPaths(JsonElement schema, int depth = 0)
    {
        foreach (var (name, property) in openApi.PropertiesOf(schema))
        {
            yield return ([name], property);
            if (depth >= 1)
            {
                continue;
            }

            var (type, resolved) = openApi.TypeOf(property);
            if (type == "object")
            {
                foreach (var (path, inner) in MemberPaths(resolved, depth + 1))
                {
                    yield return ([name, .. path], inner);
                }
            }
            else if (type == "array" && resolved.TryGetProperty("items", out var items))
            {
                yield return ([name, 0], items);
                if (openApi.TypeOf(items).Type == "object")
                {
                    foreach (var (path, inner) in MemberPaths(items, depth + 1))
                    {
                        yield return ([name, 0, .. path], inner);
                    }
                }
            }
        }
    }

    /// <summary>A change to one member: <c>null</c> as the node means "set to null", a <see cref="Missing"/> removes it.</summary>
    private IEnumerable<(string Name, Func<JsonNode?, JsonNode?> Change, bool Essential)> MemberChanges(JsonElement schema, bool isArrayItem)
    {
        var (type, resolved) = openApi.TypeOf(schema);
        var format = OpenApiOperations.FormatOf(resolved);
        yield return ("null", _ => null, true);
        if (!isArrayItem)
        {
            yield return ("missing", _ => Missing.Node, true);
        }

        yield return ("deep-nesting", _ => JsonValue.Create(DeepNestingToken), false);
        switch (type)
        {
            case "string" or "enum":
                yield return ("wrong-type", _ => JsonValue.Create(12345), false);
                yield return ("object", _ => new JsonObject { ["a"] = Marker }, false);
                yield return ("huge", _ => JsonValue.Create(Huge), false);
                yield return ("control-chars", _ => JsonValue.Create("\u0000\u0007\u001b\u007f" + Marker), false);
                yield return ("lone-surrogate", _ => JsonValue.Create(LoneSurrogateToken), false);
                // Invisible controls others would read (docs/security.md, "Text users send"): never taken, whichever member carries them.
                yield return (RefusedTextVariant, _ => JsonValue.Create("\u202E" + Marker), false);
                yield return ("bom-and-c1", _ => JsonValue.Create("\uFEFF\u0085" + Marker), false);
                yield return ("blank", _ => JsonValue.Create("   "), false);
                break;
            case "integer" or "number":
                yield return ("wrong-type", _ => JsonValue.Create(Marker), false);
                yield return ("overflow", _ => JsonValue.Create(2147483648L), false);
                yield return ("negative", _ => JsonValue.Create(-2147483648L), false);
                yield return ("fraction", _ => JsonValue.Create(9.5), false);
                yield return ("huge-number", _ => JsonNode.Parse("1e400"), false);
                break;
            case "boolean":
                yield return ("wrong-type", _ => JsonValue.Create(Marker), false);
                break;
            case "array":
                yield return ("wrong-type", _ => new JsonObject { ["a"] = 1 }, false);
                yield return ("null-item", _ => new JsonArray((JsonNode?)null), true);
                var item = resolved.TryGetProperty("items", out var items) ? openApi.Sample(items) : null;
                if (item is JsonValue)
                {
                    yield return ("100k-duplicates", _ => new JsonArray(Enumerable.Range(0, 100_000).Select(_ => item.DeepClone()).ToArray()), false);
                }

                break;
            case "object":
                yield return ("wrong-type", _ => JsonValue.Create(Marker), false);
                yield return ("empty-object", _ => new JsonObject(), true);
                break;
        }

        switch (format)
        {
            case "date":
                yield return ("year-1", _ => JsonValue.Create("0001-01-01"), false);
                yield return ("year-9999", _ => JsonValue.Create("9999-12-31"), false);
                yield return ("feb-30", _ => JsonValue.Create("2026-02-30"), false);
                break;
            case "date-time":
                yield return ("year-1", _ => JsonValue.Create("0001-01-01T00:00:00Z"), false);
                yield return ("year-9999", _ => JsonValue.Create("9999-12-31T23:59:59Z"), false);
                yield return ("max-value", _ => JsonValue.Create("9999-12-31T23:59:59.9999999"), false);
                yield return ("feb-30", _ => JsonValue.Create("2026-02-30T10:00:00Z"), false);
                yield return ("dst-gap", _ => JsonValue.Create("2026-03-29T02:30:00"), false);
                break;
            case "uuid":
                yield return ("not-a-guid", _ => JsonValue.Create(Marker), false);
                yield return ("empty-guid", _ => JsonValue.Create(Guid.Empty.ToString()), false);
                break;
        }

        if (type == "enum")
        {
            yield return ("unknown-enum", _ => JsonValue.Create("noSuchValue"), false);
            yield return ("enum-number", _ => JsonValue.Create(999), false);
        }
    }

    private static bool Apply(JsonNode? root, object[] path, Func<JsonNode?, JsonNode?> change)
    {
        var parent = root;
        foreach (var segment in path[..^1])
        {
            parent = segment switch
            {
                string name when parent is JsonObject o => o[name],
                int index when parent is JsonArray a && a.Count > index => a[index],
                _ => null,
            };
            if (parent is null)
            {
                return false;
            }
        }

        switch (path[^1], parent)
        {
            case (string name, JsonObject o):
                var value = change(o[name]);
                if (ReferenceEquals(value, Missing.Node))
                {
                    o.Remove(name);
                }
                else
                {
                    o[name] = value;
                }

                return true;
            case (int index, JsonArray a) when a.Count > index:
                a[index] = change(a[index]);
                return true;
            default:
                return false;
        }
    }

    private static class Missing
    {
        public static readonly JsonNode Node = JsonValue.Create("@@MISSING@@");
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static ByteArrayContent Raw(string text, string contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    private static string BuildUrl(string template, IReadOnlyDictionary<string, string> route, IEnumerable<KeyValuePair<string, string>> query)
    {
        var path = route.Aggregate(template, (current, kv) => current.Replace("{" + kv.Key + "}", kv.Value, StringComparison.Ordinal));
        var pairs = query.Select(kv => $"{Uri.EscapeDataString(kv.Key)}={kv.Value}").ToList();
        return pairs.Count == 0 ? path : $"{path}?{string.Join('&', pairs)}";
    }
}
