namespace Telemed.Modules.Scheduling.Calendars;

/// <summary>A doctor's private calendar subscription: one live token per doctor, stored hashed; rotating or revoking replaces it.</summary>
internal sealed class CalendarFeed
{
    public Guid DoctorId { get; init; }
    public required string TokenHash { get; set; }
    public DateTime CreatedAt { get; set; }
}
