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

    /// <summary>
    /// Queues a fact to be written with the unit of work's next save or at its end. A <see cref="AuditOutcome.Success"/> recorded
    /// here is a claim that the unit of work's next save makes true: if that save fails or its transaction rolls back, the record is
    /// written as <see cref="AuditOutcome.Failure"/> with the reason <see cref="NotCommittedReason"/> (see <see cref="Requeue"/>),
    /// never as a success. The success of a write belongs with the write: <c>ModuleDbContext.AuditWithNextSave</c>.
    /// </summary>
    public void Record(string action, AuditOutcome outcome, string? recordType = null, string? recordId = null, string? reason = null, Guid? actorId = null, bool breakGlass = false,
        Guid? subjectPatientId = null)
    {
        var awaits = outcome == AuditOutcome.Success;
        if (awaits)
        {
            Interlocked.Increment(ref _awaitingCommit);
        }

        _pending.Enqueue(new AuditRecord(action, outcome, clock.GetUtcNow().UtcDateTime, ActorId: actorId, RecordType: recordType, RecordId: recordId, Reason: reason,
            BreakGlass: breakGlass, SubjectPatientId: subjectPatientId) { AwaitsCommit = awaits });
    }

    /// <summary>The reason written with a success recorded ahead of a save that did not commit (it is written as a failure).</summary>
    public const string NotCommittedReason = "not committed";

    // Successes recorded by Record that no save has confirmed or refuted yet (an upper bound: drained ones are not subtracted).
    private int _awaitingCommit;
    private readonly Lock _settling = new();

    /// <summary>
    /// A save of this unit of work committed: the successes recorded before it are true and are written as recorded, whatever
    /// becomes of a later save.
    /// </summary>
    public void Settled() => Remap(settle: true);

    /// <summary>Turns the pending successes that await a commit into settled successes (<paramref name="settle"/>) or failures.</summary>
    private void Remap(bool settle)
    {
        if (Volatile.Read(ref _awaitingCommit) == 0)
        {
            return;
        }

        lock (_settling)
        {
            var kept = new List<AuditRecord>();
            while (_pending.TryDequeue(out var record))
            {
                kept.Add(record.AwaitsCommit ? settle ? record with { AwaitsCommit = false } : NotCommitted(record) : record);
            }

            Interlocked.Exchange(ref _awaitingCommit, 0);
            foreach (var record in kept)
            {
                _pending.Enqueue(record);
            }
        }
    }

    /// <summary>A success whose write did not commit: the attempt is kept in the trail, as a failure, so no success stands for it.</summary>
    private static AuditRecord NotCommitted(AuditRecord record) =>
        record with { Outcome = AuditOutcome.Failure, Reason = record.Reason is null ? NotCommittedReason : $"{NotCommittedReason}: {record.Reason}", AwaitsCommit = false };

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
    /// <remarks>
    /// Called for every save that joins a caller's transaction, even with no records: the transaction's end then also decides the
    /// successes still pending (<see cref="Record"/>), which it confirms or refutes. Transactions no save of this unit of work
    /// joined (a SQLite group commit led by this context, a read) decide nothing.
    /// </remarks>
    public void Carry(Guid transactionId, IReadOnlyList<AuditRecord> records)
    {
        var list = _inFlight.GetOrAdd(transactionId, _ => []);
        if (records.Count > 0)
        {
            lock (list)
            {
                list.AddRange(records);
            }
        }
    }

    /// <summary>The transaction committed: what it carried is in the trail, and the successes recorded before it are true.</summary>
    public void Committed(Guid transactionId)
    {
        if (_inFlight.TryRemove(transactionId, out _))
        {
            Settled();
        }
    }

    /// <summary>
    /// The transaction rolled back or failed: what it carried is written at the unit of work's end, its successes as failures
    /// (<see cref="Requeue"/>).
    /// </summary>
    public void NotCommitted(Guid transactionId)
    {
        if (_inFlight.TryRemove(transactionId, out var records))
        {
            Requeue(records);
        }
    }

    /// <summary>
    /// A save of this unit of work failed or its transaction did not commit: puts back <paramref name="records"/>, taken by
    /// <see cref="Drain"/> to ride with it, so the unit of work's end writes them. Reads and refusals are written as they were
    /// recorded; a success recorded with <see cref="Record"/> that no earlier save confirmed, carried or still pending, did not
    /// happen and is written as <see cref="AuditOutcome.Failure"/> (reason <see cref="NotCommittedReason"/>): a refused or
    /// rolled-back write never leaves a success in the trail.
    /// </summary>
    public void Requeue(IEnumerable<AuditRecord> records)
    {
        foreach (var record in records)
        {
            _pending.Enqueue(record.AwaitsCommit ? NotCommitted(record) : record);
        }

        Remap(settle: false);
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
