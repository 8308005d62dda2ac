using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Data;

namespace Telemed.Host.Platform;

/// <summary>
/// Unexpected failures become ProblemDetails with a stable code and no exception text (which could
/// carry PHI); the log gets the exception type and the route template, never values (no path, query,
/// body or exception message).
/// </summary>
/// <remarks>
/// Requests the framework cannot read (malformed JSON, a value of the wrong type, a route or query
/// value that does not bind, a multipart body without or with the wrong boundary, a wrong content
/// type) are the client's fault: 400 <c>request.invalid</c> (413 <c>request.too_large</c>, 415
/// <c>unsupported_media_type</c>), documented in
/// docs/api-v1.md.
/// </remarks>
public sealed class ErrorHandling(IProblemDetailsService problems, ILogger<ErrorHandling> logger) : IExceptionHandler
{
    /// <summary>Stable codes for statuses the framework produces without an <see cref="BuildingBlocks.Results.Error"/>.</summary>
    public static string CodeFor(int status) => status switch
    {
        400 => "request.invalid",
        401 => "auth.required",
        403 => "forbidden",
        404 => "not_found",
        405 => "method_not_allowed",
        406 => "request.not_acceptable",
        408 => "request.timeout",
        409 => "conflict",
        411 => "request.length_required",
        413 => "request.too_large",
        414 => "request.uri_too_long",
        415 => "unsupported_media_type",
        431 => "request.headers_too_large",
        429 => "rate_limited",
        _ when status < 500 => "request.invalid",
        _ => "server_error",
    };

    /// <summary>How an exception maps onto an answer: status, stable code and a detail that quotes nothing the client sent.</summary>
    public static (int Status, string Code, string Detail) Classify(Exception exception) => exception switch
    {
        BadHttpRequestException { StatusCode: 413 } => (413, "request.too_large", "The request body is too large."),
        BadHttpRequestException { StatusCode: 415 } => (415, "unsupported_media_type", "Send the body as application/json (or multipart/form-data where a file is expected)."),
        // Text with a control character, a bidi override, a lone surrogate… (docs/security.md, "Text users send"): named by field in TryHandleAsync.
        _ when RefusedText(exception) is { } text => (400, BuildingBlocks.Text.UserText.ErrorCode, text.Message),
        BadHttpRequestException { InnerException: System.Text.Json.JsonException } =>
            (400, "request.invalid", "The request body is not valid JSON for this operation. Check the JSON and the field types."),
        BadHttpRequestException bad when bad.StatusCode is >= 400 and < 500 =>
            (bad.StatusCode, CodeFor(bad.StatusCode), "The request body or parameters could not be read. Check the JSON and the field types."),
        // Multipart and form parsing: a missing or mismatched boundary, a truncated body, a section over the limits.
        InvalidDataException => (400, "request.invalid", "The request body could not be read. Check the content type, its boundary and the body."),
        // ReadFromJsonAsync refuses a charset it does not know (application/json; charset=klingon) with an InvalidOperationException.
        InvalidOperationException when exception.TargetSite?.DeclaringType?.FullName == "Microsoft.AspNetCore.Http.HttpRequestJsonExtensions" =>
            (415, "unsupported_media_type", "Send the body as UTF-8 JSON (application/json; charset=utf-8)."),
        System.Text.Json.JsonException => (400, "request.invalid", "The request body is not valid JSON for this operation. Check the JSON and the field types."),
        // PostgreSQL text cannot hold NUL (22021) or characters the encoding lacks (22P05): only a client sends those.
        _ when IsUnstorableText(exception) => (400, "request.invalid", "Text may not contain NUL or other characters that cannot be stored."),
        // The database is down, restarting or refusing connections: the client's request was fine and a retry in a few seconds
        // will do (503 with Retry-After; with an Idempotency-Key the retry cannot double a booking). Checked before DbUpdateException,
        // which wraps these too and would otherwise read as a 409 conflict.
        _ when IsDatabaseUnavailable(exception) => (503, DatabaseUnavailableCode,
            "The service cannot reach its database right now. Try again in a few seconds; a retry with the same Idempotency-Key is safe."),
        DbUpdateConcurrencyException => (409, "conflict.concurrent_update", "Someone else changed this at the same time. Reload and try again."),
        // A deadlock or serialisation failure outside a save (ExecuteUpdate, a caller's transaction): the same crossing change.
        _ when exception.IsCrossingWriters() => (409, "conflict.concurrent_update", "Someone else changed this at the same time. Reload and try again."),
        DbUpdateException => (409, "conflict", "The change conflicts with existing data."),
        // The same refusal from a statement EF Core does not wrap (ExecuteUpdate, ExecuteDelete, raw SQL): a key, a foreign key, a
        // NOT NULL or CHECK constraint (SQLSTATE class 23, SQLITE_CONSTRAINT) is a conflict with the data, not a server fault.
        _ when IsConstraintViolation(exception) => (409, "conflict", "The change conflicts with existing data."),
        _ => (500, "server_error", "Something went wrong on our side. Nothing you sent was lost; try again."),
    };

