using System.Text.RegularExpressions;

namespace Telemed.Modules.Directory.Clinics;

/// <summary>
/// What makes two clinic names one name: "City Clinic", " city  clinic " and "CITY CLINIC" are the same clinic to a patient choosing
/// where to go, so they share a key and the unique index on <see cref="Clinic.NameKey"/> admits one of them. The key is the name
/// trimmed, its runs of white space made one space, in Unicode normal form KC and lower case in the invariant culture (Cyrillic too:
/// "Городская Клиника" and "городская клиника" are one name). At most as long as the name (200 characters).
/// </summary>
internal static partial class ClinicNameKey
{
    public static string Of(string name) => Spaces().Replace(name.Trim(), " ").Normalize(System.Text.NormalizationForm.FormKC).ToLowerInvariant();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
