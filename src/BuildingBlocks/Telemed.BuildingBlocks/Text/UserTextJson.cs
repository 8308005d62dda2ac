using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Telemed.BuildingBlocks.Text;

/// <summary>
/// <see cref="UserText"/>'s rule, host-wide, for every JSON body and hub argument object: a System.Text.Json type-info modifier that,
/// after an object of Telemed's own types is read, checks its text members (strings, lists of strings, string dictionaries' keys and
/// values; nested objects check themselves) and throws <see cref="InvalidTextException"/>. Members named as one line
/// (<see cref="UserText.IsSingleLineName"/>) refuse line breaks and tabs too; passwords are left alone (<see cref="UserText.IsExemptName"/>).
/// It changes no converter, so the OpenAPI document and every answer are written as before.
/// </summary>
public static class UserTextJson
{
    private enum Shape { Text, List, Dictionary }

    private sealed record Member(string JsonName, Func<object, object?> Get, Shape Shape, bool SingleLine);

    public static void Apply(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object || type.Type.Namespace?.StartsWith("Telemed.", StringComparison.Ordinal) != true)
        {
            return;
        }

        var members = new List<Member>();
        foreach (var property in type.Properties)
        {
            var clrName = (property.AttributeProvider as MemberInfo)?.Name ?? property.Name;
            if (property.Get is null || UserText.IsExemptName(clrName) || ShapeOf(property.PropertyType) is not { } shape)
            {
                continue;
            }

            members.Add(new Member(property.Name, property.Get, shape, UserText.IsSingleLineName(clrName)));
        }

        if (members.Count == 0)
        {
            return;
        }

        var checks = members.ToArray();
        var previous = type.OnDeserialized;
        type.OnDeserialized = value =>
        {
            Check(value, checks);
            previous?.Invoke(value);
        };
    }

    private static Shape? ShapeOf(Type type)
    {
        if (type == typeof(string))
        {
            return Shape.Text;
        }

        if (typeof(IEnumerable<KeyValuePair<string, string>>).IsAssignableFrom(type))
        {
            return Shape.Dictionary;
        }

        return typeof(IEnumerable<string>).IsAssignableFrom(type) ? Shape.List : null;
    }

    private static void Check(object value, Member[] members)
    {
        foreach (var member in members)
        {
            switch (member.Shape, member.Get(value))
            {
                case (Shape.Text, string text):
                    Throw(UserText.Check(text, member.SingleLine), member.JsonName);
                    break;
                case (Shape.List, IEnumerable<string?> items):
                    var index = 0;
                    foreach (var item in items)
                    {
                        Throw(item is null ? null : UserText.Check(item, member.SingleLine), $"{member.JsonName}[{index}]");
                        index++;
                    }

                    break;
                case (Shape.Dictionary, IEnumerable entries):
                    foreach (var (key, text) in Entries(entries))
                    {
                        Throw(UserText.Check(key, singleLine: true), $"{member.JsonName}.{key}");
                        Throw(text is null ? null : UserText.Check(text, member.SingleLine), $"{member.JsonName}.{key}");
                    }

                    break;
            }
        }
    }

    private static IEnumerable<(string Key, string? Value)> Entries(IEnumerable entries)
    {
        foreach (var entry in entries)
        {
            switch (entry)
            {
                case KeyValuePair<string, string?> pair:
                    yield return (pair.Key, pair.Value);
                    break;
            }
        }
    }

    private static void Throw(TextProblem? problem, string member)
    {
        if (problem is { } found)
        {
            throw new InvalidTextException(member, found);
        }
    }

    /// <summary>
    /// The text refusal <paramref name="exception"/> is or wraps: an <see cref="InvalidTextException"/> from the rule, or text that
    /// System.Text.Json's reader refused before it became a string, so before the rule could run: an escaped lone surrogate
    /// (<c>"\ud800"</c>, which is how <c>JSON.stringify</c> writes one), a high surrogate escape without its low half, or bytes that are
    /// not UTF-8. The reader throws an InvalidOperationException that the serializer wraps in a JsonException carrying the member's
    /// path; read as an unreadable body, it was answered 400 <c>request.invalid</c> while the same character unescaped got
    /// <c>request.invalid_characters</c>. Null when the exception is neither.
    /// </summary>
    public static InvalidTextException? RefusalIn(Exception exception)
    {
        string? path = null;
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case InvalidTextException text:
                    return text;
                case JsonException json:
                    path ??= json.Path;
                    break;
                case InvalidOperationException invalid when UnreadableText(invalid) is { } problem:
                    return new InvalidTextException("", problem, string.IsNullOrEmpty(path) ? "$" : path);
            }
        }

        return null;
    }

    // System.Text.Json's ThrowHelper marks the reader's exceptions that the serializer rethrows with a path by this Source; the
    // throwing helper's name (ThrowInvalidOperationException_ReadInvalidUTF16, _ReadIncompleteUTF16) or the decoder's exception inside
    // (bytes that are not UTF-8) tells which fault it is whatever language the message is in. The message gives the surrogate's value ("… '0xDC00'.") when it has one (not for
    // a high half with no escape after it); otherwise the code point is left unknown (-1) rather than guessed.
    private static TextProblem? UnreadableText(InvalidOperationException exception)
    {
        if (exception.Source != "System.Text.Json.Rethrowable")
        {
            return null;
        }

        var site = exception.TargetSite?.Name ?? "";
        if (site.Contains("UTF16", StringComparison.Ordinal))
        {
            var hex = System.Text.RegularExpressions.Regex.Match(exception.Message, @"0x(D[89A-F][0-9A-F]{2})\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
            return new TextProblem(TextFault.UnpairedSurrogate, -1,
                hex.Success ? int.Parse(hex.Groups[1].Value, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture) : -1);
        }

        // Bytes that are not UTF-8 fail while transcoding: the decoder's own exception is the inner one.
        return site.Contains("UTF8", StringComparison.Ordinal) || exception.InnerException is System.Text.DecoderFallbackException
            ? new TextProblem(TextFault.InvalidUtf8, -1, -1) : null;
    }

    /// <summary>
    /// The first refused text anywhere in a JSON document (every string value and member name), for bodies read by another parser
    /// (a FHIR Bundle through the Firely SDK); null when all is well or the JSON cannot be read (the parser then refuses it).
    /// </summary>
    public static (string Path, TextProblem Problem)? FindInDocument(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 });
            return Find(document.RootElement, "$");
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            // A member name with an escaped lone surrogate.
            return ("$", new TextProblem(TextFault.UnpairedSurrogate, -1, -1));
        }
    }

    private static (string Path, TextProblem Problem)? Find(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return Text(element, path);
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (Find(item, $"{path}[{index++}]") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var at = $"{path}.{property.Name}";
                    if (UserText.Check(property.Name, singleLine: true) is { } badName)
                    {
                        return (at, badName);
                    }

                    if (Find(property.Value, at) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static (string Path, TextProblem Problem)? Text(JsonElement element, string path)
    {
        string text;
        try
        {
            text = element.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate ("\ud800") cannot become a .NET string.
            return (path, new TextProblem(TextFault.UnpairedSurrogate, -1, -1));
        }

        return UserText.Check(text, singleLine: false) is { } problem ? (path, problem) : null;
    }
}
