using Telemed.BuildingBlocks.Time;

namespace Telemed.IntegrationTests.Infrastructure;

/// <summary>
/// The <see cref="DeviceClock"/> a test host gives its server: <see cref="Totp.DeviceNow"/> of its database, which
/// <see cref="Totp.NextCodeAsync"/> moves 30 s on instead of waiting when an account's codes are used up. Every host
/// on the same database reads the same clock.
/// </summary>
public static class TotpDeviceClock
{
    /// <summary>The device clock for a host on database <paramref name="scope"/> (its connection string).</summary>
    public static DeviceClock For(string scope)
    {
        Totp.UseMovableDeviceClock(scope);
        return new DeviceClock(new MovableClock(scope));
    }

    private sealed class MovableClock(string scope) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => Totp.DeviceNow(scope);
    }
}
