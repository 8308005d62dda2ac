namespace Telemed.Modules.Directory.Clinics;

internal sealed class Clinic
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public required string Name { get; set; }
    public required string Address { get; set; }
    public required string City { get; set; }
    public double Latitude { get; set; }
    public double Longitude { get; set; }

    /// <summary>IANA id; availability is defined in this zone's local time.</summary>
    public required string TimeZone { get; set; }

    /// <summary>Public contacts and opening hours as the clinic states them (free text, e.g. "Mon–Fri 08:00–20:00").</summary>
    public string Phone { get; set; } = "";
    public string Email { get; set; } = "";
    public string OpeningHours { get; set; } = "";

    public static bool IsValidTimeZone(string id) => TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && zone.HasIanaId;
}
