using System.Text.RegularExpressions;

namespace Telemed.Modules.Consultations.Triage;

/// <summary>
/// Reads the patient's own words for the one thing the body map cannot say: that the marked place does not hurt
/// ("no pain", "without chest pain", "it doesn't hurt", "painless", "без боли", "не болит", "боли нет"). Pain is denied
/// only when every mention of pain in the description is negated; any plain mention ("chest pain since lunch", or "no
/// fever but chest pain") counts as pain, so a doubtful text never lowers the triage level.
/// </summary>
public static partial class PainStatements
{
    /// <summary>Words that negate a pain word a few words after them (or, in Russian, "нет" right after it).</summary>
    private static readonly HashSet<string> Negators = new(StringComparer.OrdinalIgnoreCase)
    {
        "no", "not", "without", "never", "denies", "deny", "nor", "neither", "none", "zero",
        "doesn't", "doesnt", "don't", "dont", "isn't", "isnt", "didn't", "didnt", "wasn't", "wasnt", "aren't",
        "не", "нет", "без", "ни", "никакой", "никаких", "никакая",
    };

    /// <summary>Words that stop a negation's reach ("no fever but chest pain").</summary>
    private static readonly HashSet<string> ClauseBreaks = new(StringComparer.OrdinalIgnoreCase) { "but", "though", "although", "however", "yet", "но", "однако", "а" };

    /// <summary>How many words before a pain word a negator still applies ("no real chest pain").</summary>
    private const int Reach = 3;

    public static bool DeniesPain(string? description)
    {
        if (string.IsNullOrWhiteSpace(description))
        {
            return false;
        }

        var words = Words().Matches(description.ToLowerInvariant()).Select(m => m.Value).ToList();
        var denied = false;
        for (var i = 0; i < words.Count; i++)
        {
            if (IsPainless(words[i]))
            {
                denied = true;
                continue;
            }

            if (!IsPain(words[i]))
            {
                continue;
            }

            if (IsNegated(words, i))
            {
                denied = true;
            }
            else
            {
                // A plain mention of pain anywhere outweighs any denial.
                return false;
            }
        }

        return denied;
    }

    private static bool IsNegated(List<string> words, int painAt)
    {
        if (painAt + 1 < words.Count && words[painAt + 1] is "нет" or "не")
        {
            return true;
        }

        for (var j = painAt - 1; j >= 0 && j >= painAt - Reach; j--)
        {
            if (ClauseBreaks.Contains(words[j]))
            {
                return false;
            }

            if (Negators.Contains(words[j]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsPain(string word) =>
        word is "pain" or "pains" or "painful" or "ache" or "aches" or "aching" or "hurt" or "hurts" or "hurting" or "sore"
        || word.StartsWith("бол", StringComparison.Ordinal) && !word.StartsWith("больш", StringComparison.Ordinal) && !word.StartsWith("болез", StringComparison.Ordinal)
            && !word.StartsWith("больн", StringComparison.Ordinal);

    private static bool IsPainless(string word) => word is "painless" or "pain-free" or "безболезненно" or "безболезненный" or "безболезненная";

    // Linear-time matching, no time-out: a time-out only fails a request when the CPU is starved.
    [GeneratedRegex(@"[\p{L}][\p{L}'’\-]*", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex Words();
}
