using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Scheduling.Infrastructure;

namespace Telemed.Modules.Scheduling.Appointments;

/// <summary>
/// Makes a retried booking safe. The first request with a key records itself (the key is a primary
/// key, so a racing duplicate loses at the database), runs, and stores its outcome; later requests
/// with the same key and body get that outcome again; the same key with another body is refused.
/// </summary>
internal sealed class IdempotentRequests(SchedulingDbContext db, TimeProvider clock)
{
    public const int MaxKeyLength = 100;

    public async Task<(Result<Appointment> Result, bool Replayed)> RunAsync<TRequest>(Guid userId, string key, TRequest request,
        Func<Task<Result<Appointment>>> work, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            return (await work(), false);
        }

        if (key.Length > MaxKeyLength)
        {
            return (Error.Validation("idempotency.key_invalid", $"The Idempotency-Key may be at most {MaxKeyLength} characters."), false);
        }

        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(request))));
        var record = new IdempotencyRecord { UserId = userId, Key = key, RequestHash = hash, CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.IdempotencyRecords.Add(record);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            return (await ReplayAsync(userId, key, hash, ct), true);
        }

        Result<Appointment> result;
        try
        {
            result = await work();
        }
        catch
        {
            db.ChangeTracker.Clear();
            await db.IdempotencyRecords.Where(r => r.UserId == userId && r.Key == key).ExecuteDeleteAsync(CancellationToken.None);
            throw;
        }

        await db.IdempotencyRecords.Where(r => r.UserId == userId && r.Key == key).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.StatusCode, result.IsSuccess ? 201 : 409)
            .SetProperty(r => r.ErrorCode, result.IsSuccess ? null : result.Error!.Code)
            .SetProperty(r => r.AppointmentId, result.IsSuccess ? result.Value.Id : null), ct);
        return (result, false);
    }

    private async Task<Result<Appointment>> ReplayAsync(Guid userId, string key, string hash, CancellationToken ct)
    {
        var first = await db.IdempotencyRecords.AsNoTracking().SingleAsync(r => r.UserId == userId && r.Key == key, ct);
        if (first.RequestHash != hash)
        {
            return SchedulingErrors.IdempotencyKeyReused;
        }

        if (first.StatusCode == 0)
        {
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
}
