namespace Telemed.Modules.Scheduling.Contracts;

/// <summary>
/// One bookable time of a doctor at a clinic, free or busy (FHIR Slot). Directory data, not patient data: it never says who
/// holds a busy time. <paramref name="Start"/>/<paramref name="End"/> are UTC instants; <paramref name="Kind"/> is the visit kind
/// whose length and buffers made the slot (a doctor's video, in-person and chat slots overlap).
/// </summary>
public sealed record ScheduleSlot(Guid DoctorId, Guid ClinicId, AppointmentKind Kind, DateTime Start, DateTime End, bool Busy);

/// <summary>The doctors' slots for other modules (the FHIR API's Slot resources).</summary>
public interface IScheduleSlots
{
    /// <summary>
    /// Every slot the weekly hours and exceptions generate from <paramref name="fromUtc"/> to <paramref name="toUtc"/> (at most 62
    /// days; longer ranges are cut) for the doctors named (null: every doctor), each kind the doctor offers, busy when an
    /// appointment or an unexpired waitlist hold occupies any of its time (buffers included). Past slots and slots inside the
    /// minimum notice or beyond the booking horizon are not generated. Ordered by start; at most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<ScheduleSlot>> SlotsAsync(IReadOnlyCollection<Guid>? doctorIds, DateTime fromUtc, DateTime toUtc, int limit,
        CancellationToken cancellationToken = default);
}
