using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;

namespace Telemed.BuildingBlocks.Data;

/// <summary>
/// The <c>Idempotency-Key</c> of a request that created a record, kept in the creating module's own schema (table
/// <c>create_request_keys</c>) in the same transaction as the record: a retry of the request (a lost answer, a second click after an
/// error) finds the record it created instead of creating another. <see cref="UserId"/> and <see cref="Key"/> with the
/// <see cref="Operation"/> (e.g. <c>labs.place_order</c>) are the primary key, so of two racing requests with one key only one commits.
/// <see cref="RequestHash"/> is the SHA-256 (hex) of the request's normalised content; <see cref="CreatedAt"/> a UTC instant.
/// </summary>
public sealed class CreateRequestKey
{
    public Guid UserId { get; init; }
    public string Operation { get; init; } = "";
    public string Key { get; init; } = "";
    public string RequestHash { get; init; } = "";

    /// <summary>The id of the record the request created.</summary>
    public Guid ResourceId { get; set; }
    public DateTime CreatedAt { get; init; }
}

/// <summary>
/// Claims, keeps and finds <see cref="CreateRequestKey"/>s (docs/api-v1.md, "Retrying a create"). Errors: 400
/// <c>idempotency.key_invalid</c> for a key longer than <see cref="IdempotencyKeyHeader.MaxLength"/> characters or more than one key
/// (<see cref="IdempotencyKeyHeader.Read"/>), 422
/// <c>idempotency.key_reused</c> for the same key with another request.
/// </summary>
public static class CreateRequestKeys
{
    public static readonly Error KeyInvalid = IdempotencyKeyHeader.TooLong;

    public static readonly Error KeyReused = new("idempotency.key_reused",
        "This Idempotency-Key was already used for another request. Send a new key for a new request.", ErrorKind.Unprocessable);

    /// <summary>Maps <see cref="CreateRequestKey"/> to the module's <c>create_request_keys</c> table (a migration of the module creates it).</summary>
    public static void MapCreateRequestKeys(this ModelBuilder modelBuilder) =>
        modelBuilder.Entity<CreateRequestKey>(b =>
        {
            b.ToTable("create_request_keys");
            b.HasKey(k => new { k.UserId, k.Operation, k.Key });
            b.Property(k => k.Operation).HasMaxLength(64);
            b.Property(k => k.Key).HasMaxLength(IdempotencyKeyHeader.MaxLength);
            b.Property(k => k.RequestHash).HasMaxLength(64);
            // CreateRequestKeyRetention deletes the oldest first.
            b.HasIndex(k => k.CreatedAt);
        });

    /// <summary>
    /// The key the request carries for <paramref name="operation"/> by <paramref name="userId"/>, hashed with
    /// <paramref name="content"/> (the request as it will be acted on: normalise order-free lists first); null without a header.
    /// </summary>
    public static Result<CreateRequestKey?> Claim(HttpRequest request, Guid userId, string operation, object content, DateTime now)
    {
        var read = IdempotencyKeyHeader.Read(request);
        if (!read.IsSuccess)
        {
            return read.Error!;
        }

        if (read.Value is not { } key)
        {
            return (CreateRequestKey?)null;
        }

        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(content))));
        return new CreateRequestKey { UserId = userId, Operation = operation, Key = key, RequestHash = hash, CreatedAt = now };
    }

    /// <summary>
    /// <see cref="Claim"/> and <see cref="EarlierAsync"/> in one: the request's key for <paramref name="operation"/> and, when the
    /// request is already answered, that answer (<see cref="CreateRequestClaim.Answer"/>): 400 <see cref="KeyInvalid"/>, the id of the
    /// record an earlier request with the key created, or 422 <see cref="KeyReused"/>. Answer null: create the record, then save it
    /// with <see cref="SaveCreatedAsync"/> and <see cref="CreateRequestClaim.Key"/>.
    /// </summary>
    public static async Task<CreateRequestClaim> ClaimAsync(this DbContext db, HttpRequest request, Guid userId, string operation, object content,
        DateTime now, CancellationToken ct)
    {
        var claim = Claim(request, userId, operation, content, now);
        if (!claim.IsSuccess)
        {
            return new CreateRequestClaim(null, claim.Error!);
        }

        return claim.Value is { } key ? new CreateRequestClaim(key, await db.EarlierAsync(key, ct)) : new CreateRequestClaim(null, null);
    }

    /// <summary>
    /// The answer to a request that an earlier one with its key already answered (<see cref="CreateRequestClaim.Answer"/>, or what
    /// <see cref="SaveCreatedAsync"/> returns): the key's error as ProblemDetails; else <paramref name="answer"/> for the record the
    /// earlier request created, or <paramref name="gone"/> (a 404) when <paramref name="answer"/> no longer finds it (null): never a
    /// failure, and never a second record.
    /// </summary>
    public static async Task<Results<TAnswer, ProblemHttpResult>> AnswerAsync<TAnswer>(this Result<Guid> earlier, Func<Guid, Task<TAnswer?>> answer,
        Error gone) where TAnswer : class, IResult
    {
        if (!earlier.IsSuccess)
        {
            return Problems.From(earlier.Error!);
        }

        return await answer(earlier.Value) is { } found ? found : Problems.From(gone);
    }

    /// <summary>
    /// The id of the record an earlier request with <paramref name="claim"/>'s key created, null when none has committed;
    /// <see cref="KeyReused"/> when that request was another one.
    /// </summary>
    public static async Task<Result<Guid>?> EarlierAsync(this DbContext db, CreateRequestKey claim, CancellationToken ct)
    {
        var first = await db.Set<CreateRequestKey>().AsNoTracking()
            .SingleOrDefaultAsync(k => k.UserId == claim.UserId && k.Operation == claim.Operation && k.Key == claim.Key, ct);
        if (first is null)
        {
            return null;
        }

        return first.RequestHash == claim.RequestHash ? first.ResourceId : KeyReused;
    }

    /// <summary>
    /// Saves the pending changes (the new record <paramref name="resourceId"/>) with <paramref name="claim"/> when the request carries
    /// one, in one transaction. Null when saved. When the same request, sent twice at once, committed its key first, the pending changes
    /// are dropped and the earlier request's outcome is returned instead, as <see cref="EarlierAsync"/> gives it.
    /// </summary>
    public static async Task<Result<Guid>?> SaveCreatedAsync(this DbContext db, CreateRequestKey? claim, Guid resourceId, CancellationToken ct)
    {
        if (claim is not null)
        {
            claim.ResourceId = resourceId;
            db.Set<CreateRequestKey>().Add(claim);
        }

        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException e) when (claim is not null && e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            if (await db.EarlierAsync(claim, ct) is { } earlier)
            {
                return earlier;
            }

            throw;
        }
    }
}

/// <summary>
/// A create request's <see cref="Key"/> (null without an <c>Idempotency-Key</c> header) and the <see cref="Answer"/> already due for
/// it (null when the record is still to be created): the id of the record an earlier request with the key created, or the key's error.
/// </summary>
public sealed record CreateRequestClaim(CreateRequestKey? Key, Result<Guid>? Answer);