    /// <summary>The stable code of a 503 answered while the database cannot be reached (docs/recovery.md).</summary>
    public const string DatabaseUnavailableCode = "database.unavailable";

    /// <summary>Seconds a client should wait before retrying after <see cref="DatabaseUnavailableCode"/>: a PostgreSQL restart takes about this long.</summary>
    public const int DatabaseRetryAfterSeconds = 2;

    /// <summary>
    /// Whether the exception (or one it wraps) says the database could not be reached or went away mid-request: a broken or refused
    /// connection (an <see cref="Npgsql.NpgsqlException"/> that is not a server error, e.g. socket or end of stream), a timeout, or the
    /// server's own "shutting down / starting up / too many connections" (SQLSTATE class 08, 57P01–57P03, 53300), or a SQLite file
    /// still locked when the write gate's time-out passed (<c>SQLITE_BUSY</c>, <c>SQLITE_LOCKED</c>). Serialization
    /// failures and deadlocks are not here: they are the application's to retry or answer.
    /// </summary>
    public static bool IsDatabaseUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case Npgsql.PostgresException pg:
                    return pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState is "57P01" or "57P02" or "57P03" or "53300";
                case Npgsql.NpgsqlException npgsql when npgsql.IsTransient:
                    return true;
                // SQLite's file stayed locked past the write gate's time-out (another process, a stuck writer): retry shortly.
                case Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 }:
                    return true;
            }
        }

        return false;
    }

    private static bool IsConstraintViolation(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is Npgsql.PostgresException { SqlState: ['2', '3', ..] } or Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The text refusal this exception is, or carries (a body System.Text.Json read for the endpoint, or one read by hand), including
    /// text the JSON reader could not turn into a string (an escaped lone surrogate, bytes that are not UTF-8: <see cref="BuildingBlocks.Text.UserTextJson.RefusalIn"/>).
    /// </summary>
    public static BuildingBlocks.Text.InvalidTextException? RefusedText(Exception exception) => BuildingBlocks.Text.UserTextJson.RefusalIn(exception);

    /// <summary>A backstop: with the text rule NUL never reaches PostgreSQL, but a path that skipped it still answers 400, not 500.</summary>
    private static bool IsUnstorableText(Exception exception) =>
        (exception as Npgsql.PostgresException ?? exception.InnerException as Npgsql.PostgresException) is { SqlState: "22021" or "22P05" };

    /// <summary>The route template of the endpoint that failed (<c>/api/v1/patients/{id:guid}/clinical</c>), never the path the client sent.</summary>
    /// <remarks>The exception handler middleware clears the endpoint before handlers run; the feature keeps the one that failed.</remarks>
    public static string RouteTemplateOf(HttpContext context) => (context.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? context.GetEndpoint()) switch
    {
        RouteEndpoint route => route.RoutePattern.RawText ?? "(unnamed route)",
        { } other => other.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? "(endpoint without a route)",
        null => "(no endpoint)",
    };

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, code, detail) = Classify(exception);
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
            logger.LogError("Unhandled {ExceptionType} ({DatabaseCode}) on {Method} {RouteTemplate} at {Site}", exception.GetType().FullName, databaseCode,
                context.Request.Method, RouteTemplateOf(context), exception.TargetSite?.DeclaringType?.FullName);
        }
        else
        {
            logger.LogInformation("Refused unreadable request ({ExceptionType} → {Status} {Code}) on {Method} {RouteTemplate}", exception.GetType().FullName, status, code,
                context.Request.Method, RouteTemplateOf(context));
        }

        if (context.Response.HasStarted)
        {
            return false;
        }

        if (RefusedText(exception) is { } refused)
        {
            // The field's JSON path in "errors", and the message in the reader's language.
            await BuildingBlocks.Http.Problems.From(BuildingBlocks.Text.UserTextErrors.For(refused.FieldPath, refused.Problem, context.Request.Headers.AcceptLanguage))
                .ExecuteAsync(context);
            return true;
        }

        context.Response.StatusCode = status;
        var missing = status == 400 ? await MissingMembers.OfAsync(exception, context) : [];
        if (missing.Count > 0)
        {
            detail = $"Required members are missing: {string.Join(", ", missing)}.";
        }

        if (code == DatabaseUnavailableCode)
        {
            context.Response.Headers.RetryAfter = DatabaseRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var problem = new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = null,
            ProblemDetails =
            {
                Status = status, Title = BuildingBlocks.Http.Problems.Title(status), Detail = detail,
                Type = $"https://telemed.dev/problems/{code}", Extensions = { ["code"] = code },
            },
        };
        if (missing.Count > 0)
        {
            // The shape validation.failed uses, so a form shows the message beside the field.
            problem.ProblemDetails.Extensions["errors"] = missing.ToDictionary(m => m, _ => new[] { "Required." });
        }

        return await problems.TryWriteAsync(problem);
    }
}
