using Telemed.BuildingBlocks.Results;

namespace Telemed.Modules.Scheduling.Calendars;

/// <summary>
/// The calendar days a schedule view may be asked about: 2000-01-01 to 2099-12-31, the years a booking may lie in
/// (<see cref="Appointments.AppointmentEndpoints.IsPlausibleStart"/>). Outside them the answer is 400 <c>validation.failed</c> naming
/// the parameter: year 1 or 9999 is a client bug, and the start of such a day in a clinic's time zone overflows NodaTime and
/// <see cref="DateOnly"/> (a clinic's day of 0001-01-01 once answered 500).
/// </summary>
internal static class ServiceYears
{
    public static readonly DateOnly First = new(2000, 1, 1);
    public static readonly DateOnly Last = new(2099, 12, 31);

    /// <summary>Whether every given day (null ones are left out) lies in the service years.</summary>
    public static bool Contain(params DateOnly?[] days) => days.All(d => d is not { } day || (day >= First && day <= Last));

    /// <summary>400 <c>validation.failed</c> on <paramref name="parameter"/>.</summary>
    public static Error OutsideFor(string parameter) =>
        Error.ValidationFailed(new Dictionary<string, string[]> { [parameter] = ["Choose a day between 2000-01-01 and 2099-12-31."] });
}
