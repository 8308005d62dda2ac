using Telemed.BuildingBlocks.Text;
using Telemed.Modules.Directory.Clinics;
using Telemed.Modules.Directory.Contracts;

namespace Telemed.Modules.Directory.Doctors;

public sealed record ClinicRef(Guid Id, string Name, string City);
public sealed record ClinicView(Guid Id, string Name, string Address, string City, double Latitude, double Longitude, string TimeZone);

public sealed record DoctorCard(Guid Id, string DisplayName, IReadOnlyList<string> Specialties, string QualificationCategory, int YearsOfExperience,
    Money HourlyRate, IReadOnlyList<string> Languages, string? PhotoUrl, IReadOnlyList<ClinicRef> Clinics, string BioExcerpt);

public sealed record DoctorProfileView(Guid Id, string DisplayName, IReadOnlyList<string> Specialties, string QualificationCategory, int YearsOfExperience,
    Money HourlyRate, IReadOnlyList<string> Languages, string? PhotoUrl, IReadOnlyList<ClinicRef> Clinics, string BioExcerpt,
    string Bio, IReadOnlyList<EducationEntry> Education, string Status);

internal static class DoctorViews
{
    public static string Camel(string value) => char.ToLowerInvariant(value[0]) + value[1..];

    /// <summary>A doctor's card with the bio and clinic names in <paramref name="language"/> ("en" or "ru"), falling back to English.</summary>
    public static DoctorCard Card(DoctorProfile d, IReadOnlyDictionary<Guid, Clinic> clinics, string language)
    {
        var bio = d.BioIn(language);
        return new DoctorCard(d.Id, d.DisplayName, d.Specialties.Select(s => s.Code).Order(StringComparer.Ordinal).ToList(), Camel(d.QualificationCategory.ToString()),
            d.YearsOfExperience, new Money(d.HourlyRateMinor, d.Currency), d.Languages.Select(l => l.Code).Order(StringComparer.Ordinal).ToList(), d.PhotoUrl,
            ClinicRefs(d, clinics, language), TextExcerpt.WithEllipsis(bio, 160));
    }

    public static DoctorProfileView Profile(DoctorProfile d, IReadOnlyDictionary<Guid, Clinic> clinics, string language)
    {
        var card = Card(d, clinics, language);
        return new DoctorProfileView(card.Id, card.DisplayName, card.Specialties, card.QualificationCategory, card.YearsOfExperience, card.HourlyRate,
            card.Languages, card.PhotoUrl, card.Clinics, card.BioExcerpt, d.BioIn(language), d.Education, Camel(d.Status.ToString()));
    }

    private static List<ClinicRef> ClinicRefs(DoctorProfile d, IReadOnlyDictionary<Guid, Clinic> clinics, string language) =>
        d.Clinics.Where(c => clinics.ContainsKey(c.ClinicId)).Select(c => clinics[c.ClinicId])
            .Select(c => (c.Id, Texts: c.TextsIn(language))).Select(c => new ClinicRef(c.Id, c.Texts.Name, c.Texts.City)).ToList();
}
