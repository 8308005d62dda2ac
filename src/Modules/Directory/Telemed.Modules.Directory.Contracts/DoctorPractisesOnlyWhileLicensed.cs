namespace Telemed.Modules.Directory.Contracts;

/// <summary>
/// A doctor practises only on days their licence covers: an active doctor may be booked, take on-call requests and sign
/// prescriptions or protocols on a day up to and including the licence's last valid day, never after it. The day is the local
/// date where the doctor practises (the clinic's time zone; UTC when there is no clinic). A licence that simply runs out while
/// the doctor stays active therefore stops new bookings after its last day without anyone changing the doctor's status.
/// </summary>
public static class DoctorPractisesOnlyWhileLicensed
{
    /// <summary>True when a licence whose last valid day is <paramref name="licenceExpiresOn"/> covers <paramref name="localDate"/>; no recorded expiry limits nothing.</summary>
    public static bool Covers(DateOnly? licenceExpiresOn, DateOnly localDate) => licenceExpiresOn is not { } last || localDate <= last;

    /// <summary>True when <paramref name="doctor"/> is active and licensed on <paramref name="localDate"/>.</summary>
    public static bool On(DoctorSummary doctor, DateOnly localDate) => doctor.Active && Covers(doctor.LicenceExpiresOn, localDate);
}
