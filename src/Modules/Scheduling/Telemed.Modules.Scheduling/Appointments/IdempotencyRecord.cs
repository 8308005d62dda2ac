namespace Telemed.Modules.Scheduling.Appointments;

/// <summary>
/// The first answer to a request with an Idempotency-Key, per caller. The key is the primary key, so
/// two racing retries cannot both book: the loser finds the winner's answer.
/// </summary>
internal sealed class IdempotencyRecord
{
    public Guid UserId { get; init; }
    public required string Key { get; init; }
    public required string RequestHash { get; init; }
    public Guid? AppointmentId { get; set; }
    public int StatusCode { get; set; }
    public string? ErrorCode { get; set; }
    public DateTime CreatedAt { get; init; }
}
