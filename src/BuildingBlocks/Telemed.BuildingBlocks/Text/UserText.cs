using System.Globalization;

namespace Telemed.BuildingBlocks.Text;

/// <summary>Why a piece of user text was refused (docs/security.md, "Text users send").</summary>
public enum TextFault
{
    None,

    /// <summary>A C0 control other than TAB, LF and CR, DEL, or a C1 control (U+0000–U+001F, U+007F–U+009F).</summary>
    ControlCharacter,

    /// <summary>TAB, LF, CR or a Unicode line/paragraph separator in a field that holds one line (a name, a title, an e-mail).</summary>
    LineBreak,

    /// <summary>A bidi embedding, override or isolate control (U+202A–U+202E, U+2066–U+2069): "Trojan Source", CVE-2021-42574.</summary>
    BidiControl,

    /// <summary>Half of a UTF-16 surrogate pair without its other half: not a character at all.</summary>
    UnpairedSurrogate,

    /// <summary>U+FEFF (zero-width no-break space / byte order mark) inside text.</summary>
    ByteOrderMark,

    /// <summary>A Unicode noncharacter (U+FDD0–U+FDEF, and U+xFFFE/U+xFFFF in every plane).</summary>
    Noncharacter,

    /// <summary>Bytes in a JSON body that are not UTF-8 (e.g. a UTF-8-encoded surrogate, ED A0 80): not text at all.</summary>
    InvalidUtf8,

    /// <summary>
    /// An invisible format character in a field that holds one line (a name, a title): zero-width space, joiners and directional
    /// marks (U+200B–U+200F, a ZWJ outside an emoji sequence), word joiner and invisible operators (U+2060–U+2064), soft hyphen
    /// (U+00AD) and the like (<see cref="UserText.IsInvisibleFormat"/>). Two names that look the same must be the same name.
    /// </summary>
    InvisibleFormat,
}

/// <summary>
/// Where text was refused: the fault, the UTF-16 index of the character (-1 when unknown: the JSON reader refused the text before it
/// became a string) and its code point (a lone surrogate's own value; -1 when there is none, as for bytes that are not UTF-8).
/// </summary>
public readonly record struct TextProblem(TextFault Fault, int Index, int CodePoint)
{
    public string CodePointLabel => $"U+{CodePoint.ToString("X4", CultureInfo.InvariantCulture)}";
}

/// <summary>
/// The one rule for text a user sends that is stored and shown to others or printed (names, reviews, messages, notes, protocols):
/// no invisible controls that reorder or hide what others read. Allowed: every letter of every script (Arabic and Hebrew included),
/// emoji and their ZWJ sequences; in multi-line text also ZWJ/ZWNJ (Persian, Indic scripts), the directional marks LRM, RLM and ALM
/// (U+200E, U+200F, U+061C), other invisible format characters, TAB, LF and CR. One-line text (names, titles) refuses invisible
/// format characters (<see cref="TextFault.InvisibleFormat"/>) so that a name cannot look like another. The policy is in docs/security.md.
/// </summary>
public static class UserText
{
    /// <summary>The first character the policy refuses, or null when the text is fine. Null text is fine (the field's own rules decide).</summary>
    public static TextProblem? Check(ReadOnlySpan<char> text, bool singleLine)
    {
        // Printable ASCII is the fast path for almost every string the API sees.
        var start = text.IndexOfAnyExceptInRange(' ', '~');
        if (start < 0)
        {
            return null;
        }

        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (c is >= ' ' and <= '~')
            {
                continue;
            }

            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    var codePoint = char.ConvertToUtf32(c, text[i + 1]);
                    if ((codePoint & 0xFFFE) == 0xFFFE)
                    {
                        return new TextProblem(TextFault.Noncharacter, i, codePoint);
                    }

                    i++;
                    continue;
                }

