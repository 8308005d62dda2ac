using Telemed.BuildingBlocks.Text;

namespace Telemed.Modules.Directory.Doctors;

public sealed record Specialty(string Code, string Name);

/// <summary>The specialties a clinic network offers, with English and Russian names.</summary>
internal static class Specialties
{
    private static readonly (string Code, string En, string Ru)[] Catalogue =
    [
        ("general-practice", "General practice", "Терапия"),
        ("cardiology", "Cardiology", "Кардиология"),
        ("dermatology", "Dermatology", "Дерматология"),
        ("pediatrics", "Pediatrics", "Педиатрия"),
        ("neurology", "Neurology", "Неврология"),
        ("endocrinology", "Endocrinology", "Эндокринология"),
        ("gynecology", "Gynecology", "Гинекология"),
        ("psychiatry", "Psychiatry", "Психиатрия"),
    ];

    /// <summary>Whether <paramref name="code"/> is a known code (<see cref="Contracts.SpecialtyCodes"/>, which other modules validate with).</summary>
    public static bool IsKnown(string code) => Contracts.SpecialtyCodes.IsKnown(code);

    public static IReadOnlyList<Specialty> For(string language) =>
        Catalogue.Select(s => new Specialty(s.Code, LanguagePreference.IsRussian(language) ? s.Ru : s.En)).ToList();
}

internal static class Languages
{
    public static readonly IReadOnlySet<string> Known = new HashSet<string>(["en", "ru", "de", "fr", "es", "uk", "kk", "tt", "hy", "ka"], StringComparer.Ordinal);
}
