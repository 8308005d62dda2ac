using System.Collections.Concurrent;

namespace Telemed.BuildingBlocks.Auditing;

/// <summary>
/// Collects the audit facts of one unit of work (an HTTP request, a job); the request pipeline fills
/// in who and from where and writes them once the outcome is known.
/// </summary>
public sealed class AuditScope(TimeProvider clock)
{
    private readonly ConcurrentQueue<AuditRecord> _pending = new();
    private readonly ConcurrentDictionary<(string, string, string), bool> _seen = new();

    public Guid? ActorId { get; set; }
    public string? ActorDisplay { get; set; }
    public string? IpAddress { get; set; }

    /// <summary>Set when access in this unit of work rests on break-glass; every PHI entry is then flagged.</summary>
    public string? BreakGlassReason { get; private set; }

    public void MarkBreakGlass(string reason) => BreakGlassReason = reason;

    public void RecordPhiAccess(string action, string recordType, Guid recordId)
    {
        // One entry per record and action per unit of work: a record loaded twice is one access.
        if (_seen.TryAdd((action, recordType, recordId.ToString()), true))
        {
            _pending.Enqueue(new AuditRecord(action, AuditOutcome.Success, clock.GetUtcNow().UtcDateTime, RecordType: recordType, RecordId: recordId.ToString()));
        }
    }

    public void Record(string action, AuditOutcome outcome, string? recordType = null, string? recordId = null, string? reason = null, Guid? actorId = null, bool breakGlass = false)
        => _pending.Enqueue(new AuditRecord(action, outcome, clock.GetUtcNow().UtcDateTime, ActorId: actorId, RecordType: recordType, RecordId: recordId, Reason: reason, BreakGlass: breakGlass));

    /// <summary>Takes the pending facts, completing them with the actor, address and overall outcome.</summary>
    public IReadOnlyList<AuditRecord> Drain(AuditOutcome? requestOutcome = null)
    {
        var drained = new List<AuditRecord>();
        while (_pending.TryDequeue(out var record))
        {
            var isPhi = record.Action.StartsWith("phi.", StringComparison.Ordinal);
            drained.Add(record with
            {
                ActorId = record.ActorId ?? ActorId,
                ActorDisplay = record.ActorDisplay ?? ActorDisplay,
                IpAddress = record.IpAddress ?? IpAddress,
                Outcome = isPhi && requestOutcome is { } o ? o : record.Outcome,
                BreakGlass = record.BreakGlass || (isPhi && BreakGlassReason is not null),
                Reason = record.Reason ?? (isPhi ? BreakGlassReason : null),
            });
        }

        _seen.Clear();
        return drained;
    }

    public async Task FlushAsync(IAuditTrail trail, AuditOutcome? requestOutcome = null, CancellationToken ct = default)
    {
        var records = Drain(requestOutcome);
        if (records.Count > 0)
        {
            await trail.AppendAsync(records, ct);
        }
    }
}
