using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Telemed.BuildingBlocks.Results;

namespace Telemed.BuildingBlocks.Http;

/// <summary>
/// Endpoint metadata: the operation takes an optional <c>Idempotency-Key</c> header (at most <see cref="MaxLength"/> characters): a
/// request sent again with the same key (a lost answer, a retry) is answered as the first was and changes nothing more; the same key
/// with another body is 422 <c>idempotency.key_reused</c>, a longer key, two keys or a key with a comma 400 <c>idempotency.key_invalid</c>
/// (<see cref="Read"/>). The OpenAPI document
/// declares the header on every operation that carries this (the host's operation transformer).
/// </summary>
public sealed class IdempotencyKeyHeader
{
    public const string Name = "Idempotency-Key";

    public const int MaxLength = 100;

    public static readonly IdempotencyKeyHeader Instance = new();

    /// <summary>400 <c>idempotency.key_invalid</c>: the key is longer than <see cref="MaxLength"/>.</summary>
    public static readonly Error TooLong = Error.Validation("idempotency.key_invalid", $"The Idempotency-Key may be at most {MaxLength} characters.");

    /// <summary>
    /// 400 <c>idempotency.key_invalid</c>: the request carries the header twice (or a proxy folded two into one, "a1, a2"), so which
    /// request it retries is unclear; reading both as one key "a1,a2" would make a retry with either key a new request.
    /// </summary>
    public static readonly Error NotOne = Error.Validation("idempotency.key_invalid",
        "Send one Idempotency-Key header with one key (no commas): this request carries several.");

    private IdempotencyKeyHeader()
    {
    }

    /// <summary>
    /// The request's key, trimmed; null when it carries none (no header, or only blanks). The only reader of the header: every
    /// operation that takes one reads it here. Errors (400 <c>idempotency.key_invalid</c>): <see cref="NotOne"/> for two header
    /// lines or a comma in the key, <see cref="TooLong"/> for a key over <see cref="MaxLength"/> characters.
    /// </summary>
    public static Result<string?> Read(HttpRequest request)
    {
        var values = request.Headers[Name];
        if (values.Count > 1)
        {
            return NotOne;
        }

        var key = values.ToString().Trim();
        if (key.Length == 0)
        {
            return (string?)null;
        }

        if (key.Contains(',', StringComparison.Ordinal))
        {
            return NotOne;
        }

        if (key.Length > MaxLength)
        {
            return TooLong;
        }

        return key;
    }
}

public static class IdempotencyKeyHeaderExtensions
{
    /// <summary>Marks the endpoint as taking an <c>Idempotency-Key</c> header (see <see cref="IdempotencyKeyHeader"/>).</summary>
    public static RouteHandlerBuilder AcceptsIdempotencyKey(this RouteHandlerBuilder builder) => builder.WithMetadata(IdempotencyKeyHeader.Instance);
}
