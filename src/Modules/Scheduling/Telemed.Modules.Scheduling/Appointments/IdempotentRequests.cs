using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Scheduling.Infrastructure;

namespace Telemed.Modules.Scheduling.Appointments;

/// <summary>
/// Makes a retried booking safe without costing the common case anything but one row. A successful booking inserts its
/// <see cref="IdempotencyRecord"/> (the outcome already filled in) in the booking's own transaction; (caller, key) is the
/// primary key, so of two racing requests with one key only one commits, and the other, refused by that key (or by the time
/// blocks the first took), finds the first's record and answers with it. A failed booking stores its outcome afterwards in
/// a transaction of its own (the slower path), so a retry answers the same. The same key with another body is refused.
/// </summary>
internal sealed class IdempotentRequests(SchedulingDbContext db, TimeProvider clock)
{
    public const int MaxKeyLength = Telemed.BuildingBlocks.Http.IdempotencyKeyHeader.MaxLength;

    /// <summary>
    /// The record a request with <paramref name="http"/>'s <c>Idempotency-Key</c> will insert with its outcome; null when the request
    /// carries no key. Errors: <c>idempotency.key_invalid</c> (400) for a key longer than <see cref="MaxKeyLength"/> or more than one key
    /// (<see cref="Telemed.BuildingBlocks.Http.IdempotencyKeyHeader.Read"/>, the header's one reader).
    /// </summary>
    public Result<IdempotencyRecord?> Claim<TRequest>(Guid userId, Microsoft.AspNetCore.Http.HttpRequest http, TRequest request)
    {
        var read = Telemed.BuildingBlocks.Http.IdempotencyKeyHeader.Read(http);
        if (!read.IsSuccess)
        {
            return read.Error!;
        }

        if (read.Value is not { } key)
        {
            return (IdempotencyRecord?)null;
        }

        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(request))));
        return new IdempotencyRecord { UserId = userId, Key = key, RequestHash = hash, CreatedAt = clock.GetUtcNow().UtcDateTime };
    }

    /// <summary>Adds the record of a successful booking to the pending changes of the booking's transaction.</summary>
    public void RecordSuccess(IdempotencyRecord claim, Appointment appointment)
    {
        claim.StatusCode = 201;
        claim.AppointmentId = appointment.Id;
        claim.ErrorCode = null;
        db.IdempotencyRecords.Add(claim);
    }

    /// <summary>The answer an earlier request with the claim's key got, or null when none has committed.</summary>
    public async Task<Result<Appointment>?> EarlierOutcomeAsync(IdempotencyRecord claim, CancellationToken ct)
    {
        var first = await db.IdempotencyRecords.AsNoTracking().SingleOrDefaultAsync(r => r.UserId == claim.UserId && r.Key == claim.Key, ct);
        if (first is null)
        {
            return null;
        }

        if (first.RequestHash != claim.RequestHash)
        {
            return SchedulingErrors.IdempotencyKeyReused;
        }

        if (first.StatusCode == 0)
        {
            // Left by the earlier protocol (record first, outcome after) while its request was running.
            return SchedulingErrors.IdempotencyInFlight;
        }

        if (first.AppointmentId is { } id)
        {
            return await db.Appointments.SingleAsync(a => a.Id == id, ct);
        }

        return first.ErrorCode switch
        {
            "scheduling.slot_taken" => SchedulingErrors.SlotTaken,
            "scheduling.slot_unavailable" => SchedulingErrors.SlotUnavailable,
            "scheduling.doctor_not_found" => SchedulingErrors.DoctorNotFound,
            _ => new Error(first.ErrorCode ?? "conflict", "The first request with this Idempotency-Key failed.", ErrorKind.Conflict),
        };
    }

    /// <summary>
    /// Stores a failed outcome so that a retry gets the same answer. If another request with the key committed first (e.g. the
    /// booking this one retries), its outcome is the answer instead (Replayed). Nothing is stored without a key.
    /// </summary>
    public async Task<(Result<Appointment> Result, bool Replayed)> RecordFailureAsync(IdempotencyRecord? claim, Error error, CancellationToken ct)
    {
        if (claim is null)
        {
            return (error, false);
        }

        db.ChangeTracker.Clear();
        claim.StatusCode = 409;
        claim.ErrorCode = error.Code;
        claim.AppointmentId = null;
        db.IdempotencyRecords.Add(claim);
        try
        {
            await db.SaveChangesAsync(ct);
            return (error, false);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            return (await EarlierOutcomeAsync(claim, ct) ?? error, true);
        }
    }
}
