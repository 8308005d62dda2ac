using System.Text;
using System.Text.RegularExpressions;
using Telemed.BuildingBlocks.Text;

namespace Telemed.BuildingBlocks.Http;

/// <summary>
/// Russian texts for the English field messages of <c>validation.failed</c> (the validators' <c>WithMessage</c> texts and the
/// field dictionaries endpoints build by hand, which the host translates as it writes the answer: <see cref="ProblemFieldMessages"/>),
/// keyed by the English text gettext-style, so a validator keeps one readable English sentence and a Russian-speaking reader still reads
/// Russian under the form's field (docs/localisation.md, "Texts the server writes for a reader"). Numbers in a message are
/// holes: "Up to 300 characters." is found as "Up to {0} characters." and its Russian text gets the 300 back, so messages
/// that interpolate a limit need one entry whatever the limit is. A message without an entry is left as it is: an untranslated
/// sentence is better than a failed request. A unit test (ValidationMessagesRuTests) guards that every <c>WithMessage</c>
/// literal in src, and every literal of a hand-built field dictionary, has an entry.
/// </summary>
public static partial class ValidationMessagesRu
{
    private static readonly Regex Number = NumberPattern();
    private static readonly Regex Hole = HolePattern();

    // Entries whose hole stands for text rather than a number (a FluentValidation {PropertyValue}, an interpolated list):
    // tried as patterns only when the number-normalised lookup finds nothing, so a plain message never matches one by accident.
    // Built on first use: the catalogue is a static field of another file of this partial class, whose initialisation order
    // relative to this file's fields C# does not define.
    private static (Regex English, string Russian)[]? _textPatterns;

    // A message can quote what the client sent ({PropertyValue}), so its length is the client's to choose; a lazy hole on a long
    // one may backtrack for long, and the patterns give up after this, as AuditReasons' do.
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(50);

    // Longer keys first: the more fixed text a pattern has, the more specific it is ("Use one of: {0}, or empty." before "Use one of {0}.").
    private static (Regex English, string Russian)[] TextPatterns => _textPatterns ??= Catalogue
        .Where(e => Hole.Matches(e.Key).Any(h => !IsNumberHole(h.Value)) || IsTextListEntry(e.Key))
        .OrderByDescending(e => e.Key.Length).ThenBy(e => e.Key, StringComparer.Ordinal)
        .Select(e => (new Regex("^" + Hole.Replace(Regex.Escape(e.Key).Replace(@"\{", "{"), h => $"(?<h{Slot(h.Value)}>.+?)") + "$", RegexOptions.CultureInvariant,
            MatchTimeout), e.Value))
        .ToArray();

    /// <summary>
    /// <paramref name="englishMessage"/> as <paramref name="language"/>'s reader reads it: Russian from the catalogue for a
    /// <c>ru</c> reader when there is an entry, else the message unchanged (always unchanged for <c>en</c>).
    /// </summary>
    public static string For(string englishMessage, string language) =>
        language == LanguagePreference.Russian ? Translate(englishMessage) : englishMessage;

    /// <summary>The catalogue key of a message: each run of digits becomes the next numbered hole (<c>{0}</c>, <c>{1}</c>…).</summary>
    public static string Key(string message)
    {
        var index = 0;
        return Number.Replace(message, _ => "{" + index++ + "}");
    }

    /// <summary>True when the catalogue has a Russian text for <paramref name="key"/> (a key as <see cref="Key"/> builds it).</summary>
    public static bool Has(string key) => Catalogue.ContainsKey(key);

    private static string Translate(string message)
    {
        if (Catalogue.TryGetValue(Key(message), out var russian))
        {
            var numbers = Number.Matches(message).Select(m => m.Value).ToArray();
            return Fill(russian, h => int.TryParse(h, out var i) && i < numbers.Length ? numbers[i] : null);
        }

        try
        {
            foreach (var (english, text) in TextPatterns)
            {
                var match = english.Match(message);
                if (match.Success)
                {
                    return Fill(text, h => match.Groups["h" + Slot("{" + h + "}")] is { Success: true } g ? g.Value : null);
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // Left in English rather than holding the request up: no real message is long enough to get here.
        }

        return message;
    }

    // Puts each hole's value back by its name; a hole with no value (a catalogue typo) stays visible rather than failing.
    private static string Fill(string russian, Func<string, string?> valueOf) =>
        Hole.Replace(russian, h => valueOf(h.Value[1..^1]) ?? h.Value);

    private static bool IsNumberHole(string hole) => hole[1..^1].All(char.IsAsciiDigit);

    // "Use one of: {0}, or empty." and "Use one of {0}." interpolate a list of codes, not a number, so they are matched as patterns too.
    private static bool IsTextListEntry(string key) => key.StartsWith("Use one of", StringComparison.Ordinal) && key.Contains("{0}", StringComparison.Ordinal);

    private static string Slot(string hole)
    {
        var name = new StringBuilder();
        foreach (var c in hole[1..^1]) if (char.IsAsciiLetterOrDigit(c)) name.Append(c);
        return name.ToString();
    }

    [GeneratedRegex(@"\d+", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"\{[A-Za-z0-9]+\}", RegexOptions.CultureInvariant)]
    private static partial Regex HolePattern();
}
