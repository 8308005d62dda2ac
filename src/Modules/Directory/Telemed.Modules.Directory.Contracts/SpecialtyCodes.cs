namespace Telemed.Modules.Directory.Contracts;

/// <summary>
/// The specialty codes the directory knows (<c>GET /specialties</c> names them): what a doctor's profile, a doctor search and a
/// waitlist entry may name. Codes are lower case; <see cref="Normalise"/> turns any letter case and surrounding spaces into the
/// code, or null for text that is no specialty.
/// </summary>
public static class SpecialtyCodes
{
    /// <summary>Every known code, in the catalogue's order.</summary>
    public static readonly IReadOnlyList<string> All =
        ["general-practice", "cardiology", "dermatology", "pediatrics", "neurology", "endocrinology", "gynecology", "psychiatry"];

    /// <summary>Whether <paramref name="code"/> is a known code exactly as written.</summary>
    public static bool IsKnown(string code) => All.Contains(code, StringComparer.Ordinal);

    /// <summary>The known code <paramref name="text"/> names in any letter case (spaces around it ignored); null when it names none.</summary>
    public static string? Normalise(string? text) =>
        text is null ? null : All.FirstOrDefault(c => string.Equals(c, text.Trim(), StringComparison.OrdinalIgnoreCase));
}
