using System.Text;
using System.Text.RegularExpressions;

namespace Telemed.UnitTests.Text;

/// <summary>
/// Reads the English messages the server's source writes as C# string literals, as <c>ValidationMessagesRu</c>'s catalogue keys
/// them: interpolation holes and numbers become <c>{0}</c>, <c>{1}</c>… in order of appearance, as <c>ValidationMessagesRu.Key</c>
/// does for the message the reader would get.
/// </summary>
internal static partial class SourceLiterals
{
    /// <summary>Each <c>WithMessage("…")</c> or <c>WithMessage($"…")</c> literal of <paramref name="source"/>, as a key.</summary>
    public static IEnumerable<string> WithMessageTexts(string source) => LiteralsAfter(WithMessageCall(), source);

    /// <summary>
    /// Each literal message of a field dictionary built by hand (<c>["field"] = ["…"]</c> or <c>[$"…"]</c>, in an initialiser or
    /// an assignment), as a key, in a file that builds <c>Dictionary&lt;string, string[]&gt;</c> field errors.
    /// </summary>
    public static IEnumerable<string> FieldDictionaryTexts(string source) =>
        source.Contains("ValidationFailed(", StringComparison.Ordinal) || source.Contains("Dictionary<string, string[]>", StringComparison.Ordinal)
            ? LiteralsAfter(FieldEntry(), source)
            : [];

    private static IEnumerable<string> LiteralsAfter(Regex opening, string source)
    {
        foreach (Match call in opening.Matches(source))
        {
            var at = call.Index + call.Length;
            var interpolated = source[at] == '$';
            if (interpolated) at++;
            var verbatim = source[at] == '@';
            if (verbatim) at++;
            if (source[at] != '"') continue; // a message from a constant or an Error's Message: not a literal
            yield return Normalise(ReadLiteral(source, at + 1, interpolated, verbatim));
        }
    }

    // Reads a C# string literal's text from just after its opening quote; an interpolation hole becomes '\u0001'.
    private static string ReadLiteral(string source, int at, bool interpolated, bool verbatim)
    {
        var text = new StringBuilder();
        for (var i = at; i < source.Length; i++)
        {
            var c = source[i];
            if (verbatim && c == '"' && i + 1 < source.Length && source[i + 1] == '"') { text.Append('"'); i++; continue; }
            if (c == '"') return text.ToString();
            if (!verbatim && c == '\\') { text.Append(source[++i] switch { 'n' => '\n', 't' => '\t', var e => e }); continue; }
            if (interpolated && (c is '{' or '}') && i + 1 < source.Length && source[i + 1] == c) { text.Append(c); i++; continue; }
            if (interpolated && c == '{') { i = SkipHole(source, i); text.Append('\u0001'); continue; }
            text.Append(c);
        }

        throw new InvalidOperationException("An unterminated string literal.");
    }

    // From a hole's '{' to its matching '}', stepping over nested braces and string or character literals inside the hole.
    private static int SkipHole(string source, int open)
    {
        var depth = 0;
        for (var i = open; i < source.Length; i++)
        {
            switch (source[i])
            {
                case '{': depth++; break;
                case '}': if (--depth == 0) return i; break;
                case '"': i = source.IndexOf('"', i + 1); break;
                case '\'': i = source.IndexOf('\'', i + 2); break;
            }
        }

        throw new InvalidOperationException("An unterminated interpolation hole.");
    }

    private static string Normalise(string literal)
    {
        var index = 0;
        return HoleOrNumber().Replace(literal, _ => "{" + index++ + "}");
    }

    [GeneratedRegex(@"\.WithMessage\(\s*")]
    private static partial Regex WithMessageCall();

    // ["field"] = [ — the field name a plain literal, the value a collection expression whose first element is read.
    [GeneratedRegex(@"\[\s*""[^""\r\n]*""\s*\]\s*=\s*\[\s*")]
    private static partial Regex FieldEntry();

    [GeneratedRegex(@"\u0001|\d+")]
    private static partial Regex HoleOrNumber();
}
