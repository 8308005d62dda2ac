using System.Security.Claims;
using Telemed.BuildingBlocks.Auditing;

namespace Telemed.Host.Platform;

/// <summary>
/// Completes and writes the audit facts a request collected (PHI reads from EF, sign-ins, denials): who, from where,
/// with the request's outcome. They are written just before the response starts, so a PHI read is durable before the
/// response that carries it leaves; what is audited after that (rare: streamed bodies) is written when the request
/// ends. Writes' records are not here: they commit with the write (ModuleDbContext). Handlers never write the trail.
/// </summary>
/// <remarks>
/// While the database is unreachable the records of a request that is being answered with an error (4xx/5xx, which carries
/// no record data) cannot be written; the answer leaves anyway (a clean 503 <c>database.unavailable</c>) and a warning says
/// which request's records were lost. API results are audited earlier, by <see cref="AuditBeforeResultFilter"/>, which can
/// still turn a result into a 503; a successful answer whose records cannot be written here is aborted: no PHI leaves unaudited.
/// </remarks>
public sealed class AuditMiddleware(RequestDelegate next, IAuditTrail trail, ILogger<AuditMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context, AuditScope scope)
    {
        scope.IpAddress = context.Connection.RemoteIpAddress?.ToString();
        // The principal may change during the request (sign-in), so it is read whenever a record is completed.
        scope.ActorSource = () => Actor(context.User);
        context.Response.OnStarting(() => FlushBeforeAnswerAsync(context, scope));
        var failed = false;
        try
        {
            await next(context);
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            await scope.FlushAsync(trail, OutcomeOf(context.Response.StatusCode, failed), CancellationToken.None);
        }
    }

    private async Task FlushBeforeAnswerAsync(HttpContext context, AuditScope scope)
    {
        try
        {
            await scope.FlushAsync(trail, OutcomeOf(context.Response.StatusCode, failed: false), CancellationToken.None);
        }
        catch (Exception e) when (context.Response.StatusCode >= 400 && ErrorHandling.IsDatabaseUnavailable(e))
        {
            // Throwing here would make Kestrel abort the answer (an empty 500) although it carries no record data.
            logger.LogWarning("The audit records of {Method} {RouteTemplate} (answered {Status}) were not written: the database is unavailable",
                context.Request.Method, ErrorHandling.RouteTemplateOf(context), context.Response.StatusCode);
        }
    }

    /// <summary>Roles, not names, as the actor's display: a patient's name is PHI.</summary>
    internal static (Guid? Id, string? Display) Actor(ClaimsPrincipal? user) =>
        Guid.TryParse(user?.FindFirstValue(ClaimTypes.NameIdentifier), out var actor)
            ? (actor, string.Join(',', user!.FindAll(ClaimTypes.Role).Select(c => c.Value)))
            : (null, null);

    internal static AuditOutcome OutcomeOf(int status, bool failed) =>
        failed || status >= 500 ? AuditOutcome.Failure
        : status is 401 or 403 or 404 ? AuditOutcome.Denied
        : status >= 400 ? AuditOutcome.Failure
        : AuditOutcome.Success;
}
