using Telemed.BuildingBlocks.Auditing;

namespace Telemed.Host.Platform;

/// <summary>
/// Writes a request's audit records (PHI reads) after the API handler returned its result and before the result is
/// written, while the status can still change. If the database has just become unreachable, the result (which may carry
/// PHI) is replaced by the host's 503 <c>database.unavailable</c>: nothing leaves unaudited, and the client gets a clean,
/// retryable refusal instead of the empty 500 that an abort in <see cref="AuditMiddleware"/>'s last-moment flush would give.
/// </summary>
/// <remarks>
/// A write's records already committed with the write; a booking that committed and is then answered 503 is found by its
/// retry (Idempotency-Key). Records collected while the result is written (streamed bodies) are still flushed by
/// <see cref="AuditMiddleware"/>.
/// </remarks>
public sealed class AuditBeforeResultFilter(IAuditTrail trail) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var scope = context.HttpContext.RequestServices.GetRequiredService<AuditScope>();
        // An exception thrown here (the database unavailable among them) reaches ErrorHandling before anything is written.
        await scope.FlushAsync(trail, AuditMiddleware.OutcomeOf(StatusOf(result), failed: false), CancellationToken.None);
        return result;
    }

    private static int StatusOf(object? result)
    {
        while (result is INestedHttpResult nested)
        {
            result = nested.Result;
        }

        return result is IStatusCodeHttpResult { StatusCode: { } status } ? status : StatusCodes.Status200OK;
    }
}
