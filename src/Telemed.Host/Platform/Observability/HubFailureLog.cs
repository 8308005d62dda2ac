using Microsoft.AspNetCore.SignalR;

namespace Telemed.Host.Platform.Observability;

/// <summary>
/// How a hub call's failure is logged, in place of SignalR's own <c>DefaultHubDispatcher</c> log (switched off in appsettings.json).
/// That log wrote every refusal (a <see cref="HubException"/> with its stable code: not a participant, wrong state…) as an error
/// with its stack trace, so real failures were buried under expected answers (19 such lines in one attacker walk), and it wrote
/// any other exception's message, which may quote what the caller sent. Here a refusal is a debug line with its code; any
/// other exception is an error with its type, the hub, the method and the throwing site: never its message (docs/observability.md).
/// </summary>
public sealed class HubFailureLog(ILogger<HubFailureLog> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception exception)
        {
            Log(exception, context.Hub.GetType().Name, context.HubMethodName);
            throw;
        }
    }

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        try
        {
            await next(context);
        }
        catch (Exception exception)
        {
            Log(exception, context.Hub.GetType().Name, nameof(Hub.OnConnectedAsync));
            throw;
        }
    }

    private void Log(Exception exception, string hub, string method)
    {
        if (exception is HubException refused)
        {
            // "code: text" (HubErrors.From); the text is the code's fixed wording, the code alone is enough here.
            logger.LogDebug("Hub call refused: {Hub}.{Method} → {Code}", hub, method, refused.Message.Split(':', 2)[0]);
        }
        else if (exception is OperationCanceledException)
        {
            logger.LogDebug("Hub call cancelled: {Hub}.{Method}", hub, method);
        }
        else
        {
            logger.LogError("Hub call failed: {ExceptionType} in {Hub}.{Method} at {Site}", exception.GetType().FullName, hub, method,
                exception.TargetSite?.DeclaringType?.FullName);
        }
    }
}
