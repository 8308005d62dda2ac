namespace Telemed.Modules.Notifications.Delivery;

/// <summary>Checks of the retry settings both channels share.</summary>
internal static class RetrySettings
{
    public static void Check(List<string> failures, int maxAttempts, int baseDelayMilliseconds, int maxDelaySeconds, int timeoutSeconds, string prefix)
    {
        if (maxAttempts < 1)
        {
            failures.Add($"{prefix}MaxAttempts must be at least 1.");
        }

        if (baseDelayMilliseconds < 0)
        {
            failures.Add($"{prefix}BaseDelayMilliseconds must not be negative.");
        }

        if (maxDelaySeconds < 0)
        {
            failures.Add($"{prefix}MaxDelaySeconds must not be negative.");
        }

        if (timeoutSeconds < 1)
        {
            failures.Add($"{prefix}TimeoutSeconds must be at least 1.");
        }
    }
}
