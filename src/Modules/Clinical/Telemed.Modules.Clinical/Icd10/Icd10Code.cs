namespace Telemed.Modules.Clinical.Icd10;

/// <summary>
/// One code of the clinic's ICD-10 catalogue, written with its dot (<c>J06.9</c>), with its English and, when known,
/// Russian title. <see cref="Edition"/> says where it came from (<c>who-common</c> for the bundled list, or the
/// imported file's edition such as <c>icd10cm-2025</c>). Reference data, not PHI.
/// </summary>
internal sealed class Icd10Code
{
    public const int MaxCodeLength = 8;

    private Icd10Code()
    {
    }

    public string Code { get; private set; } = "";
    public string TitleEn { get; private set; } = "";
    public string TitleRu { get; private set; } = "";
    public string Edition { get; private set; } = "";

    /// <summary>Code and titles in lower case, for word search that behaves the same on SQLite and PostgreSQL.</summary>
    public string SearchText { get; private set; } = "";

    public static Icd10Code Create(string code, string titleEn, string titleRu, string edition) => new()
    {
        Code = code,
        TitleEn = titleEn,
        TitleRu = titleRu,
        Edition = edition,
        SearchText = $"{code} {titleEn} {titleRu}".ToLowerInvariant(),
    };

    /// <summary>Updates the titles from a newer file of the same or another edition (a Russian title is kept when the new one has none).</summary>
    public void Retitle(string titleEn, string titleRu, string edition)
    {
        TitleEn = titleEn;
        TitleRu = titleRu.Length > 0 ? titleRu : TitleRu;
        Edition = edition;
        SearchText = $"{Code} {TitleEn} {TitleRu}".ToLowerInvariant();
    }

    /// <summary>
    /// The code in its written form: upper case, with the dot after the category (<c>j069</c> → <c>J06.9</c>); null when it
    /// is not shaped like an ICD-10 code (a letter, two digits, then up to four more letters or digits).
    /// </summary>
    public static string? Normalise(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }

        var bare = input.Trim().Replace(".", "").ToUpperInvariant();
        if (bare.Length is < 3 or > 7 || !char.IsAsciiLetter(bare[0]) || !char.IsAsciiDigit(bare[1]) || !char.IsAsciiLetterOrDigit(bare[2])
            || !bare.All(char.IsAsciiLetterOrDigit))
        {
            return null;
        }

        return bare.Length == 3 ? bare : $"{bare[..3]}.{bare[3..]}";
    }
}
