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
    private readonly ConcurrentDictionary<Guid, List<AuditRecord>> _inFlight = new();

    public Guid? ActorId { get; set; }
    public string? ActorDisplay { get; set; }
    public string? IpAddress { get; set; }

    /// <summary>
    /// Who is acting right now, asked whenever a record is completed: records written mid-request (with a
    /// write, in its transaction) need the actor before the request ends, and a sign-in changes it mid-request.
    /// </summary>
    public Func<(Guid? Id, string? Display)>? ActorSource { get; set; }

    /// <summary>Set when access in this unit of work rests on break-glass; every PHI entry is then flagged.</summary>
    public string? BreakGlassReason { get; private set; }

    public void MarkBreakGlass(string reason) => BreakGlassReason = reason;

    /// <summary>
    /// Records one access to a PHI record; <paramref name="patientId"/> is the directory patient whose record it is (null when
    /// unknown), which puts the access in that patient's access report.
    /// </summary>
    public void RecordPhiAccess(string action, string recordType, Guid recordId, Guid? patientId = null)
    {
        // One entry per record and action per unit of work: a record loaded twice is one access.
        if (_seen.TryAdd((action, recordType, recordId.ToString()), true))
        {
            _pending.Enqueue(new AuditRecord(action, AuditOutcome.Success, clock.GetUtcNow().UtcDateTime, RecordType: recordType, RecordId: recordId.ToString(),
                SubjectPatientId: patientId));
        }
    }

    public void Record(string action, AuditOutcome outcome, string? recordType = null, string? recordId = null, string? reason = null, Guid? actorId = null, bool breakGlass = false,
        Guid? subjectPatientId = null)
        => _pending.Enqueue(new AuditRecord(action, outcome, clock.GetUtcNow().UtcDateTime, ActorId: actorId, RecordType: recordType, RecordId: recordId, Reason: reason,
            BreakGlass: breakGlass, SubjectPatientId: subjectPatientId));

    /// <summary>
    /// Takes the pending facts, completing them with the actor, address and overall outcome
    /// (<paramref name="requestOutcome"/> applies to PHI entries; null keeps each record's own).
    /// </summary>
    public IReadOnlyList<AuditRecord> Drain(AuditOutcome? requestOutcome = null)
    {
        var drained = new List<AuditRecord>();
        while (_pending.TryDequeue(out var record))
        {
            drained.Add(Complete(record, requestOutcome));
        }

        return drained;
    }

    /// <summary>
    /// Records taken by <see cref="Drain"/> that ride in a caller's still-open transaction: done if it commits
    /// (<see cref="Committed"/>), put back if it does not (<see cref="NotCommitted"/>, or at <see cref="FlushAsync"/>
    /// when nobody said).
    /// </summary>
    public void Carry(Guid transactionId, IReadOnlyList<AuditRecord> records)
    {
        if (records.Count > 0)
        {
            var list = _inFlight.GetOrAdd(transactionId, _ => []);
            lock (list)
            {
                list.AddRange(records);
            }
        }
    }

    /// <summary>The transaction committed: what it carried is in the trail.</summary>
    public void Committed(Guid transactionId) => _inFlight.TryRemove(transactionId, out _);

    /// <summary>The transaction rolled back or failed: what it carried is written at the unit of work's end.</summary>
    public void NotCommitted(Guid transactionId)
    {
        if (_inFlight.TryRemove(transactionId, out var records))
        {
            Requeue(records);
        }
    }

    /// <summary>Puts back records taken by <see cref="Drain"/> whose write did not commit, so the unit of work's end writes them.</summary>
    public void Requeue(IEnumerable<AuditRecord> records)
    {
        foreach (var record in records)
        {
            _pending.Enqueue(record);
        }
    }

    /// <summary>
    /// The completed record of a successful business fact that is saved with a write (<c>ModuleDbContext.AuditWithNextSave</c>),
    /// not queued here: it shares the write's fate.
    /// </summary>
    public AuditRecord Fact(string action, string recordType, string recordId, string? reason = null, Guid? subjectPatientId = null) =>
        Complete(new AuditRecord(action, AuditOutcome.Success, clock.GetUtcNow().UtcDateTime, RecordType: recordType, RecordId: recordId, Reason: reason,
            SubjectPatientId: subjectPatientId), null);

    /// <summary>
    /// The completed record of a PHI write about to be saved. Not de-duplicated across saves: each save that commits
    /// is a write of its own, and a save that rolled back and is retried must be recorded again.
    /// </summary>
    public AuditRecord PhiWrite(string action, string recordType, Guid recordId, Guid? patientId = null) =>
        Complete(new AuditRecord(action, AuditOutcome.Success, clock.GetUtcNow().UtcDateTime, RecordType: recordType, RecordId: recordId.ToString(),
            SubjectPatientId: patientId), null);

    private AuditRecord Complete(AuditRecord record, AuditOutcome? requestOutcome)
    {
        var isPhi = record.Action.StartsWith("phi.", StringComparison.Ordinal);
        var (actorId, actorDisplay) = ActorSource?.Invoke() ?? (null, null);
        return record with
        {
            ActorId = record.ActorId ?? ActorId ?? actorId,
            ActorDisplay = record.ActorDisplay ?? ActorDisplay ?? actorDisplay,
            IpAddress = record.IpAddress ?? IpAddress,
            Outcome = isPhi && requestOutcome is { } o ? o : record.Outcome,
            BreakGlass = record.BreakGlass || (isPhi && BreakGlassReason is not null),
            Reason = record.Reason ?? (isPhi ? BreakGlassReason : null),
        };
    }

    /// <summary>Writes what is pending (one statement, no lock); durable when this returns.</summary>
    public async Task FlushAsync(IAuditTrail trail, AuditOutcome? requestOutcome = null, CancellationToken ct = default)
    {
        // Carried by a transaction that ended without a word (disposed uncommitted): not in the trail, so written now.
        // Enumerating the dictionary takes no lock (its Keys property takes all of them, on every request).
        if (!_inFlight.IsEmpty)
        {
            foreach (var (transactionId, _) in _inFlight)
            {
                NotCommitted(transactionId);
            }
        }

        var records = Drain(requestOutcome);
        if (records.Count > 0)
        {
            await trail.AppendAsync(records, ct);
        }
    }
}
