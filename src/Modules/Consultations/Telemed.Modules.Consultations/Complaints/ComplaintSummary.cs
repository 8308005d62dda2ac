using System.Globalization;
using Telemed.BuildingBlocks.Text;

namespace Telemed.Modules.Consultations.Complaints;

/// <summary>
/// The one line a doctor reads before the call: where, how bad, how long, what else, in the reader's language
/// (<see cref="LanguagePreference"/>). English: "Head, Neck · 4/10 · days · fever, cough · 1 photo". Russian: "Голова, Шея · 4/10 ·
/// несколько дней · повышенная температура, кашель · 1 фото" (the region, symptom and duration names of the web app's complaint
/// form, <see cref="ComplaintWordsRu"/>). A code neither table knows is written as the code. The English line is stored with the
/// consultation when the patient sends the form; readers get the line worded again from the stored form in their language.
/// </summary>
public static class ComplaintSummary
{
    private static readonly CultureInfo Russian = CultureInfo.GetCultureInfo("ru-RU");

    /// <summary>The summary of <paramref name="form"/> for a reader of <paramref name="language"/> (<c>en</c> when omitted).</summary>
    public static string Of(ComplaintForm form, string language = LanguagePreference.English)
    {
        var russian = LanguagePreference.IsRussian(language);
        var parts = new List<string>
        {
            string.Join(", ", form.Regions.Select(r => russian ? ComplaintWordsRu.Regions.GetValueOrDefault(r, r) : BodyMap.RegionLabel(r))),
            $"{form.Severity.ToString(CultureInfo.InvariantCulture)}/10",
            russian ? Lower(ComplaintWordsRu.Durations.GetValueOrDefault(DurationCode(form.Duration), DurationCode(form.Duration))) : DurationText(form.Duration),
        };
        if (form.SymptomCodes.Count > 0)
        {
            parts.Add(string.Join(", ", form.SymptomCodes.Select(s => russian
                ? Lower(ComplaintWordsRu.Symptoms.GetValueOrDefault(s, s))
                : BodyMap.SymptomLabel(s).ToLowerInvariant())));
        }

        if (form.Photos.Count > 0)
        {
            // "фото" does not change with its count: 1 фото, 2 фото, 5 фото.
            parts.Add(russian ? $"{form.Photos.Count} фото" : form.Photos.Count == 1 ? "1 photo" : $"{form.Photos.Count} photos");
        }

        return string.Join(" · ", parts);
    }

    private static string Lower(string text) => text.Length == 0 ? text : char.ToLower(text[0], Russian) + text[1..];

    // The camelCase name the API and the web app use for a duration ("underAnHour").
    private static string DurationCode(ComplaintDuration duration) => char.ToLowerInvariant(duration.ToString()[0]) + duration.ToString()[1..];

    private static string DurationText(ComplaintDuration duration) => duration switch
    {
        ComplaintDuration.UnderAnHour => "under an hour",
        ComplaintDuration.Hours => "hours",
        ComplaintDuration.Days => "days",
        ComplaintDuration.Weeks => "weeks",
        _ => "months",
    };
}
