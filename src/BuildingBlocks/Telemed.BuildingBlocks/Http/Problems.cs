using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Telemed.BuildingBlocks.Results;

namespace Telemed.BuildingBlocks.Http;

/// <summary>Maps expected failures to RFC 9457 ProblemDetails carrying a stable <c>code</c>.</summary>
public static class Problems
{
    public static ProblemHttpResult From(Error error)
    {
        var status = error.Kind switch
        {
            ErrorKind.Validation => StatusCodes.Status400BadRequest,
            ErrorKind.NotFound => StatusCodes.Status404NotFound,
            ErrorKind.Conflict => StatusCodes.Status409Conflict,
            ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
            ErrorKind.Unauthorized => StatusCodes.Status401Unauthorized,
            ErrorKind.Locked => StatusCodes.Status423Locked,
            ErrorKind.TooManyRequests => StatusCodes.Status429TooManyRequests,
            ErrorKind.Unprocessable => StatusCodes.Status422UnprocessableEntity,
            ErrorKind.Gone => StatusCodes.Status410Gone,
            ErrorKind.PayloadTooLarge => StatusCodes.Status413PayloadTooLarge,
            ErrorKind.UnsupportedMediaType => StatusCodes.Status415UnsupportedMediaType,
            ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
            _ => StatusCodes.Status400BadRequest,
        };
        var problem = error.FieldErrors is { Count: > 0 }
            ? new HttpValidationProblemDetails(error.FieldErrors.ToDictionary(kv => kv.Key, kv => kv.Value))
            : new ProblemDetails();
        problem.Status = status;
        problem.Title = Title(status);
        problem.Detail = error.Message;
        problem.Type = $"https://telemed.dev/problems/{error.Code}";
        problem.Extensions["code"] = error.Code;
        return TypedResults.Problem(problem);
    }

    public static string Title(int status) => status switch
    {
        400 => "The request is invalid.",
        401 => "Authentication is required.",
        403 => "Access denied.",
        404 => "Not found.",
        409 => "Conflict.",
        423 => "Locked.",
        410 => "Gone.",
        413 => "The content is too large.",
        415 => "The content type is not supported.",
        422 => "The request cannot be carried out.",
        429 => "Too many requests.",
        503 => "The service is unavailable; try again shortly.",
        _ => "An error occurred.",
    };
}
