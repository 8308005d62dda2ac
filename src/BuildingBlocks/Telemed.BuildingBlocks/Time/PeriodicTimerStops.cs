namespace Telemed.BuildingBlocks.Time;

/// <summary>The wait of a background service's loop between passes, for every service that ticks on a <see cref="PeriodicTimer"/>.</summary>
public static class PeriodicTimerStops
{
    /// <summary>
    /// The timer's next tick: true to run the next pass, false once the host is stopping (or the timer is disposed). The tick's wait
    /// ends with an OperationCanceledException when <paramref name="stoppingToken"/> is cancelled (a stop, or a failed start whose
    /// host is disposed); let out, the host logs the service as a crashed background service (fail, then crit) although nothing
    /// went wrong.
    /// </summary>
    public static async Task<bool> NextTickOrStopAsync(this PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
