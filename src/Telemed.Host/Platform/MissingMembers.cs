using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Telemed.Host.Platform;

/// <summary>
/// The members a request body left out although the contract requires them (<see cref="RequiredValues"/>, <c>[JsonRequired]</c>),
/// read from the <see cref="JsonException"/> System.Text.Json throws for them, so the 400 can name them (<c>errors</c>, as
/// <c>validation.failed</c> does) and a form can point at the field. The names are the contract's JSON names, never a value the
/// client sent. System.Text.Json gives the names only in its message (<c>… was missing required properties including: 'a', 'b'.</c>),
/// and stops listing after about 60 characters (three or four names); so where the body could be kept
/// (<see cref="RewindableJsonBody"/>) every missing one is found by reading the object it names against the type's required members.
/// When that wording is not found the answer stays the plain <c>request.invalid</c>.
/// </summary>
internal static partial class MissingMembers
{
    /// <summary>The missing members' JSON names as System.Text.Json's message lists them (possibly cut), or empty when <paramref name="exception"/> is not about missing members.</summary>
    public static IReadOnlyList<string> Of(Exception exception) =>
        Listed(exception) is { } listed ? [.. Name().Matches(listed.Listing).Select(m => m.Groups[1].Value).Where(IsMemberName).Distinct(StringComparer.Ordinal)] : [];

    /// <summary>
    /// Every missing member's JSON name: <see cref="Of(Exception)"/>, completed from the request body when it can be read again
    /// (the object at the exception's path, against the named type's required members); the message's list when it cannot.
    /// </summary>
    public static async Task<IReadOnlyList<string>> OfAsync(Exception exception, HttpContext context)
    {
        var named = Of(exception);
        if (named.Count == 0)
        {
            return named;
        }

        try
        {
            var all = await FromBodyAsync(Listed(exception)!.Value, context);
            // Only an answer that agrees with what System.Text.Json named is taken: anything else falls back to its list.
            return all is not null && named.All(all.Contains) ? all : named;
        }
        catch (Exception e) when (e is JsonException or IOException or InvalidOperationException or NotSupportedException or ArgumentException)
        {
            return named;
        }
    }

    private static (string TypeName, string Listing, string? Path)? Listed(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is JsonException { Message: { } message } json && Listing().Match(message) is { Success: true } listing)
            {
                return (listing.Groups[1].Value, listing.Groups[2].Value, json.Path);
            }
        }

        return null;
    }

    private static async Task<List<string>?> FromBodyAsync((string TypeName, string Listing, string? Path) listed, HttpContext context)
    {
        var body = context.Request.Body;
        if (!body.CanSeek || listed.Path is null || TypeNamed(listed.TypeName) is not { } type)
        {
            return null;
        }

        var options = context.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var required = options.GetTypeInfo(type).Properties.Where(p => p.IsRequired).Select(p => p.Name).ToList();
        body.Position = 0;
        using var document = await JsonDocument.ParseAsync(body, new JsonDocumentOptions { MaxDepth = options.MaxDepth == 0 ? 64 : options.MaxDepth },
            context.RequestAborted);
        // The path names the object, or (depending on where the reader stood) its last member: then the object is one step up.
        if ((At(document.RootElement, listed.Path, dropLast: false) is { ValueKind: JsonValueKind.Object } whole ? whole
            : At(document.RootElement, listed.Path, dropLast: true)) is not { ValueKind: JsonValueKind.Object } node)
        {
            return null;
        }

        var comparison = options.PropertyNameCaseInsensitive ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        var present = node.EnumerateObject().Select(p => p.Name).ToHashSet(comparison);
        return [.. required.Where(r => !present.Contains(r)).Where(IsMemberName).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Telemed's type of that full name (nested types with <c>+</c>), or null.</summary>
    private static Type? TypeNamed(string fullName) =>
        AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => a.GetName().Name?.StartsWith("Telemed.", StringComparison.Ordinal) == true)
            .Select(a => a.GetType(fullName, throwOnError: false))
            .FirstOrDefault(t => t is not null);

    /// <summary>The element at a System.Text.Json path (<c>$</c>, <c>$.diagnoses[0]</c>, <c>$['odd name']</c>), or null when the path is another shape.</summary>
    private static JsonElement? At(JsonElement root, string path, bool dropLast)
    {
        if (!path.StartsWith('$'))
        {
            return null;
        }

        var steps = Step().Matches(path[1..]);
        // The steps must cover the whole path: anything the pattern skipped is a shape this reader does not know.
        if (string.Concat(steps.Select(m => m.Value)) != path[1..] || (dropLast && steps.Count == 0))
        {
            return null;
        }

        var node = root;
        foreach (var step in steps.Take(dropLast ? steps.Count - 1 : steps.Count))
        {
            if (step.Groups["index"].Success)
            {
                var index = int.Parse(step.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture);
                if (node.ValueKind != JsonValueKind.Array || index >= node.GetArrayLength()) return null;
                node = node[index];
            }
            else
            {
                var name = step.Groups["name"].Success ? step.Groups["name"].Value : step.Groups["quoted"].Value;
                if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(name, out var child)) return null;
                node = child;
            }
        }

        return node;
    }

    // A JSON name of our contracts: camelCase letters and digits. Anything else is not reported.
    private static bool IsMemberName(string name) => name.Length is > 0 and <= 64 && name.All(char.IsAsciiLetterOrDigit);

    [GeneratedRegex(@"for type '([^']+)' was missing required properties including: (.+)$", RegexOptions.Singleline)]
    private static partial Regex Listing();

    [GeneratedRegex(@"'([^']*)'")]
    private static partial Regex Name();

    [GeneratedRegex(@"\.(?<name>[A-Za-z0-9_$]+)|\[(?<index>[0-9]{1,9})\]|\['(?<quoted>[^']*)'\]")]
    private static partial Regex Step();
}
