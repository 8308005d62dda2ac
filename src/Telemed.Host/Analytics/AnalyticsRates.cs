namespace Telemed.Host.Analytics;

/// <summary>
/// The dashboard's rates, defined once. Each is a percentage rounded half away from zero to one decimal, or null when its
/// denominator is zero (0 % would claim a measurement that was not made).
/// </summary>
public static class AnalyticsRates
{
    /// <summary>
    /// Booking → completed conversion: of the appointments starting in the period that are settled (completed, cancelled by
    /// anyone, or a no-show), the share completed. Visits still ahead are left out, so a period that includes today is not
    /// understated by visits that have not had their chance yet.
    /// </summary>
    public static decimal? ConversionPercent(int completed, int cancelled, int noShows) => Percent(completed, completed + cancelled + noShows);

    /// <summary>
    /// No-show rate: of the appointments that were due to take place (completed or no-show; cancelled ones were not due), the
    /// share the patient did not attend — the usual outpatient definition (missed ÷ kept + missed), which does not let
    /// cancellations dilute it.
    /// </summary>
    public static decimal? NoShowRatePercent(int completed, int noShows) => Percent(noShows, completed + noShows);

    /// <summary>Doctor utilisation: booked minutes ÷ working minutes; can exceed 100 when visits were booked outside the hours.</summary>
    public static decimal? UtilisationPercent(int bookedMinutes, int workingMinutes) => Percent(bookedMinutes, workingMinutes);

    private static decimal? Percent(long part, long whole) =>
        whole <= 0 ? null : Math.Round(100m * part / whole, 1, MidpointRounding.AwayFromZero);
}
