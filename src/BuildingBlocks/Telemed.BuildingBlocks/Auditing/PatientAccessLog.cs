namespace Telemed.BuildingBlocks.Auditing;

/// <summary>
/// One audit entry about a patient's record: when (UTC), who (user id), what (action code such as <c>phi.read</c>, record
/// type code such as <c>VisitProtocol</c>), the outcome, and whether access rested on break-glass. Free text (reasons,
/// display names written at the time) is left out on purpose: the patient's report names people from their accounts.
/// </summary>
public sealed record PatientAccessEntry(long Id, DateTime OccurredAt, Guid ActorId, string Action, string? RecordType, AuditOutcome Outcome, bool BreakGlass);

/// <summary>
/// The filter of <see cref="IPatientAccessLog.FindAsync"/>: one patient (directory patient id), an instant range (UTC, both
/// ends inclusive, either open), the actors whose entries count (e.g. the clinic's staff), the actions and the outcomes.
/// </summary>
public sealed record PatientAccessQuery(Guid PatientId, DateTime? From, DateTime? To, IReadOnlyCollection<Guid> ActorIds,
    IReadOnlyCollection<string> Actions, IReadOnlyCollection<AuditOutcome> Outcomes);

/// <summary>
/// The audit module's read port for the patient's access report: entries whose subject is one patient, found by the
/// <c>(SubjectPatientId, OccurredAt)</c> index, plus entries naming the patient themselves as the record (record type
/// <c>Patient</c>, the <c>(RecordType, RecordId)</c> index). Implemented by the audit module, which references no other module.
/// </summary>
public interface IPatientAccessLog
{
    /// <summary>One page (skip/take) of the entries matching <paramref name="query"/>, newest first, and how many match in all.</summary>
    Task<(IReadOnlyList<PatientAccessEntry> Items, int Total)> FindAsync(PatientAccessQuery query, int skip, int take, CancellationToken cancellationToken = default);
}
