using Telemed.Modules.Scheduling.Contracts;
namespace Telemed.Modules.Scheduling.Availability;

/// <summary>A recurring working range on one weekday, in the clinic's local time (minutes since midnight).</summary>
internal sealed class WeeklyHours
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid DoctorId { get; init; }
    public Guid ClinicId { get; init; }
    public DayOfWeek DayOfWeek { get; init; }
    public int StartMinute { get; init; }
    public int EndMinute { get; init; }
}

internal enum ExceptionKind { DayOff, ExtraHours }

/// <summary>A dated change to the weekly pattern: a day off (the whole day at that clinic) or extra hours.</summary>
internal sealed class AvailabilityException
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid DoctorId { get; init; }
    public Guid ClinicId { get; init; }
    public DateOnly Date { get; init; }
    public ExceptionKind Kind { get; init; }
    public int? StartMinute { get; init; }
    public int? EndMinute { get; init; }
}

/// <summary>How a doctor offers one kind of appointment: its length, buffers around it, and how early and how far ahead it can be booked.</summary>
internal sealed class AppointmentTypeSettings
{
    public Guid DoctorId { get; init; }
    public AppointmentKind Kind { get; init; }
    public int DurationMinutes { get; set; } = 30;
    public int BufferBeforeMinutes { get; set; }
    public int BufferAfterMinutes { get; set; }
    public int MinimumNoticeMinutes { get; set; } = 120;
    public int MaximumHorizonDays { get; set; } = 60;
    public bool Enabled { get; set; } = true;

    public static AppointmentTypeSettings DefaultFor(Guid doctorId, AppointmentKind kind) => new() { DoctorId = doctorId, Kind = kind };
}
