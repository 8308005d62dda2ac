using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace Telemed.Host.Platform;

/// <summary>
/// Unexpected failures become ProblemDetails with a stable code and no exception text (which could
/// carry PHI); the log gets the exception type and the request path, never values.
/// </summary>
public sealed class ErrorHandling(IProblemDetailsService problems, ILogger<ErrorHandling> logger) : IExceptionHandler
{
    public static string CodeFor(int status) => status switch
    {
        400 => "request.invalid",
        401 => "auth.required",
        403 => "forbidden",
        404 => "not_found",
        405 => "method_not_allowed",
        409 => "conflict",
        415 => "unsupported_media_type",
        429 => "rate_limited",
        _ => "server_error",
    };

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, code, detail) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "request.invalid", "The request body or parameters could not be read. Check the JSON and the field types."),
            DbUpdateConcurrencyException => (409, "conflict.concurrent_update", "Someone else changed this at the same time. Reload and try again."),
            DbUpdateException => (409, "conflict", "The change conflicts with existing data."),
            _ => (500, "server_error", "Something went wrong on our side. Nothing you sent was lost; try again."),
        };
        if (status >= 500)
        {
            // Database errors carry the provider's code (never the message, which may quote values).
            var databaseCode = (exception as System.Data.Common.DbException ?? exception.InnerException as System.Data.Common.DbException) switch
            {
                Npgsql.PostgresException pg => pg.SqlState,
                Microsoft.Data.Sqlite.SqliteException lite => $"sqlite:{lite.SqliteErrorCode}/{lite.SqliteExtendedErrorCode}",
                { } other => other.ErrorCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
                null => null,
            };
            logger.LogError("Unhandled {ExceptionType} ({DatabaseCode}) on {Method} {Endpoint} at {Site}", exception.GetType().FullName, databaseCode,
                context.Request.Method, context.GetEndpoint()?.DisplayName, exception.TargetSite?.DeclaringType?.FullName);
        }

        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = null,
            ProblemDetails = { Status = status, Title = BuildingBlocks.Http.Problems.Title(status), Detail = detail, Extensions = { ["code"] = code } },
        });
    }
}
