using System.Globalization;

namespace Telemed.BuildingBlocks.Text;

/// <summary>
/// Shortening text the server shows as an excerpt (a doctor's card bio, a note that keeps its newest part). A cut at a UTF-16 index
/// can fall between the two halves of an emoji or a letter outside the BMP, or between a letter and its combining accent, leaving a
/// lone surrogate that is no character at all (the JSON then carries <c>\uD83D</c>, and the same text sent back is refused). These cut
/// between user-perceived characters (Unicode UAX #29 extended grapheme clusters) instead.
/// </summary>
public static class TextExcerpt
{
    /// <summary>
    /// <paramref name="text"/> when it is at most <paramref name="maxLength"/> UTF-16 units; otherwise its longest start of whole
    /// characters that fits in <c>maxLength − 1</c> units, trailing spaces removed, followed by "…" (so the result is at most
    /// <paramref name="maxLength"/> units). Null is "".
    /// </summary>
    public static string WithEllipsis(string? text, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        if (string.IsNullOrEmpty(text) || text.Length <= maxLength)
        {
            return text ?? "";
        }

        return text[..StartThatFits(text, maxLength - 1)].TrimEnd() + "…";
    }

    /// <summary>The longest start of <paramref name="text"/> made of whole characters and at most <paramref name="maxLength"/> UTF-16 units.</summary>
    public static string Start(string? text, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);
        return string.IsNullOrEmpty(text) || text.Length <= maxLength ? text ?? "" : text[..StartThatFits(text, maxLength)];
    }

    private static int StartThatFits(string text, int maxLength)
    {
        var end = 0;
        while (end < text.Length)
        {
            var next = end + StringInfo.GetNextTextElementLength(text, end);
            if (next > maxLength)
            {
                break;
            }

            end = next;
        }

        return end;
    }
}
