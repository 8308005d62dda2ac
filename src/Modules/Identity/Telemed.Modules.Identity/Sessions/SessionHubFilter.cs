using System.Collections.Concurrent;
using System.Reflection;
using System.Security.Claims;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Telemed.BuildingBlocks.Access;

namespace Telemed.Modules.Identity.Sessions;

/// <summary>
/// For every hub: a connection is registered under its session when it opens, and every method invocation
/// re-checks the server-side session first (from memory, <see cref="SessionCache"/>). A session that has ended
/// (signed out, suspended, idle; revoked on another host, once this host re-reads it) refuses the invocation with <c>auth.session_ended</c> and closes the connection. Only methods
/// marked <see cref="CountsAsActivityAttribute"/> extend the session.
/// </summary>
internal sealed class SessionHubFilter(HubConnectionRegistry registry) : IHubFilter
{
    /// <summary>The hub error text starts with the stable code, as hub errors carry no status or code field of their own.</summary>
    public const string SessionEndedMessage = "auth.session_ended: Your session has ended. Sign in again.";

    // Read once per hub method: reading the attribute by reflection on every invocation was 0.8 % of the chat host's CPU
    // under load (docs/benchmarks.md, "The chat host on a quiet machine").
    private static readonly ConcurrentDictionary<MethodInfo, bool> CountsAsActivity = new();

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        var user = context.Context.User;
        if (user is not null && SessionPrincipal.SessionId(user) is { } sessionId && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            registry.Add(context.Context, sessionId, userId);
        }

        await next(context);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        registry.Remove(context.Context.ConnectionId);
        await next(context, exception);
    }

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var caller = invocationContext.Context;
        var sessions = invocationContext.ServiceProvider.GetRequiredService<SessionService>();
        var activity = CountsAsActivity.GetOrAdd(invocationContext.HubMethod, m => m.GetCustomAttribute<CountsAsActivityAttribute>() is not null);
        var state = caller.User is { } user && SessionPrincipal.SessionId(user) is { } id ? await sessions.CheckAsync(id, activity, caller.ConnectionAborted) : null;
        if (state is null)
        {
            // The refusal (with its code) goes out first, so the app can say why; the connection closes right after.
            // Until then every further invocation meets this same check.
            _ = AbortShortlyAsync(caller);
            throw new HubException(SessionEndedMessage);
        }

        return await next(invocationContext);
    }

    private static async Task AbortShortlyAsync(HubCallerContext caller)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(200));
        caller.Abort();
    }
}

/// <summary>How the host puts the session check on every hub.</summary>
public static class SessionHubChecks
{
    /// <summary>Adds the session filter; add it after the auditing filter so that what it records (expiry) is written.</summary>
    public static void AddSessionChecks(this HubOptions options) => options.AddFilter<SessionHubFilter>();
}
