namespace Telemed.BuildingBlocks.Time;

/// <summary>
/// The time on the user's own devices, which second-factor codes (RFC 6238, 30-second steps) are computed from:
/// the wall clock in production (<see cref="TimeProvider.System"/>), kept apart from the business
/// <see cref="TimeProvider"/> that tests move to tomorrow's appointments, which must not move the second factor.
/// </summary>
/// <param name="time">The clock to read; production registers <see cref="TimeProvider.System"/>.</param>
public sealed class DeviceClock(TimeProvider time)
{
    /// <summary>The current UTC instant on the user's devices.</summary>
    public DateTimeOffset UtcNow => time.GetUtcNow();
}
