using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Telemed.BuildingBlocks.Http;

/// <summary>
/// Endpoint metadata: the operation takes an optional <c>Idempotency-Key</c> header (at most <see cref="MaxLength"/> characters): a
/// request sent again with the same key (a lost answer, a retry) is answered as the first was and changes nothing more; the same key
/// with another body is 422 <c>idempotency.key_reused</c>, a longer key 400 <c>idempotency.key_invalid</c>. The OpenAPI document
/// declares the header on every operation that carries this (the host's operation transformer).
/// </summary>
public sealed class IdempotencyKeyHeader
{
    public const string Name = "Idempotency-Key";

    public const int MaxLength = 100;

    public static readonly IdempotencyKeyHeader Instance = new();

    private IdempotencyKeyHeader()
    {
    }
}

public static class IdempotencyKeyHeaderExtensions
{
    /// <summary>Marks the endpoint as taking an <c>Idempotency-Key</c> header (see <see cref="IdempotencyKeyHeader"/>).</summary>
    public static RouteHandlerBuilder AcceptsIdempotencyKey(this RouteHandlerBuilder builder) => builder.WithMetadata(IdempotencyKeyHeader.Instance);
}
