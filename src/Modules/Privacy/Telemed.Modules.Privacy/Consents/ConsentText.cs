using Telemed.Modules.Privacy.Contracts;

namespace Telemed.Modules.Privacy.Consents;

/// <summary>
/// One published version of a consent's wording, in English and Russian. Versions of a kind count up from 1; a published
/// version is never edited (what the patient agreed to must stay readable), a new one is published instead.
/// </summary>
internal sealed class ConsentText
{
    public const int MaxTextLength = 8000;

    private ConsentText()
    {
    }

    public Guid Id { get; private set; }
    public string Kind { get; private set; } = "";
    public int Version { get; private set; }
    public string TextEn { get; private set; } = "";
    public string TextRu { get; private set; } = "";

    /// <summary>When it was published (UTC).</summary>
    public DateTime PublishedAt { get; private set; }
    public Guid? PublishedByUserId { get; private set; }

    /// <summary>The wording in <paramref name="language"/> (<c>ru</c>, else English).</summary>
    public string TextIn(string language) => language == "ru" ? TextRu : TextEn;

    /// <summary>The version after <paramref name="current"/> (version 1 when there is none).</summary>
    public static ConsentText Publish(string kind, ConsentText? current, string textEn, string textRu, DateTime now, Guid? byUserId)
    {
        if (!ConsentKinds.IsKnown(kind))
        {
            throw new ArgumentException($"Unknown consent kind '{kind}'.", nameof(kind));
        }

        return new ConsentText
        {
            Id = Guid.CreateVersion7(), Kind = kind, Version = (current?.Version ?? 0) + 1, TextEn = textEn.Trim(), TextRu = textRu.Trim(),
            PublishedAt = now, PublishedByUserId = byUserId,
        };
    }
}