                return new TextProblem(TextFault.UnpairedSurrogate, i, c);
            }

            var fault = Classify(c, singleLine);
            if (fault == TextFault.InvisibleFormat && ((c == ZeroWidthJoiner && JoinsEmoji(text, i)) || JoinsLettersOfAJoiningScript(text, i)))
            {
                continue;
            }

            if (fault != TextFault.None)
            {
                return new TextProblem(fault, i, c);
            }
        }

        return null;
    }

    /// <summary>Whether the text passes <see cref="Check"/>.</summary>
    public static bool IsAcceptable(ReadOnlySpan<char> text, bool singleLine) => Check(text, singleLine) is null;

    private static TextFault Classify(char c, bool singleLine) => c switch
    {
        '\t' or '\n' or '\r' or '\u2028' or '\u2029' => singleLine ? TextFault.LineBreak : TextFault.None,
        < ' ' or (>= '\u007F' and <= '\u009F') => TextFault.ControlCharacter,
        (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') => TextFault.BidiControl,
        '\uFEFF' => TextFault.ByteOrderMark,
        (>= '\uFDD0' and <= '\uFDEF') or '\uFFFE' or '\uFFFF' => TextFault.Noncharacter,
        _ when char.IsLowSurrogate(c) => TextFault.UnpairedSurrogate,
        _ when singleLine && IsInvisibleFormat(c) => TextFault.InvisibleFormat,
        _ => TextFault.None,
    };

    private const char ZeroWidthJoiner = '\u200D';

    /// <summary>
    /// The invisible format characters a one-line field refuses: soft hyphen (U+00AD), combining grapheme joiner (U+034F), Arabic letter
    /// mark (U+061C), Mongolian vowel separator (U+180E), zero-width space, non-joiner, joiner, LRM and RLM (U+200B–U+200F), word joiner
    /// and the invisible operators (U+2060–U+2064), the deprecated format controls (U+206A–U+206F) and the interlinear annotation
    /// controls (U+FFF9–U+FFFB). U+FEFF and the bidi controls are refused everywhere already. Free text keeps them (a Persian
    /// sentence needs ZWNJ, a message may hold an RLM).
    /// </summary>
    public static bool IsInvisibleFormat(char c) => c is '\u00AD' or '\u034F' or '\u061C' or '\u180E' or (>= '\u200B' and <= '\u200F')
        or (>= '\u2060' and <= '\u2064') or (>= '\u206A' and <= '\u206F') or (>= '\uFFF9' and <= '\uFFFB');

    /// <summary>
    /// Whether the ZWJ at <paramref name="index"/> joins two emoji (👩‍⚕️, 👨‍👩‍👧): after an astral character (a surrogate pair's low
    /// half), a variation selector-16, a skin-tone modifier's pair or a BMP symbol (U+2190–U+2BFF), and before an astral character or a
    /// BMP symbol. A ZWJ anywhere else is the invisible joiner a one-line field refuses.
    /// </summary>
    private static bool JoinsEmoji(ReadOnlySpan<char> text, int index) =>
        index > 0 && index + 1 < text.Length
        && (char.IsLowSurrogate(text[index - 1]) || text[index - 1] == '\uFE0F' || text[index - 1] is >= '\u2190' and <= '\u2BFF')
        && (char.IsHighSurrogate(text[index + 1]) || text[index + 1] is >= '\u2190' and <= '\u2BFF');

    /// <summary>
    /// Whether the ZWNJ or ZWJ at <paramref name="index"/> stands between two letters (or a letter and a combining mark) of a script
    /// whose spelling uses it: Persian and Urdu write ZWNJ inside words and names (U+200C, Unicode 15 §23.2), Devanagari, Malayalam
    /// and Sinhala choose conjunct forms with ZWNJ/ZWJ. Those are letters from U+0590 on (Hebrew, Arabic, the Indic scripts and
    /// beyond); between Latin, Greek or Cyrillic letters a joiner changes nothing visible and could only make one name look like
    /// another, so it stays refused there.
    /// </summary>
    private static bool JoinsLettersOfAJoiningScript(ReadOnlySpan<char> text, int index) =>
        text[index] is '\u200C' or ZeroWidthJoiner && index > 0 && index + 1 < text.Length
        && IsLetterOrMark(text[index - 1]) && IsLetterOrMark(text[index + 1])
        && (text[index - 1] >= '\u0590' || text[index + 1] >= '\u0590')
        && text[index - 1] is < '\u1D00' or > '\u1FFF' && text[index + 1] is < '\u1D00' or > '\u1FFF';

    private static bool IsLetterOrMark(char c) => char.IsLetter(c)
        || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark;

    /// <summary>
    /// Whether a member of that name holds one line: names (<c>name</c>, <c>displayName</c>, <c>clinicName</c>, <c>fileName</c>, <c>nameRu</c>),
    /// titles, subjects, e-mail addresses, phone numbers and cities. Everything else may hold several lines (messages, notes, addresses,
    /// opening hours, Markdown).
    /// </summary>
    public static bool IsSingleLineName(string memberName)
    {
        var name = memberName.EndsWith("Ru", StringComparison.Ordinal) || memberName.EndsWith("En", StringComparison.Ordinal) ? memberName[..^2] : memberName;
        return name.EndsWith("name", StringComparison.OrdinalIgnoreCase) || name.EndsWith("title", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith("subject", StringComparison.OrdinalIgnoreCase) || name.EndsWith("email", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith("phone", StringComparison.OrdinalIgnoreCase) || name.EndsWith("phoneNumber", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith("city", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Members the rule leaves alone: passwords are never stored or shown (only their hash), and refusing one a user already has would
    /// lock them out; NIST SP 800-63B asks for any Unicode in a password.
    /// </summary>
    public static bool IsExemptName(string memberName) => memberName.Contains("password", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// For a user's text put into a sentence the server writes (a notification title, an e-mail, an SMS, a calendar entry): wrapped in
    /// FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE (U+2068 … U+2069, Unicode UAX #9) when it holds a right-to-left letter (Hebrew,
    /// Arabic, Syriac, Thaana, N'Ko, their presentation forms) or a bidi control or mark, so it cannot reorder the words around it
    /// ("A time with <c>د. سارة</c> is held for you: 3 Dec, 10:30"). Left-to-right text comes back as it is, with no invisible
    /// characters. The same rule as the web app's <c>isolate()</c>. Null is "".
    /// </summary>
    public static string Isolate(string? text) =>
        string.IsNullOrEmpty(text) ? "" : text.AsSpan().IndexOfAny(NeedsIsolation) >= 0 ? $"\u2068{text}\u2069" : text;

    private static readonly System.Buffers.SearchValues<char> NeedsIsolation = System.Buffers.SearchValues.Create(
        string.Concat(Range('\u0590', '\u08FF'), Range('\uFB1D', '\uFDFF'), Range('\uFE70', '\uFEFF'), "\u200E\u200F\u061C",
            Range('\u202A', '\u202E'), Range('\u2066', '\u2069')));

    private static string Range(char from, char to) => new([.. Enumerable.Range(from, to - from + 1).Select(c => (char)c)]);

    /// <summary>What is wrong, for a person, in English or Russian (<paramref name="russian"/>), naming the field.</summary>
    public static string Describe(TextProblem problem, string field, bool russian)
    {
        var position = problem.Index + 1;
        var what = (problem.Fault, russian) switch
        {
            (TextFault.ControlCharacter, false) => "an invisible control character",
            (TextFault.ControlCharacter, true) => "невидимый управляющий символ",
            (TextFault.LineBreak, false) => "a line break or tab, and this field holds one line",
            (TextFault.LineBreak, true) => "перевод строки или табуляцию, а это поле однострочное",
            (TextFault.BidiControl, false) => "a text-direction override or isolate control, which can make text display as something it does not say",
            (TextFault.BidiControl, true) => "управляющий символ направления текста, из-за которого текст может выглядеть не так, как написан",
            (TextFault.UnpairedSurrogate, false) => "half of a character (an unpaired surrogate)",
            (TextFault.UnpairedSurrogate, true) => "половину символа (непарный суррогат)",
            (TextFault.ByteOrderMark, false) => "an invisible byte order mark",
            (TextFault.ByteOrderMark, true) => "невидимую метку порядка байтов",
            (TextFault.InvalidUtf8, false) => "bytes that are not UTF-8 text",
            (TextFault.InvalidUtf8, true) => "байты, не являющиеся текстом в UTF-8",
            (TextFault.InvisibleFormat, false) => "an invisible formatting character (such as a zero-width space or a soft hyphen), and this field holds one line",
            (TextFault.InvisibleFormat, true) => "невидимый символ форматирования (например, пробел нулевой ширины или мягкий перенос), а это поле однострочное",
            (_, false) => "a code point that is not a character (a Unicode noncharacter)",
            (_, true) => "код, не являющийся символом Юникода",
        };
        // The JSON reader's refusals know neither the position nor, for bytes that are not UTF-8, a code point.
        var where = (problem.CodePoint >= 0, problem.Index >= 0, russian) switch
        {
            (true, true, true) => $" ({problem.CodePointLabel}, позиция {position})",
            (true, true, false) => $" ({problem.CodePointLabel} at position {position})",
            (true, false, _) => $" ({problem.CodePointLabel})",
            _ => "",
        };
        return russian
            ? $"Поле «{field}» содержит {what}{where}. Удалите этот символ и отправьте снова."
            : $"The field \"{field}\" contains {what}{where}. Remove it and send again.";
    }

    /// <summary>The stable error code of a refusal (REST ProblemDetails and hub errors alike).</summary>
    public const string ErrorCode = "request.invalid_characters";
}
