namespace Telemed.Modules.Notifications.Delivery;

/// <summary>Exponential back-off with jitter between delivery attempts.</summary>
internal static class Backoff
{
    /// <summary>
    /// The wait after failed attempt <paramref name="failedAttempt"/> (1-based): base x 2^(attempt-1), capped at
    /// <paramref name="max"/>, then "equal jitter" (between half and all of it) so that many senders do not retry in step.
    /// </summary>
    public static TimeSpan After(int failedAttempt, TimeSpan baseDelay, TimeSpan max, double jitterSample)
    {
        var exponential = baseDelay.TotalMilliseconds * Math.Pow(2, Math.Clamp(failedAttempt - 1, 0, 30));
        var capped = Math.Min(exponential, max.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped / 2 + capped / 2 * Math.Clamp(jitterSample, 0, 1));
    }

    public static TimeSpan After(int failedAttempt, TimeSpan baseDelay, TimeSpan max) =>
        After(failedAttempt, baseDelay, max, Random.Shared.NextDouble());
}
