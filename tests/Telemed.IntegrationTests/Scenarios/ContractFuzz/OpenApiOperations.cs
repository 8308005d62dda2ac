using System.Text.Json;
using System.Text.Json.Nodes;

namespace Telemed.IntegrationTests.Scenarios.ContractFuzz;

/// <summary>A parameter of an operation: where it goes (<c>path</c> or <c>query</c>), its name and its resolved schema.</summary>
public sealed record OperationParameter(string Name, string In, bool Required, JsonElement Schema);

/// <summary>One operation of the OpenAPI document, with its JSON request body schema if it declares one.</summary>
public sealed record ApiOperation(string Method, string PathTemplate, string Id, IReadOnlyList<OperationParameter> Parameters, JsonElement? JsonBody, bool MultipartBody)
{
    public override string ToString() => $"{Method} {PathTemplate}";
}

/// <summary>Reads the operations out of the host's own OpenAPI document and builds a plausible sample value from a schema.</summary>
public sealed class OpenApiOperations(JsonElement document)
{
    /// <summary>A GUID that names nothing in the database, so no fuzz request touches real records through its route.</summary>
    public static readonly Guid UnknownId = Guid.Parse("3f2504e0-4f89-41d3-9a0c-0305e82c3301");

    public IReadOnlyList<ApiOperation> All()
    {
        var operations = new List<ApiOperation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            var shared = path.Value.TryGetProperty("parameters", out var p) ? p.EnumerateArray().ToList() : [];
            foreach (var method in path.Value.EnumerateObject().Where(m => m.Name is "get" or "post" or "put" or "delete" or "patch"))
            {
                var parameters = shared.Concat(method.Value.TryGetProperty("parameters", out var own) ? own.EnumerateArray() : [])
                    .Select(Resolve)
                    .Select(x => new OperationParameter(x.GetProperty("name").GetString()!, x.GetProperty("in").GetString()!,
                        x.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.True, x.TryGetProperty("schema", out var s) ? Resolve(s) : default))
                    .Where(x => x.In is "path" or "query")
                    .ToList();
                JsonElement? json = null;
                var multipart = false;
                if (method.Value.TryGetProperty("requestBody", out var body) && Resolve(body).TryGetProperty("content", out var content))
                {
                    foreach (var media in content.EnumerateObject())
                    {
                        if (media.Name.Contains("json", StringComparison.Ordinal) && media.Value.TryGetProperty("schema", out var schema))
                        {
                            json = Resolve(schema);
                        }

                        multipart |= media.Name.StartsWith("multipart/", StringComparison.Ordinal);
                    }
                }

                var id = method.Value.TryGetProperty("operationId", out var opId) ? opId.GetString()! : $"{method.Name.ToUpperInvariant()} {path.Name}";
                operations.Add(new ApiOperation(method.Name.ToUpperInvariant(), path.Name, id, parameters, json, multipart));
            }
        }

        return operations;
    }

    /// <summary>Follows <c>$ref</c> (local references only) until it reaches a concrete schema.</summary>
    public JsonElement Resolve(JsonElement element)
    {
        for (var hops = 0; hops < 20 && element.ValueKind == JsonValueKind.Object && element.TryGetProperty("$ref", out var reference); hops++)
        {
            var target = document;
            foreach (var part in reference.GetString()!.TrimStart('#', '/').Split('/'))
            {
                target = target.GetProperty(part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
            }

            element = target;
        }

        return element;
    }

    /// <summary>The schema's type, ignoring <c>null</c> (3.1 writes nullable members as <c>["null","string"]</c>); <c>anyOf</c>/<c>oneOf</c> take their first non-null branch.</summary>
    public (string? Type, JsonElement Schema) TypeOf(JsonElement schema)
    {
        schema = Resolve(schema);
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return (null, schema);
        }

        foreach (var combinator in new[] { "anyOf", "oneOf", "allOf" })
        {
            if (schema.TryGetProperty(combinator, out var branches))
            {
                foreach (var branch in branches.EnumerateArray())
                {
                    var (type, resolved) = TypeOf(branch);
                    if (type is not null and not "null")
                    {
                        return (type, resolved);
                    }
                }
            }
        }

        if (schema.TryGetProperty("enum", out _))
        {
            return ("enum", schema);
        }

        if (schema.TryGetProperty("type", out var t))
        {
            if (t.ValueKind == JsonValueKind.String)
            {
                return (t.GetString(), schema);
            }

            var types = t.EnumerateArray().Select(x => x.GetString()).Where(x => x != "null").ToList();
            // Numbers are also accepted as strings by the web JSON defaults (["integer","string"]): the number is the real type.
            return (types.FirstOrDefault(x => x is "integer" or "number") ?? types.FirstOrDefault(), schema);
        }

        return (schema.TryGetProperty("properties", out _) ? "object" : null, schema);
    }

    public static string? FormatOf(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("format", out var f) ? f.GetString() : null;

    public IEnumerable<(string Name, JsonElement Schema)> PropertiesOf(JsonElement schema)
    {
        var (_, resolved) = TypeOf(schema);
        return resolved.ValueKind == JsonValueKind.Object && resolved.TryGetProperty("properties", out var properties)
            ? properties.EnumerateObject().Select(p => (p.Name, p.Value))
            : [];
    }

    /// <summary>A value that fits the schema's shape (not necessarily its business rules): the base every malformed variant changes one thing of.</summary>
    public JsonNode? Sample(JsonElement schema, int depth = 0)
    {
        var (type, resolved) = TypeOf(schema);
        if (depth > 6)
        {
            return null;
        }

        switch (type)
        {
            case "enum":
                var first = resolved.GetProperty("enum").EnumerateArray().FirstOrDefault(v => v.ValueKind != JsonValueKind.Null);
                return first.ValueKind == JsonValueKind.Undefined ? null : JsonNode.Parse(first.GetRawText());
            case "object":
                var obj = new JsonObject();
                foreach (var (name, property) in PropertiesOf(resolved))
                {
                    obj[name] = Sample(property, depth + 1);
                }

                return obj;
            case "array":
                return resolved.TryGetProperty("items", out var items) ? new JsonArray(Sample(items, depth + 1)) : new JsonArray();
            case "integer":
                return JsonValue.Create(1);
            case "number":
                return JsonValue.Create(1.5);
            case "boolean":
                return JsonValue.Create(true);
            case "string":
                return JsonValue.Create(FormatOf(resolved) switch
                {
                    "uuid" => UnknownId.ToString(),
                    "date" => "2026-06-15",
                    "date-time" => "2026-06-15T10:00:00Z",
                    "time" => "10:00:00",
                    "email" => "fuzz@example.invalid",
                    _ => "fuzz",
                });
            default:
                return JsonValue.Create("fuzz");
        }
    }
}
