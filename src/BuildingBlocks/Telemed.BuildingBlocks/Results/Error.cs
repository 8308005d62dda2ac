namespace Telemed.BuildingBlocks.Results;

/// <summary>How an expected failure maps onto HTTP; the code is the stable contract for clients.</summary>
public enum ErrorKind { Validation, NotFound, Conflict, Forbidden, Unauthorized, Locked, TooManyRequests, Unprocessable, Gone, PayloadTooLarge, UnsupportedMediaType,
    /// <summary>A service we depend on (e.g. the payment gateway) did not answer: 503, worth retrying; nothing was lost.</summary>
    Unavailable }

public sealed record Error(string Code, string Message, ErrorKind Kind, IReadOnlyDictionary<string, string[]>? FieldErrors = null)
{
    public static Error NotFound() => new("not_found", "The requested resource was not found.", ErrorKind.NotFound);
    public static Error Forbidden(string code = "forbidden", string message = "You are not allowed to do this.") => new(code, message, ErrorKind.Forbidden);
    public static Error Conflict(string code, string message) => new(code, message, ErrorKind.Conflict);
    public static Error Validation(string code, string message) => new(code, message, ErrorKind.Validation);

    public static Error ValidationFailed(IReadOnlyDictionary<string, string[]> fieldErrors) =>
        new("validation.failed", "One or more fields are invalid.", ErrorKind.Validation, fieldErrors);
}
