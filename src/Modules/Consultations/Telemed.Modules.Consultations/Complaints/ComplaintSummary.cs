namespace Telemed.Modules.Consultations.Complaints;

/// <summary>The one line a doctor reads before the call: where, how bad, how long, what else.</summary>
public static class ComplaintSummary
{
    public static string Of(ComplaintForm form)
    {
        var parts = new List<string>
        {
            string.Join(", ", form.Regions.Select(BodyMap.RegionLabel)),
            $"{form.Severity}/10",
            DurationText(form.Duration),
        };
        if (form.SymptomCodes.Count > 0)
        {
            parts.Add(string.Join(", ", form.SymptomCodes.Select(s => BodyMap.SymptomLabel(s).ToLowerInvariant())));
        }

        if (form.Photos.Count > 0)
        {
            parts.Add(form.Photos.Count == 1 ? "1 photo" : $"{form.Photos.Count} photos");
        }

        return string.Join(" · ", parts);
    }

    private static string DurationText(ComplaintDuration duration) => duration switch
    {
        ComplaintDuration.UnderAnHour => "under an hour",
        ComplaintDuration.Hours => "hours",
        ComplaintDuration.Days => "days",
        ComplaintDuration.Weeks => "weeks",
        _ => "months",
    };
}
