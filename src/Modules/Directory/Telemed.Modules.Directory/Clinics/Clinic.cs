using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Directory.Localisation;

namespace Telemed.Modules.Directory.Clinics;

internal sealed class Clinic
{
    public Guid Id { get; init; } = Guid.NewGuid();

    /// <summary>The English name, address and city: what every clinic has and what other languages fall back to.</summary>
    public required string Name
    {
        get;
        set
        {
            field = value;
            NameKey = ClinicNameKey.Of(value);
        }
    }

    /// <summary>
    /// <see cref="Name"/> as <see cref="ClinicNameKey"/> compares it, kept with every name set; unique, so two clinics never share a name in any
    /// letter case. Null only on a row stored before the key existed that <c>FillClinicNameKeys</c> could not key because another clinic
    /// holds its key (a duplicate kept until an administrator renames it).
    /// </summary>
    public string? NameKey { get; private set; }

    /// <summary>Sets <see cref="NameKey"/> from the stored name (a row stored before the key existed).</summary>
    public void KeyName() => NameKey = ClinicNameKey.Of(Name);
    public required string Address { get; set; }
    public required string City { get; set; }
    public double Latitude { get; set; }
    public double Longitude { get; set; }

    /// <summary>IANA id as the tz database spells it (<see cref="ClinicTimeZone.CanonicalId"/>); availability is defined in this zone's local time.</summary>
    public required string TimeZone { get; set; }

    /// <summary>Public contacts and opening hours as the clinic states them (free text, e.g. "Mon–Fri 08:00–20:00").</summary>
    public string Phone { get; set; } = "";
    public string Email { get; set; } = "";
    public string OpeningHours { get; set; } = "";

    /// <summary>Name, address and city in other languages (key: "ru"), stored as JSON; a missing or blank text reads as English.</summary>
    public Dictionary<string, ClinicTexts> Translations { get; set; } = [];

    /// <summary>Whether <paramref name="id"/> names an IANA zone every reader knows, in any letter case (it is stored as <see cref="ClinicTimeZone.CanonicalId"/> spells it).</summary>
    public static bool IsValidTimeZone(string id) => ClinicTimeZone.CanonicalId(id) is not null;

    /// <summary>The clinic's texts as a reader of <paramref name="language"/> ("en" or "ru") sees them, field by field falling back to English.</summary>
    public ClinicTexts TextsIn(string language)
    {
        if (language == ContentLanguage.Fallback || !Translations.TryGetValue(language, out var t))
        {
            return new ClinicTexts(Name, Address, City);
        }

        return new ClinicTexts(Or(t.Name, Name), Or(t.Address, Address), Or(t.City, City));
    }

    /// <summary>Stores translations for the translatable languages only, trimmed; blank ones are dropped.</summary>
    public void Translate(IReadOnlyDictionary<string, ClinicTexts> translations) =>
        Translations = translations.Where(p => ContentLanguage.Translatable.Contains(p.Key))
            .Select(p => (p.Key, Texts: new ClinicTexts(p.Value.Name.Trim(), p.Value.Address.Trim(), p.Value.City.Trim())))
            .Where(p => p.Texts.Name.Length + p.Texts.Address.Length + p.Texts.City.Length > 0)
            .ToDictionary(p => p.Key, p => p.Texts);

    private static string Or(string text, string english) => string.IsNullOrWhiteSpace(text) ? english : text;
}
