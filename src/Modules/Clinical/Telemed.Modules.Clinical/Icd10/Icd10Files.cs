using System.Text.RegularExpressions;
using Telemed.Modules.Clinical.Infrastructure;

namespace Telemed.Modules.Clinical.Icd10;

/// <summary>One parsed catalogue line: the written code and its titles.</summary>
internal sealed record Icd10Entry(string Code, string TitleEn, string TitleRu);

/// <summary>
/// Reads the code files a clinic loads into its catalogue:
/// <list type="bullet">
/// <item>CMS's ICD-10-CM <c>icd10cm_codes_YYYY.txt</c>: a code without its dot, spaces, the long title;</item>
/// <item>CMS's <c>icd10cm_order_YYYY.txt</c>: a 5-digit order number, the code padded to 7, a header flag (0/1), the short
/// title padded to 60, the long title (fixed columns; see CMS's "ICD-10-CM order file format" PDF);</item>
/// <item>a tab-separated file <c>code, English title[, Russian title]</c> (the bundled list; a national edition such as
/// МКБ-10 exported to this shape).</item>
/// </list>
/// Blank lines and lines starting with <c>#</c> are skipped; a line that fits no format is reported by number, not thrown. A title
/// over <see cref="MaxTitleLength"/> characters refuses the file (<see cref="ImportFieldLimits"/>: 400 naming the line and
/// <c>titleEn</c>/<c>titleRu</c>).
/// </summary>
internal static partial class Icd10Files
{
    /// <summary>The longest title taken (ICD-10-CM's longest long title is under 250 characters).</summary>
    public const int MaxTitleLength = 400;

    [GeneratedRegex(@"^\d{5} (?<code>[A-Z0-9]{3,7})\s+(?<header>[01]) (?<rest>.*)$")]
    private static partial Regex OrderLine();

    [GeneratedRegex(@"^(?<code>[A-Z][0-9][A-Z0-9]{1,5})\s+(?<title>\S.*)$")]
    private static partial Regex CodesLine();

    /// <summary>The entries of a file and the 1-based numbers of lines that could not be read; over-long titles go to <paramref name="limits"/>.</summary>
    public static (IReadOnlyList<Icd10Entry> Entries, IReadOnlyList<int> RejectedLines) Parse(TextReader reader, ImportFieldLimits? limits = null)
    {
        limits ??= new ImportFieldLimits();
        var entries = new List<Icd10Entry>();
        var rejected = new List<int>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0 || line.StartsWith('#') || string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var entry = ParseLine(line.TrimEnd('\r'));
            if (entry is null)
            {
                rejected.Add(number);
            }
            else if (limits.Fits(number, "titleEn", entry.TitleEn, MaxTitleLength) & limits.Fits(number, "titleRu", entry.TitleRu, MaxTitleLength))
            {
                entries.Add(entry);
            }
        }

        return (entries, rejected);
    }

    private static Icd10Entry? ParseLine(string line)
    {
        if (line.Contains('\t'))
        {
            var parts = line.Split('\t');
            var code = Icd10Code.Normalise(parts[0]);
            var en = parts.Length > 1 ? parts[1].Trim() : "";
            return code is null || en.Length == 0 ? null : new Icd10Entry(code, en, parts.Length > 2 ? parts[2].Trim() : "");
        }

        if (OrderLine().Match(line) is { Success: true } order)
        {
            // Columns 17-76 hold the short title; the long title starts at column 78 (1-based).
            var rest = order.Groups["rest"].Value;
            var longTitle = rest.Length > 61 ? rest[61..].Trim() : rest.Trim();
            var code = Icd10Code.Normalise(order.Groups["code"].Value);
            return code is null || longTitle.Length == 0 ? null : new Icd10Entry(code, longTitle, "");
        }

        if (CodesLine().Match(line) is { Success: true } codes)
        {
            var code = Icd10Code.Normalise(codes.Groups["code"].Value);
            return code is null ? null : new Icd10Entry(code, codes.Groups["title"].Value.Trim(), "");
        }

        return null;
    }
}
