namespace Telemed.BuildingBlocks.Time;

/// <summary>A clock tests can move forward; production uses <see cref="TimeProvider.System"/>.</summary>
public sealed class MutableTimeProvider(DateTimeOffset start) : TimeProvider
{
    private long _offsetTicks;

    public static MutableTimeProvider StartingNow() => new(DateTimeOffset.UtcNow);

    public override DateTimeOffset GetUtcNow() => start.AddTicks(Interlocked.Read(ref _offsetTicks) + (DateTimeOffset.UtcNow - _created).Ticks);

    private readonly DateTimeOffset _created = DateTimeOffset.UtcNow;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
